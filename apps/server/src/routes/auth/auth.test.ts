import { createHash } from 'node:crypto';
import type { MeDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import {
  PASSWORD,
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  type TestBody,
  type TestUser,
} from '../../testing/fixtures.ts';
import { startTestServer, useTestServer } from '../../testing/server.ts';

const COOKIE = 'qp_session';
const GENERIC_401 = 'E-Mail-Adresse oder Passwort ist falsch.';

describe.each(testDatabases())('login, logout and sessions over HTTP on $name', (factory) => {
  const ctx = useTestServer(factory);
  let body: TestBody;
  let admin: ApiClient;
  let member: TestUser;
  let sozialraumId: string;

  beforeAll(async () => {
    body = await createTestBody(ctx.db.sql, 'Stadt Hagen');
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraumId = (await createSozialraum(admin)).id;
    member = await createUser(admin, { role: 'member', memberships: [{ sozialraumId, access: 'view' }] });
  });

  const client = () => new ApiClient(ctx.server.origin);

  it('logs in with e-mail and password and answers with the user', async () => {
    const c = client();
    const response = await c.login(member.email, PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: member.id, name: expect.any(String), role: 'member' });
    expect(c.cookie(COOKIE)).toMatch(/^[a-z2-7]{32}$/);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, without Secure over http', async () => {
    const response = await client().login(member.email, PASSWORD);
    const [cookie, ...others] = response.headers.getSetCookie();
    expect(others).toEqual([]);
    const attributes = cookie!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^qp_session=[a-z2-7]{32}$/);
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes).not.toContain('secure');
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    const expires = attributes.find((a) => a.startsWith('expires='));
    expect(Date.parse(expires!.slice('expires='.length))).toBeGreaterThan(Date.now());
  });

  it('keeps only the SHA-256 of the session token in the database', async () => {
    const c = client();
    await c.login(member.email, PASSWORD);
    const token = c.cookie(COOKIE)!;
    const rows = await ctx.db.sql<{ id: string }[]>`select id from session where user_id = ${member.id}`;
    expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it('answers GET /api/me with the user, role, body and memberships', async () => {
    const c = await loginAs(ctx.server, member.email);
    const me = await c.get<MeDto>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: member.id,
      email: member.email,
      name: expect.any(String),
      role: 'member',
      body: { id: body.bodyId, name: 'Stadt Hagen' },
      memberships: [{ sozialraumId, access: 'view' }],
    });
  });

  it('accepts the e-mail address in any case', async () => {
    const response = await client().login(member.email.toUpperCase(), PASSWORD);
    expect(response.status).toBe(200);
  });

  it('refuses wrong credentials with 401 and one generic German message', async () => {
    const wrongPassword = await client().login(member.email, 'falsches-passwort');
    const unknownEmail = await client().login('niemand@test.quartierplan.de', PASSWORD);
    for (const response of [wrongPassword, unknownEmail]) {
      const error = expectError(response, 401, 'invalid_credentials');
      expect(error.message).toBe(GENERIC_401);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    // Nothing in the answer tells the two apart.
    expect(wrongPassword.text).toBe(unknownEmail.text);
  });

  it('validates the login input', async () => {
    const error = expectError(
      await client().post('/api/auth/login', { email: '' }),
      400,
      'validation_failed',
    );
    expect(error.details).toEqual({
      issues: [
        { path: 'email', message: 'Bitte die E-Mail-Adresse angeben.' },
        { path: 'password', message: 'Ungültige Eingabe: erwartet string, erhalten undefined' },
      ],
    });
  });

  it('logs out with 204, clears the cookie and ends the session on the server', async () => {
    const c = await loginAs(ctx.server, member.email);
    const token = c.cookie(COOKIE)!;
    const response = await c.post('/api/auth/logout');
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.getSetCookie().join()).toMatch(/qp_session=;.*Max-Age=0/i);
    expect(c.cookie(COOKIE)).toBeUndefined();

    // The old token is worthless even to someone who kept it.
    const replay = client();
    replay.setCookie(COOKIE, token);
    expectError(await replay.get('/api/me'), 401, 'unauthenticated');
  });

  it('answers logout without a session with 204 too', async () => {
    expect((await client().post('/api/auth/logout')).status).toBe(204);
  });

  it('answers 401 to an unknown session token and tells the browser to drop it', async () => {
    const c = client();
    c.setCookie(COOKIE, 'a'.repeat(32));
    const response = await c.get('/api/me');
    expectError(response, 401, 'unauthenticated');
    expect(response.headers.getSetCookie().join()).toMatch(/qp_session=;.*Max-Age=0/i);
  });

  it('ends every session of a user an admin deactivates, and refuses their login', async () => {
    const user = await createUser(admin, { role: 'clerk' });
    const c = await loginAs(ctx.server, user.email);
    expect((await c.get('/api/me')).status).toBe(200);

    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expectError(await c.get('/api/me'), 401, 'unauthenticated');
    const relogin = await client().login(user.email, user.password);
    expect(expectError(relogin, 401, 'invalid_credentials').message).toBe(GENERIC_401);

    expect((await admin.patch(`/api/users/${user.id}`, { active: true })).status).toBe(200);
    expect((await client().login(user.email, user.password)).status).toBe(200);
  });

  it('ends every session when an admin resets the password; only the new one works', async () => {
    const user = await createUser(admin, { role: 'member' });
    const laptop = await loginAs(ctx.server, user.email);
    const phone = await loginAs(ctx.server, user.email);

    const reset = await admin.post(`/api/users/${user.id}/password`, { password: 'ganz-neues-passwort' });
    expect(reset.status).toBe(204);
    expectError(await laptop.get('/api/me'), 401, 'unauthenticated');
    expectError(await phone.get('/api/me'), 401, 'unauthenticated');
    expectError(await client().login(user.email, PASSWORD), 401, 'invalid_credentials');
    expect((await client().login(user.email, 'ganz-neues-passwort')).status).toBe(200);
  });

  it('ends every session when an admin ends them, without touching the password', async () => {
    const user = await createUser(admin, { role: 'member' });
    const c = await loginAs(ctx.server, user.email);
    expect((await admin.delete(`/api/users/${user.id}/sessions`)).status).toBe(204);
    expectError(await c.get('/api/me'), 401, 'unauthenticated');
    expect((await client().login(user.email, PASSWORD)).status).toBe(200);
  });

  it('changes the own password: other devices are logged out, this one stays', async () => {
    const user = await createUser(admin, { role: 'member' });
    const here = await loginAs(ctx.server, user.email);
    const elsewhere = await loginAs(ctx.server, user.email);

    const wrong = await here.post('/api/me/password', {
      currentPassword: 'nicht-das-alte',
      newPassword: 'mein-neues-passwort',
    });
    expect(expectError(wrong, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'currentPassword', message: 'Das bisherige Passwort stimmt nicht.' }],
    });
    const tooShort = await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'kurz' });
    expectError(tooShort, 400, 'validation_failed');

    const changed = await here.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'mein-neues-passwort',
    });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/me')).status).toBe(200);
    expectError(await elsewhere.get('/api/me'), 401, 'unauthenticated');
    expect((await client().login(user.email, 'mein-neues-passwort')).status).toBe(200);
  });

  it('uses a Secure __Host- cookie when the public origin is https', async () => {
    const secure = await startTestServer(ctx.db.sql, {
      env: { PUBLIC_ORIGIN: 'https://quartierplan.example' },
    });
    try {
      const c = new ApiClient(secure.origin);
      const response = await c.login(member.email, PASSWORD);
      expect(response.status).toBe(200);
      const attributes = response.headers
        .getSetCookie()[0]!
        .split(';')
        .map((a) => a.trim().toLowerCase());
      expect(attributes[0]).toMatch(/^__host-qp_session=[a-z2-7]{32}$/);
      expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
      expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
      // The cookie without the prefix is not accepted there.
      const plain = new ApiClient(secure.origin);
      plain.setCookie(COOKIE, c.cookie('__Host-qp_session')!);
      expectError(await plain.get('/api/me'), 401, 'unauthenticated');
      expect((await c.get('/api/me')).status).toBe(200);
    } finally {
      await secure.close();
    }
  });
});
