import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, IP_POLICY, PAIR_POLICY, PASSWORD_CHECK_POLICY } from '../../auth/throttle.ts';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient, type ApiResponse } from '../../testing/client.ts';
import {
  PASSWORD,
  createTestBody,
  createUser,
  loginAs,
  uniqueEmail,
  type TestUser,
} from '../../testing/fixtures.ts';
import { startTestServer, useTestServer } from '../../testing/server.ts';

const LOCKED_MESSAGE =
  'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 15 Minuten erneut.';

/** Asserts a throttled login: 429, the German message, and Retry-After up to the lock time. */
function expectLocked(response: ApiResponse) {
  const error = expectError(response, 429, 'too_many_requests');
  expect(error.message).toBe(LOCKED_MESSAGE);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(15 * 60 - 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(error.details).toEqual({ retryAfterSeconds: expect.any(Number) });
}

describe.each(testDatabases())('login throttling on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
  });

  /** A login attempt from a client with its own address. */
  const attempt = (email: string, password: string, address?: string) =>
    new ApiClient(ctx.server.origin, address ? { address } : {}).login(email, password);

  it('uses the documented limits', () => {
    expect(PAIR_POLICY).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(IP_POLICY).toEqual({ maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(ACCOUNT_POLICY).toEqual({ maxFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(PASSWORD_CHECK_POLICY).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  });

  describe('per account and address', () => {
    let victim: TestUser;
    let bystander: TestUser;
    beforeAll(async () => {
      victim = await createUser(admin, { role: 'member' });
      bystander = await createUser(admin, { role: 'member' });
    });

    it('locks the account from the guessing address only: the person logs in from anywhere else', async () => {
      const guesser = new ApiClient(ctx.server.origin);
      for (let i = 1; i <= 4; i++) {
        // The address is spelled differently each time; it is still one account.
        const email = i % 2 ? victim.email.toUpperCase() : victim.email;
        expectError(await guesser.login(email, `falsch-${i}-passwort`), 401, 'invalid_credentials');
      }
      expectLocked(await guesser.login(victim.email, 'falsch-5-passwort'));
      expectLocked(await guesser.login(victim.email, PASSWORD));
      // The right password from another address works: nobody can lock a person out from afar.
      expect((await attempt(victim.email, PASSWORD)).status).toBe(200);
      // The guessing address is not locked for other accounts.
      expect((await attempt(bystander.email, PASSWORD, guesser.address)).status).toBe(200);
    });

    it('counts afresh after a successful login', async () => {
      const user = await createUser(admin, { role: 'member' });
      const c = new ApiClient(ctx.server.origin);
      for (let i = 0; i < 4; i++)
        expectError(await c.login(user.email, 'daneben-getippt'), 401, 'invalid_credentials');
      expect((await c.login(user.email, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++)
        expectError(await c.login(user.email, 'daneben-getippt'), 401, 'invalid_credentials');
      expectLocked(await c.login(user.email, 'daneben-getippt'));
    });

    it('locks unknown addresses the same way, so locking reveals no accounts', async () => {
      const nobody = uniqueEmail('niemand');
      const c = new ApiClient(ctx.server.origin);
      for (let i = 0; i < 4; i++) expectError(await c.login(nobody, PASSWORD), 401, 'invalid_credentials');
      expectLocked(await c.login(nobody, PASSWORD));
    });

    it('stops guessing from many addresses, except from addresses the person logged in from before', async () => {
      const user = await createUser(admin, { role: 'member' });
      const office = new ApiClient(ctx.server.origin);
      expect((await office.login(user.email, PASSWORD)).status).toBe(200);
      // 50 failures spread over addresses, each under its own limit of five.
      for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) {
        const guess = await attempt(user.email, `rate-${i}`);
        expectError(guess, 401, 'invalid_credentials');
      }
      expectLocked(await attempt(user.email, 'rate-letzter'));
      expectLocked(await attempt(user.email, PASSWORD));
      // The office the person works from still gets in.
      expect((await office.login(user.email, PASSWORD)).status).toBe(200);
    });

    it('an admin setting a new password ends every lock on the account', async () => {
      const user = await createUser(admin, { role: 'member' });
      const c = new ApiClient(ctx.server.origin);
      for (let i = 0; i < PAIR_POLICY.maxFailures; i++) await c.login(user.email, 'vergessen-vergessen');
      expectLocked(await c.login(user.email, PASSWORD));
      const reset = await admin.post(`/api/users/${user.id}/password`, { password: 'Neues-Passwort-2026!' });
      expect(reset.status).toBe(204);
      expect((await c.login(user.email, 'Neues-Passwort-2026!')).status).toBe(200);
    });

    it('keeps neither e-mail addresses nor client addresses in clear', async () => {
      const user = await createUser(admin, { role: 'member' });
      const c = new ApiClient(ctx.server.origin);
      await c.login(user.email, 'falsch-falsch-falsch');
      const rows = await ctx.db.sql<{ key: string }[]>`select key from login_throttle`;
      expect(rows.length).toBeGreaterThan(0);
      for (const { key } of rows) {
        expect(key).not.toContain(user.email);
        expect(key).not.toContain(c.address);
      }
    });
  });

  describe("changing one's own password", () => {
    it('throttles wrong current passwords: five, then 429 even for the right one', async () => {
      const user = await createUser(admin, { role: 'member' });
      const c = await loginAs(ctx.server, user.email);
      for (let i = 0; i < PASSWORD_CHECK_POLICY.maxFailures - 1; i++) {
        const wrong = await c.post('/api/me/password', {
          currentPassword: `falsch-${i}-xx`,
          newPassword: 'Neues-Passwort-2026!',
        });
        expectError(wrong, 400, 'validation_failed');
      }
      const locked = await c.post('/api/me/password', {
        currentPassword: 'falsch-letztes',
        newPassword: 'Neues-Passwort-2026!',
      });
      expectError(locked, 429, 'too_many_requests');
      const right = await c.post('/api/me/password', {
        currentPassword: PASSWORD,
        newPassword: 'Neues-Passwort-2026!',
      });
      expectError(right, 429, 'too_many_requests');
    });
  });

  describe('per address', () => {
    it('locks an address after twenty failures, whichever accounts they were for', async () => {
      const user = await createUser(admin, { role: 'clerk' });
      const address = new ApiClient(ctx.server.origin).address;
      for (let i = 1; i < 20; i++) {
        expectError(await attempt(uniqueEmail('raten'), PASSWORD, address), 401, 'invalid_credentials');
      }
      expectLocked(await attempt(uniqueEmail('raten'), PASSWORD, address));
      // Every login from that address is refused, the right one included …
      expectLocked(await attempt(user.email, PASSWORD, address));
      // … while the account itself is fine from anywhere else.
      expect((await attempt(user.email, PASSWORD)).status).toBe(200);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY is set, so it cannot be forged around', async () => {
      const user = await createUser(admin, { role: 'member' });
      const direct = await startTestServer(ctx.db.sql, { env: { TRUST_PROXY: 'false' } });
      try {
        // Every attempt claims another address; the server counts the socket's address instead.
        for (let i = 1; i < 20; i++) {
          const c = new ApiClient(direct.origin);
          expectError(await c.login(uniqueEmail('raten'), PASSWORD), 401, 'invalid_credentials');
        }
        expectLocked(await new ApiClient(direct.origin).login(uniqueEmail('raten'), PASSWORD));
        expectLocked(await new ApiClient(direct.origin).login(user.email, PASSWORD));
      } finally {
        await direct.close();
      }
    });

    it('does not lock an address that logs in successfully many times', async () => {
      const user = await createUser(admin, { role: 'member' });
      const c = new ApiClient(ctx.server.origin);
      for (let i = 0; i < 25; i++) expect((await c.login(user.email, PASSWORD)).status).toBe(200);
    });
  });
});
