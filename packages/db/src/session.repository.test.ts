import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import type { Database } from './connection.ts';
import { sessionRepository } from './session.repository.ts';
import { sozialraumRepository } from './sozialraum.repository.ts';
import { testDatabases } from './testing.ts';
import { userRepository, type UserRow } from './user.repository.ts';

const HOUR = 3_600_000;

describe.each(testDatabases())('session repository on $name', ({ open }) => {
  let db: Database;
  let anna: UserRow;
  let bert: UserRow;
  let counter = 0;
  const nextId = () => `${'0'.repeat(56)}${String((counter += 1)).padStart(8, '0')}`;

  beforeAll(async () => {
    db = await open();
    const body = await bodyRepository(db.sql).create('Stadt Hagen');
    const users = userRepository(db.sql);
    anna = await users.create({
      bodyId: body.id,
      email: 'anna@hagen.de',
      name: 'Anna',
      role: 'member',
      passwordHash: 'h',
    });
    bert = await users.create({
      bodyId: body.id,
      email: 'bert@hagen.de',
      name: 'Bert',
      role: 'admin',
      passwordHash: 'h',
    });
  });
  afterAll(() => db.close());

  it('finds a session with its user and body', async () => {
    const sessions = sessionRepository(db.sql);
    const id = nextId();
    const expiresAt = new Date(Date.now() + HOUR);
    await sessions.insert(id, anna.id, expiresAt);

    expect(await sessions.findWithUser(id)).toEqual({
      id,
      createdAt: expect.any(Date),
      expiresAt,
      user: {
        id: anna.id,
        bodyId: anna.bodyId,
        bodyName: 'Stadt Hagen',
        email: 'anna@hagen.de',
        name: 'Anna',
        role: 'member',
        active: true,
        memberships: [],
      },
    });
    expect(await sessions.findWithUser(nextId())).toBeNull();
  });

  it("brings a member's memberships by Sozialraum code, none for other roles", async () => {
    const sessions = sessionRepository(db.sql);
    const sozialraeume = sozialraumRepository(db.sql);
    const z = await sozialraeume.create(anna.bodyId, { code: 'Z9', name: 'Wehringhausen', stadtbezirk: '' });
    const a = await sozialraeume.create(anna.bodyId, { code: 'A1', name: 'Altenhagen', stadtbezirk: '' });
    const users = userRepository(db.sql);
    const memberships = [
      { sozialraumId: z.id, access: 'edit' as const },
      { sozialraumId: a.id, access: 'view' as const },
    ];
    await users.setMemberships(anna.bodyId, anna.id, memberships);
    await users.setMemberships(anna.bodyId, bert.id, memberships);
    const [annas, berts] = [nextId(), nextId()];
    await sessions.insert(annas, anna.id, new Date(Date.now() + HOUR));
    await sessions.insert(berts, bert.id, new Date(Date.now() + HOUR));
    expect((await sessions.findWithUser(annas))!.user.memberships).toEqual([memberships[1], memberships[0]]);
    expect((await sessions.findWithUser(berts))!.user.memberships).toEqual([]);
    await users.setMemberships(anna.bodyId, anna.id, []);
  });

  it('moves the expiry', async () => {
    const sessions = sessionRepository(db.sql);
    const id = nextId();
    await sessions.insert(id, anna.id, new Date(Date.now() + HOUR));
    const later = new Date(Date.now() + 5 * HOUR);
    await sessions.extend(id, later);
    expect((await sessions.findWithUser(id))!.expiresAt).toEqual(later);
  });

  it('deletes one session, or every session of one user', async () => {
    const sessions = sessionRepository(db.sql);
    const expiresAt = new Date(Date.now() + HOUR);
    const [a1, a2, b1] = [nextId(), nextId(), nextId()];
    await sessions.insert(a1, anna.id, expiresAt);
    await sessions.insert(a2, anna.id, expiresAt);
    await sessions.insert(b1, bert.id, expiresAt);

    await sessions.delete(a1);
    expect(await sessions.findWithUser(a1)).toBeNull();
    expect(await sessions.findWithUser(a2)).not.toBeNull();

    // Anna may still hold sessions from earlier tests; all of them end, Bert's stays.
    expect(await sessions.deleteForUser(anna.id)).toBeGreaterThanOrEqual(1);
    expect(await sessions.findWithUser(a2)).toBeNull();
    expect(await sessions.findWithUser(b1)).not.toBeNull();
    expect(await sessions.deleteForUser(anna.id)).toBe(0);
  });

  it('sweeps exactly the sessions expired at the given time', async () => {
    const sessions = sessionRepository(db.sql);
    const now = new Date(Date.now() + 1000 * HOUR);
    const [expired, atNow, alive] = [nextId(), nextId(), nextId()];
    await sessions.insert(expired, bert.id, new Date(now.getTime() - 1));
    await sessions.insert(atNow, bert.id, now);
    await sessions.insert(alive, bert.id, new Date(now.getTime() + 1));

    expect(await sessions.deleteExpired(now)).toBeGreaterThanOrEqual(2);
    expect(await sessions.findWithUser(expired)).toBeNull();
    expect(await sessions.findWithUser(atNow)).toBeNull();
    expect(await sessions.findWithUser(alive)).not.toBeNull();
  });
});
