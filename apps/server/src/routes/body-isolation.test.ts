import type { CommitteeDto, MeDto, SozialraumDto, UserDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import { ApiClient } from '../testing/client.ts';
import {
  PASSWORD,
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  uniqueEmail,
  type TestBody,
  type TestUser,
} from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';

interface Tenant {
  body: TestBody;
  admin: ApiClient;
  clerk: ApiClient;
  users: TestUser[];
  sozialraeume: SozialraumDto[];
  committees: CommitteeDto[];
}

describe.each(testDatabases())('body isolation on $name', (factory) => {
  const ctx = useTestServer(factory);
  let hagen: Tenant;
  let haan: Tenant;

  /** A body with an admin, a clerk, a member, two Sozialräume and a committee, all made over the API. */
  async function tenant(name: string): Promise<Tenant> {
    const body = await createTestBody(ctx.db.sql, name);
    const admin = await loginAs(ctx.server, body.adminEmail);
    // Both bodies use the same codes and names: only the body tells them apart.
    const sozialraeume = [
      await createSozialraum(admin, { code: 'SR-1', name: 'Innenstadt' }),
      await createSozialraum(admin, { code: 'SR-2', name: 'Nord' }),
    ];
    const clerkUser = await createUser(admin, { role: 'clerk' });
    const member = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: sozialraeume[0]!.id, access: 'edit' }],
    });
    const committee = await admin.post<CommitteeDto>('/api/committees', {
      name: 'Rat der Stadt',
      kind: 'council',
    });
    expect(committee.status).toBe(201);
    return {
      body,
      admin,
      clerk: await loginAs(ctx.server, clerkUser.email),
      users: [clerkUser, member],
      sozialraeume,
      committees: [committee.body],
    };
  }

  beforeAll(async () => {
    hagen = await tenant('Stadt Hagen');
    haan = await tenant('Stadt Haan');
  });

  it('shows each admin only the users of their own body', async () => {
    for (const [own, other] of [
      [hagen, haan],
      [haan, hagen],
    ] as const) {
      const response = await own.admin.get<UserDto[]>('/api/users');
      expect(response.status).toBe(200);
      const ids = response.body.map((u) => u.id).sort();
      expect(ids).toEqual([own.body.adminId, ...own.users.map((u) => u.id)].sort());
      for (const user of [other.body.adminId, ...other.users.map((u) => u.id)])
        expect(ids).not.toContain(user);
    }
  });

  it('lists only the own body’s Sozialräume, for admins and clerks alike', async () => {
    for (const own of [hagen, haan]) {
      for (const client of [own.admin, own.clerk]) {
        const response = await client.get<SozialraumDto[]>('/api/sozialraeume');
        expect(response.body.map((s) => s.id).sort()).toEqual(own.sozialraeume.map((s) => s.id).sort());
      }
    }
  });

  it('lists only the own body’s committees', async () => {
    expect((await hagen.clerk.get<CommitteeDto[]>('/api/committees')).body).toEqual(hagen.committees);
    expect((await haan.clerk.get<CommitteeDto[]>('/api/committees')).body).toEqual(haan.committees);
  });

  it('gives every Sozialraum its own documents, never shared across bodies', () => {
    const documents = [...hagen.sozialraeume, ...haan.sozialraeume].flatMap((s) => [
      s.documents.actionPlan,
      s.documents.needs,
    ]);
    expect(new Set(documents).size).toBe(documents.length);
  });

  it('reports the own body in /api/me', async () => {
    const me = await haan.clerk.get<MeDto>('/api/me');
    expect(me.body.body).toEqual({ id: haan.body.bodyId, name: 'Stadt Haan' });
  });

  it('answers 404 for another body’s Sozialraum and users, and changes nothing there', async () => {
    const foreign = haan.sozialraeume[0]!;
    expectError(await hagen.admin.get(`/api/sozialraeume/${foreign.id}`), 404, 'not_found');
    expectError(
      await hagen.admin.patch(`/api/sozialraeume/${foreign.id}`, { archived: true }),
      404,
      'not_found',
    );
    expectError(await hagen.admin.get(`/api/users/${haan.body.adminId}`), 404, 'not_found');
    expectError(
      await hagen.admin.patch(`/api/users/${haan.body.adminId}`, { active: false }),
      404,
      'not_found',
    );
    expectError(
      await hagen.admin.post(`/api/users/${haan.body.adminId}/password`, { password: 'uebernommen-123' }),
      404,
      'not_found',
    );

    expect((await haan.admin.get<SozialraumDto>(`/api/sozialraeume/${foreign.id}`)).body.archived).toBe(
      false,
    );
    // Haan's admin is still active and still has the old password.
    expect((await haan.admin.get('/api/me')).status).toBe(200);
    expect((await loginAs(ctx.server, haan.body.adminEmail, PASSWORD)).cookie('qp_session')).toBeDefined();
  });

  it('refuses a new user with a membership in another body’s Sozialraum, and creates no one', async () => {
    const email = uniqueEmail('grenzgaenger');
    const response = await hagen.admin.post('/api/users', {
      email,
      name: 'Grenzgänger',
      password: PASSWORD,
      role: 'member',
      memberships: [
        { sozialraumId: hagen.sozialraeume[0]!.id, access: 'view' },
        { sozialraumId: haan.sozialraeume[0]!.id, access: 'edit' },
      ],
    });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'memberships', message: 'Mindestens ein Sozialraum existiert nicht.' }],
    });
    const users = await hagen.admin.get<UserDto[]>('/api/users');
    expect(users.body.map((u) => u.email)).not.toContain(email);
    // The address is still free: the refused request left nothing behind.
    expect((await createUser(hagen.admin, { role: 'member', email })).email).toBe(email);
  });

  it('refuses to grant an existing user a membership in another body’s Sozialraum, keeping the old ones', async () => {
    const member = hagen.users[1]!;
    const before = await hagen.admin.get<UserDto>(`/api/users/${member.id}`);
    const response = await hagen.admin.put(`/api/users/${member.id}/memberships`, {
      memberships: [{ sozialraumId: haan.sozialraeume[1]!.id, access: 'edit' }],
    });
    expectError(response, 400, 'validation_failed');
    const after = await hagen.admin.get<UserDto>(`/api/users/${member.id}`);
    expect(after.body.memberships).toEqual(before.body.memberships);
    expect(after.body.memberships).toHaveLength(1);
  });

  it('lets a member of one body log in without seeing anything of the other', async () => {
    const member = await loginAs(ctx.server, haan.users[1]!.email);
    const list = await member.get<SozialraumDto[]>('/api/sozialraeume');
    expect(list.body.map((s) => s.id)).toEqual([haan.sozialraeume[0]!.id]);
    expectError(await member.get(`/api/sozialraeume/${hagen.sozialraeume[0]!.id}`), 404, 'not_found');
  });

  it('keeps e-mail addresses unique per body: another body’s admin learns nothing, and login asks which body', async () => {
    const address = hagen.users[0]!.email;
    // Creating an account with an address Hagen uses answers as any new address would: no probe of Hagen's users.
    const created = await haan.admin.post<{ id: string }>('/api/users', {
      email: address,
      name: 'Doppelgänger',
      password: PASSWORD,
      role: 'clerk',
    });
    expect(created.status).toBe(201);
    const again = await haan.admin.post('/api/users', {
      email: address,
      name: 'Dritte',
      password: PASSWORD,
      role: 'clerk',
    });
    expect(expectError(again, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'email', message: 'Diese E-Mail-Adresse hat in Ihrer Kommune schon ein Konto.' }],
    });

    // The same password opens both accounts: the person chooses, then lands in the body chosen.
    const client = new ApiClient(ctx.server.origin);
    const choose = expectError(await client.login(address, PASSWORD), 409, 'choose_body');
    const bodies = (choose.details as { bodies: { id: string; name: string }[] }).bodies;
    expect(bodies.map((b) => b.name).sort()).toEqual([haan.body.bodyName, hagen.body.bodyName].sort());
    const haanBody = bodies.find((b) => b.name === haan.body.bodyName)!;
    const chosen = await client.post('/api/auth/login', {
      email: address,
      password: PASSWORD,
      bodyId: haanBody.id,
    });
    expect(chosen.status).toBe(200);
    expect((await client.get<{ id: string }>('/api/me')).body.id).toBe(created.body.id);

    // A body whose account does not take the password is no choice: that is a wrong password, nothing more.
    const other = new ApiClient(ctx.server.origin);
    expectError(
      await other.post('/api/auth/login', {
        email: address,
        password: 'falsch-falsch-falsch',
        bodyId: haanBody.id,
      }),
      401,
      'invalid_credentials',
    );
  });
});
