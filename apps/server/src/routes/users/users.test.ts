import type { MeDto, SozialraumDto, UserDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import {
  PASSWORD,
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  uniqueEmail,
  type TestBody,
} from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';
const LAST_ADMIN = 'Die Kommune braucht mindestens eine aktive Administratorin oder einen Administrator.';

describe.each(testDatabases())('user administration API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let body: TestBody;
  let admin: ApiClient;
  let nord: SozialraumDto;
  let sued: SozialraumDto;

  beforeAll(async () => {
    body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    nord = await createSozialraum(admin, { code: 'NORD' });
    sued = await createSozialraum(admin, { code: 'SUED' });
  });

  it('creates a user: 201 with exactly {"id"}, and the user can log in', async () => {
    const email = uniqueEmail('Neu').replace('neu', 'Neu');
    const response = await admin.post('/api/users', {
      email: `  ${email} `,
      name: '  Nora Neumann ',
      password: 'eine-lange-passphrase',
      role: 'member',
      memberships: [
        { sozialraumId: sued.id, access: 'view' },
        { sozialraumId: nord.id, access: 'edit' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.stringMatching(UUID) });
    const { id } = response.body as { id: string };

    const user = await admin.get<UserDto>(`/api/users/${id}`);
    expect(user.body).toEqual({
      id,
      email: email.toLowerCase(),
      name: 'Nora Neumann',
      role: 'member',
      active: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      memberships: [
        { sozialraumId: nord.id, access: 'edit' },
        { sozialraumId: sued.id, access: 'view' },
      ],
    } satisfies UserDto);

    const client = await loginAs(ctx.server, email.toLowerCase(), 'eine-lange-passphrase');
    expect((await client.get<MeDto>('/api/me')).body.memberships).toHaveLength(2);
  });

  it('lists the users of the body without any password hash', async () => {
    const response = await admin.get<UserDto[]>('/api/users');
    expect(response.status).toBe(200);
    expect(response.body.map((u) => u.id)).toContain(body.adminId);
    for (const user of response.body) {
      expect(Object.keys(user).sort()).toEqual([
        'active',
        'createdAt',
        'email',
        'id',
        'memberships',
        'name',
        'role',
      ]);
    }
    expect(response.text).not.toMatch(/argon2|passwordHash|password_hash/i);
  });

  it('refuses an e-mail address that is taken, whatever its case', async () => {
    const taken = await createUser(admin, { role: 'clerk' });
    const response = await admin.post('/api/users', {
      email: taken.email.toUpperCase(),
      name: 'Zweite',
      password: PASSWORD,
      role: 'clerk',
    });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'email', message: 'Diese E-Mail-Adresse hat in Ihrer Kommune schon ein Konto.' }],
    });
  });

  it('refuses a membership in a Sozialraum that does not exist', async () => {
    const response = await admin.post('/api/users', {
      email: uniqueEmail(),
      name: 'Irgendwer',
      password: PASSWORD,
      role: 'member',
      memberships: [{ sozialraumId: MISSING, access: 'view' }],
    });
    expectError(response, 400, 'validation_failed');
  });

  it('changes name and role; a new role applies to the running session at once', async () => {
    const clerk = await createUser(admin, { role: 'clerk' });
    const client = await loginAs(ctx.server, clerk.email);
    expectError(await client.get('/api/users'), 403, 'forbidden');

    const response = await admin.patch<UserDto>(`/api/users/${clerk.id}`, {
      name: 'Befördert',
      role: 'admin',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: clerk.id, name: 'Befördert', role: 'admin', active: true });
    expect((await client.get('/api/users')).status).toBe(200);
  });

  it('refuses an empty change', async () => {
    const response = await admin.patch(`/api/users/${body.adminId}`, {});
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: '', message: 'Keine Änderung angegeben.' }],
    });
  });

  it('replaces memberships, and refuses duplicates', async () => {
    const member = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: nord.id, access: 'view' }],
    });
    const replaced = await admin.put<UserDto>(`/api/users/${member.id}/memberships`, {
      memberships: [{ sozialraumId: sued.id, access: 'edit' }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.memberships).toEqual([{ sozialraumId: sued.id, access: 'edit' }]);

    const twice = await admin.put(`/api/users/${member.id}/memberships`, {
      memberships: [
        { sozialraumId: nord.id, access: 'edit' },
        { sozialraumId: nord.id, access: 'view' },
      ],
    });
    expect(expectError(twice, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'memberships', message: 'Jeder Sozialraum darf nur einmal vorkommen.' }],
    });
    expect((await admin.get<UserDto>(`/api/users/${member.id}`)).body.memberships).toEqual([
      { sozialraumId: sued.id, access: 'edit' },
    ]);
  });

  it('refuses a reset password shorter than 12 characters', async () => {
    const user = await createUser(admin, { role: 'member' });
    const response = await admin.post(`/api/users/${user.id}/password`, { password: 'elf-zeichen' });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'password', message: 'Das Passwort muss mindestens 12 Zeichen lang sein.' }],
    });
    expect((await loginAs(ctx.server, user.email)).cookie('qp_session')).toBeDefined();
  });

  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['PUT', '/memberships'],
    ['POST', '/password'],
    ['DELETE', '/sessions'],
  ])('answers %s on an unknown user%s with 404', async (method, suffix) => {
    const json = { PATCH: { name: 'X' }, PUT: { memberships: [] }, POST: { password: PASSWORD } }[method];
    for (const id of [MISSING, 'kein-uuid']) {
      const response = await admin.request(method, `/api/users/${id}${suffix}`, json ? { json } : {});
      expect(expectError(response, 404, 'not_found').message).toMatch(/nicht gefunden/i);
    }
  });

  describe('the last active admin', () => {
    let solo: TestBody;
    let soloAdmin: ApiClient;
    beforeAll(async () => {
      solo = await createTestBody(ctx.db.sql);
      soloAdmin = await loginAs(ctx.server, solo.adminEmail);
    });

    it.each([
      ['demoted', { role: 'clerk' }],
      ['deactivated', { active: false }],
    ])('cannot be %s: 409, and nothing changes', async (_label, patch) => {
      const response = await soloAdmin.patch(`/api/users/${solo.adminId}`, patch);
      expect(expectError(response, 409, 'conflict').message).toBe(LAST_ADMIN);
      const me = await soloAdmin.get<MeDto>('/api/me');
      expect(me.body.role).toBe('admin');
    });

    it('can step down once another admin is active, who then is the last one', async () => {
      const second = await createUser(soloAdmin, { role: 'admin' });
      const secondClient = await loginAs(ctx.server, second.email);

      expect((await soloAdmin.patch(`/api/users/${solo.adminId}`, { role: 'clerk' })).status).toBe(200);
      expectError(await soloAdmin.get('/api/users'), 403, 'forbidden');
      expectError(await secondClient.patch(`/api/users/${second.id}`, { active: false }), 409, 'conflict');
    });

    it('counts only active admins', async () => {
      const other = await createTestBody(ctx.db.sql);
      const first = await loginAs(ctx.server, other.adminEmail);
      const second = await createUser(first, { role: 'admin' });
      expect((await first.patch(`/api/users/${second.id}`, { active: false })).status).toBe(200);
      // The deactivated admin keeps the role, but cannot stand in.
      expectError(await first.patch(`/api/users/${other.adminId}`, { role: 'member' }), 409, 'conflict');
    });
  });
});
