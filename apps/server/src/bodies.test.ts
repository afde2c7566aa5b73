import { bodyRepository, UniqueViolationError, userRepository } from '@quartierplan/db';
import { testDatabases, type TestDatabase } from '@quartierplan/db/testing';
import type { MeDto } from '@quartierplan/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBodyWithAdmin, ensureFirstBody, generatePassword } from './bodies.ts';
import { ApiClient } from './testing/client.ts';
import { PASSWORD } from './testing/fixtures.ts';
import { startTestServer, type TestServer } from './testing/server.ts';

describe('generatePassword', () => {
  it('makes 24 URL-safe characters, different every time, long enough for the schema', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});

describe.each(testDatabases())('first start and further bodies on $name', (factory) => {
  // Each first-start test needs an installation without any body: a fresh database of its own.
  const opened: { db: TestDatabase; server: TestServer }[] = [];
  async function freshInstallation() {
    const db = await factory.open();
    const server = await startTestServer(db.sql);
    opened.push({ db, server });
    return { db, server };
  }
  afterEach(async () => {
    for (const { db, server } of opened.splice(0)) {
      await server.close();
      await db.close();
    }
  });

  it('creates the body and an admin with a one-time password that works, exactly once', async () => {
    const { db, server } = await freshInstallation();
    const first = await ensureFirstBody(db.sql, { bodyName: 'Stadt Hagen', adminEmail: 'Admin@Hagen.de' });
    expect(first).toEqual({
      bodyId: expect.any(String),
      bodyName: 'Stadt Hagen',
      adminId: expect.any(String),
      adminEmail: 'admin@hagen.de',
      generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    });

    const client = new ApiClient(server.origin);
    const login = await client.login('admin@hagen.de', first!.generatedPassword!);
    expect(login.status).toBe(200);
    const me = await client.get<MeDto>('/api/me');
    expect(me.body).toMatchObject({ role: 'admin', body: { id: first!.bodyId, name: 'Stadt Hagen' } });

    // Every later start finds the body and changes nothing, whatever it is given.
    expect(await ensureFirstBody(db.sql, { bodyName: 'Stadt Haan', adminEmail: 'admin@haan.de' })).toBeNull();
    expect(
      await ensureFirstBody(db.sql, { bodyName: 'Stadt Hagen', adminEmail: 'admin@hagen.de' }),
    ).toBeNull();
    expect(await bodyRepository(db.sql).count()).toBe(1);
    expect(await userRepository(db.sql).findCredentialsByEmail('admin@haan.de')).toEqual([]);
    expect(
      (await new ApiClient(server.origin).login('admin@hagen.de', first!.generatedPassword!)).status,
    ).toBe(200);
  });

  it('uses ADMIN_PASSWORD when given and then prints no password', async () => {
    const { db, server } = await freshInstallation();
    const first = await ensureFirstBody(db.sql, {
      bodyName: 'Stadt Haan',
      adminEmail: 'verwaltung@haan.de',
      adminPassword: PASSWORD,
    });
    expect(first).toMatchObject({ bodyName: 'Stadt Haan', generatedPassword: null });
    expect((await new ApiClient(server.origin).login('verwaltung@haan.de', PASSWORD)).status).toBe(200);
  });

  it('creates one body when several instances start at once', async () => {
    const { db } = await freshInstallation();
    const results = await Promise.all(
      ['Eins', 'Zwei', 'Drei'].map((name) =>
        ensureFirstBody(db.sql, { bodyName: `Stadt ${name}`, adminEmail: `admin@${name.toLowerCase()}.de` }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await bodyRepository(db.sql).count()).toBe(1);
    const [row] = await db.sql<{ count: number }[]>`select count(*)::int as count from app_user`;
    expect(row!.count).toBe(1);
  });

  describe('createBodyWithAdmin (the operator command)', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await factory.open();
    });
    afterAll(() => db.close());

    it('creates further bodies, each with its own admin', async () => {
      const a = await createBodyWithAdmin(db.sql, {
        bodyName: ' Stadt A ',
        adminEmail: 'a@a.de',
        adminName: 'Anna',
      });
      const b = await createBodyWithAdmin(db.sql, {
        bodyName: 'Stadt B',
        adminEmail: 'b@b.de',
        adminPassword: PASSWORD,
      });
      expect(a).toMatchObject({
        bodyName: 'Stadt A',
        adminEmail: 'a@a.de',
        generatedPassword: expect.any(String),
      });
      expect(b.generatedPassword).toBeNull();
      expect(a.bodyId).not.toBe(b.bodyId);
      const admin = await userRepository(db.sql).findById(a.bodyId, a.adminId);
      expect(admin).toMatchObject({ name: 'Anna', role: 'admin', active: true, bodyId: a.bodyId });
      expect(await userRepository(db.sql).findById(b.bodyId, a.adminId)).toBeNull();
    });

    it('creates nothing when the body name is taken', async () => {
      await createBodyWithAdmin(db.sql, { bodyName: 'Stadt C', adminEmail: 'c@c.de' });
      await expect(
        createBodyWithAdmin(db.sql, { bodyName: 'Stadt C', adminEmail: 'c2@c.de' }),
      ).rejects.toBeInstanceOf(UniqueViolationError);
      expect(await userRepository(db.sql).findCredentialsByEmail('c2@c.de')).toEqual([]);
    });

    it('lets the admin of a new body hold an address another body uses (addresses are unique per body)', async () => {
      const before = await bodyRepository(db.sql).count();
      await createBodyWithAdmin(db.sql, { bodyName: 'Stadt D', adminEmail: 'a@a.de' });
      expect(await bodyRepository(db.sql).count()).toBe(before + 1);
      expect(await userRepository(db.sql).findCredentialsByEmail('a@a.de')).toHaveLength(2);
    });

    it.each([
      ['a blank body name', { bodyName: '  ', adminEmail: 'e@e.de' }, /Name der Kommune fehlt/],
      ['an invalid address', { bodyName: 'Stadt E', adminEmail: 'kein-at' }, /gültige E-Mail-Adresse/],
      [
        'a short password',
        { bodyName: 'Stadt E', adminEmail: 'e@e.de', adminPassword: 'zu-kurz' },
        /12 Zeichen/,
      ],
    ])('refuses %s', async (_label, input, message) => {
      await expect(createBodyWithAdmin(db.sql, input)).rejects.toThrow(message);
      expect(await bodyRepository(db.sql).findByName('Stadt E')).toBeNull();
    });
  });
});
