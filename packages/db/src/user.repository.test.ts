import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import type { Database } from './connection.ts';
import { UniqueViolationError } from './errors.ts';
import { sozialraumRepository, type SozialraumRow } from './sozialraum.repository.ts';
import { testDatabases } from './testing.ts';
import { ForeignSozialraumError, userRepository, type NewUser } from './user.repository.ts';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe.each(testDatabases())('user repository on $name', ({ open }) => {
  let db: Database;
  let hagen: string;
  let haan: string;
  // Hagen's Sozialräume are created with codes out of alphabetical order on purpose.
  let hagenZ: SozialraumRow;
  let hagenA: SozialraumRow;
  let haanS: SozialraumRow;
  let counter = 0;

  function newUser(bodyId: string, overrides: Partial<NewUser> = {}): NewUser {
    counter += 1;
    return {
      bodyId,
      email: `person${counter}@example.org`,
      name: `Person ${counter}`,
      role: 'member',
      passwordHash: `hash-${counter}`,
      ...overrides,
    };
  }

  beforeAll(async () => {
    db = await open();
    hagen = (await bodyRepository(db.sql).create('Stadt Hagen')).id;
    haan = (await bodyRepository(db.sql).create('Stadt Haan')).id;
    const sozialraeume = sozialraumRepository(db.sql);
    hagenZ = await sozialraeume.create(hagen, { code: 'Z9', name: 'Wehringhausen', stadtbezirk: 'Mitte' });
    hagenA = await sozialraeume.create(hagen, { code: 'A1', name: 'Altenhagen', stadtbezirk: 'Nord' });
    haanS = await sozialraeume.create(haan, { code: 'A1', name: 'Haan Mitte', stadtbezirk: '' });
  });
  afterAll(() => db.close());

  it('creates a user and finds them only within their own body', async () => {
    const users = userRepository(db.sql);
    const created = await users.create(newUser(hagen, { role: 'clerk' }));
    expect(created).toMatchObject({ bodyId: hagen, role: 'clerk', active: true });
    expect(created).not.toHaveProperty('passwordHash');

    expect(await users.findById(hagen, created.id)).toEqual({ ...created, memberships: [] });
    expect(await users.findById(haan, created.id)).toBeNull();
    expect(await users.findById(hagen, MISSING_ID)).toBeNull();
  });

  it('finds credentials by e-mail regardless of case, with the hash', async () => {
    const users = userRepository(db.sql);
    const input = newUser(hagen, { email: 'anna.schmidt@hagen.de', passwordHash: 'argon-hash' });
    const created = await users.create(input);
    const found = await users.findCredentialsByEmail('Anna.Schmidt@HAGEN.de');
    expect(found).toEqual([{ ...created, passwordHash: 'argon-hash', bodyName: expect.any(String) }]);
    expect(await users.findCredentialsByEmail('nobody@hagen.de')).toEqual([]);
  });

  it('stores e-mail addresses only in lower case', async () => {
    await expect(
      userRepository(db.sql).create(newUser(hagen, { email: 'Gross@Hagen.de' })),
    ).rejects.toThrow();
  });

  it('refuses an e-mail address twice in one body, and lets another body use it', async () => {
    const users = userRepository(db.sql);
    await users.create(newUser(hagen, { email: 'doppelt@example.org' }));
    const error = await users
      .create(newUser(hagen, { email: 'doppelt@example.org' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).constraint).toBe('app_user_body_id_email_uq');
    await users.create(newUser(haan, { email: 'doppelt@example.org' }));
    expect((await users.findCredentialsByEmail('doppelt@example.org')).map((u) => u.bodyId)).toEqual(
      expect.arrayContaining([hagen, haan]),
    );
  });

  it('lists the users of one body, sorted by name, with their memberships', async () => {
    const users = userRepository(db.sql);
    const zora = await users.create(newUser(haan, { name: 'zora Zander' }));
    const bert = await users.create(newUser(haan, { name: 'Bert Bauer' }));
    await users.setMemberships(haan, bert.id, [{ sozialraumId: haanS.id, access: 'view' }]);

    const list = (await users.list(haan)).filter((u) => u.id === bert.id || u.id === zora.id);
    expect(list.map((u) => u.id)).toEqual([bert.id, zora.id]);
    expect(list[0]!.memberships).toEqual([{ sozialraumId: haanS.id, access: 'view' }]);
    expect(list[1]!.memberships).toEqual([]);
    expect((await users.list(hagen)).map((u) => u.bodyId)).not.toContain(haan);
  });

  it('replaces memberships and returns them ordered by Sozialraum code', async () => {
    const users = userRepository(db.sql);
    const user = await users.create(newUser(hagen));
    await users.setMemberships(hagen, user.id, [
      { sozialraumId: hagenZ.id, access: 'edit' },
      { sozialraumId: hagenA.id, access: 'view' },
    ]);
    expect(await users.memberships(user.id)).toEqual([
      { sozialraumId: hagenA.id, access: 'view' },
      { sozialraumId: hagenZ.id, access: 'edit' },
    ]);

    await users.setMemberships(hagen, user.id, [{ sozialraumId: hagenZ.id, access: 'view' }]);
    expect(await users.memberships(user.id)).toEqual([{ sozialraumId: hagenZ.id, access: 'view' }]);

    await users.setMemberships(hagen, user.id, []);
    expect(await users.memberships(user.id)).toEqual([]);
  });

  it("refuses a membership in another body's Sozialraum and keeps the old ones when run in a transaction", async () => {
    const users = userRepository(db.sql);
    const user = await users.create(newUser(hagen));
    await users.setMemberships(hagen, user.id, [{ sozialraumId: hagenA.id, access: 'edit' }]);

    for (const foreign of [haanS.id, MISSING_ID]) {
      const attempt = db.sql.begin((tx) =>
        userRepository(tx).setMemberships(hagen, user.id, [
          { sozialraumId: hagenZ.id, access: 'edit' },
          { sozialraumId: foreign, access: 'view' },
        ]),
      );
      await expect(attempt).rejects.toBeInstanceOf(ForeignSozialraumError);
      expect(await users.memberships(user.id)).toEqual([{ sozialraumId: hagenA.id, access: 'edit' }]);
    }
  });

  it('updates name, role and active state only within the body', async () => {
    const users = userRepository(db.sql);
    const user = await users.create(newUser(hagen, { name: 'Vorher' }));

    expect(await users.update(haan, user.id, { name: 'Fremd' })).toBeNull();
    expect((await users.findById(hagen, user.id))!.name).toBe('Vorher');

    const updated = await users.update(hagen, user.id, { name: 'Nachher', role: 'clerk', active: false });
    expect(updated).toMatchObject({ id: user.id, name: 'Nachher', role: 'clerk', active: false });
    // An empty patch changes nothing and still answers with the user.
    expect(await users.update(hagen, user.id, {})).toMatchObject({ name: 'Nachher', active: false });
  });

  it('reads and sets the password hash only within the body', async () => {
    const users = userRepository(db.sql);
    const user = await users.create(newUser(hagen, { passwordHash: 'old' }));
    expect(await users.findPasswordHash(hagen, user.id)).toBe('old');
    expect(await users.findPasswordHash(haan, user.id)).toBeNull();

    expect(await users.setPasswordHash(haan, user.id, 'stolen')).toBe(false);
    expect(await users.findPasswordHash(hagen, user.id)).toBe('old');
    expect(await users.setPasswordHash(hagen, user.id, 'new')).toBe(true);
    expect(await users.findPasswordHash(hagen, user.id)).toBe('new');
  });

  it('counts only active administrators of the body', async () => {
    const bodyId = (await bodyRepository(db.sql).create('Stadt Schwelm')).id;
    const users = userRepository(db.sql);
    expect(await users.countActiveAdmins(bodyId)).toBe(0);
    const first = await users.create(newUser(bodyId, { role: 'admin' }));
    await users.create(newUser(bodyId, { role: 'admin' }));
    await users.create(newUser(bodyId, { role: 'clerk' }));
    await users.create(newUser(haan, { role: 'admin' }));
    expect(await users.countActiveAdmins(bodyId)).toBe(2);
    await users.update(bodyId, first.id, { active: false });
    expect(await users.countActiveAdmins(bodyId)).toBe(1);
  });
});
