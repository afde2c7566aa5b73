import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import type { Database } from './connection.ts';
import { UniqueViolationError } from './errors.ts';
import { sozialraumRepository } from './sozialraum.repository.ts';
import { testDatabases } from './testing.ts';
import { userRepository } from './user.repository.ts';
import { workshopRepository } from './workshop.repository.ts';

describe.each(testDatabases())('workshop repository on $name', ({ open }) => {
  let db: Database;
  let bodyId: string;
  let sozialraumId: string;
  let userId: string;
  let codes = 0;
  const nextCode = () => `ACDEFG${'346789'[codes % 6]}${'346789'[Math.floor(codes++ / 6) % 6]}`;

  beforeAll(async () => {
    db = await open();
    bodyId = (await bodyRepository(db.sql).create('Stadt Hagen')).id;
    sozialraumId = (
      await sozialraumRepository(db.sql).create(bodyId, { code: 'H1', name: 'Haspe', stadtbezirk: '' })
    ).id;
    userId = (
      await userRepository(db.sql).create({
        bodyId,
        email: 'f@hagen.de',
        name: 'Frida',
        role: 'admin',
        passwordHash: 'h',
      })
    ).id;
  });
  afterAll(() => db.close());

  const newWorkshop = () =>
    workshopRepository(db.sql).create({
      bodyId,
      sozialraumId,
      title: 'Werkstatt',
      date: '2026-12-03',
      endTime: null,
      code: nextCode(),
      createdBy: userId,
    });

  it('creates workshops with unique codes, scoped by body, with their counts', async () => {
    const repo = workshopRepository(db.sql);
    const workshop = await newWorkshop();
    expect(workshop).toMatchObject({
      bodyName: 'Stadt Hagen',
      sozialraumCode: 'H1',
      status: 'open',
      closedAt: null,
      participantCount: 0,
      cardCount: 0,
      roundCount: 0,
      privacyContact: '',
    });
    expect(await repo.findByCode(workshop.code)).toMatchObject({ id: workshop.id });
    expect(await repo.findById(crypto.randomUUID(), workshop.id)).toBeNull();
    await expect(
      repo.create({
        bodyId,
        sozialraumId,
        title: 'X',
        date: '2026-12-03',
        endTime: null,
        code: workshop.code,
        createdBy: userId,
      }),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    expect(await repo.close(workshop.id)).toBe(true);
    expect(await repo.close(workshop.id)).toBe(false);
  });

  it('finds guests by session hash until they expire; members get one row however often asked', async () => {
    const repo = workshopRepository(db.sql);
    const workshop = await newWorkshop();
    const guest = await repo.addGuest(workshop.id, 'hash-1', 'Mia', new Date(Date.now() + 60_000));
    expect(await repo.findGuestBySession('hash-1', new Date())).toMatchObject({
      id: guest.id,
      displayName: 'Mia',
    });
    expect(await repo.findGuestBySession('hash-1', new Date(Date.now() + 120_000))).toBeNull();
    const [a, b] = await Promise.all([
      repo.ensureMember(workshop.id, userId),
      repo.ensureMember(workshop.id, userId),
    ]);
    expect(a.id).toBe(b.id);
    expect(a.displayName).toBe('Frida');
    await repo.endGuestSession(guest.id);
    expect(await repo.findGuestBySession('hash-1', new Date())).toBeNull();
  });

  it('claims a card for acceptance once, even when two claims race', async () => {
    const repo = workshopRepository(db.sql);
    const workshop = await newWorkshop();
    const guest = await repo.addGuest(workshop.id, 'hash-2', null, new Date(Date.now() + 60_000));
    const card = await repo.addCard(workshop.id, guest.id, { title: 'Bänke', description: '' });
    const claims = await Promise.all([
      repo.claimForAccept(workshop.id, card.id, crypto.randomUUID()),
      repo.claimForAccept(workshop.id, card.id, crypto.randomUUID()),
    ]);
    expect(claims.filter((c) => c.claimed)).toEqual([{ claimed: true, previous: 'new' }]);
    expect((await repo.card(workshop.id, card.id))?.status).toBe('accepted');
  });

  it('closes a round once, writing its result in ballot order; due-only closes only what ran out', async () => {
    const repo = workshopRepository(db.sql);
    const workshop = await newWorkshop();
    const guest = await repo.addGuest(workshop.id, 'hash-3', null, new Date(Date.now() + 60_000));
    const ballot = [
      { needId: 'n1', title: 'Eins' },
      { needId: 'n2', title: 'Zwei' },
    ];
    const round = await repo.startRound({
      workshopId: workshop.id,
      dotsPerPerson: 3,
      maxPerItem: null,
      durationSeconds: 60,
      liveResults: false,
      ballot,
      createdBy: userId,
    });
    expect(round).toMatchObject({ number: 1, status: 'open', ballot });
    await expect(
      repo.startRound({
        workshopId: workshop.id,
        dotsPerPerson: 1,
        maxPerItem: null,
        durationSeconds: null,
        liveResults: false,
        ballot,
        createdBy: userId,
      }),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    await repo.setVote(round.id, guest.id, 'n2', 2);
    await repo.setVote(round.id, guest.id, 'n2', 3);
    expect(await repo.liveTally(round)).toEqual([
      { needId: 'n1', title: 'Eins', dots: 0 },
      { needId: 'n2', title: 'Zwei', dots: 3 },
    ]);
    expect(
      await db.sql.begin((tx) => workshopRepository(tx).closeRounds(workshop.id, { dueOnly: true })),
    ).toEqual([]);
    await db.sql`update workshop_round set ends_at = now() - interval '1 second' where id = ${round.id}`;
    const [closed] = await db.sql.begin((tx) =>
      workshopRepository(tx).closeRounds(workshop.id, { dueOnly: true }),
    );
    expect(closed).toMatchObject({ id: round.id, status: 'closed', voterCount: 1 });
    expect(
      await db.sql.begin((tx) => workshopRepository(tx).closeRounds(workshop.id, { roundId: round.id })),
    ).toEqual([]);
    expect(await repo.roundResult(round.id)).toEqual([
      { needId: 'n1', title: 'Eins', dots: 0 },
      { needId: 'n2', title: 'Zwei', dots: 3 },
    ]);
    // Removing the voter later changes neither the stored result nor the voter count.
    expect(await repo.removeParticipant(workshop.id, guest.id)).toEqual([]);
    expect((await repo.round(workshop.id, round.id))?.voterCount).toBe(1);
    expect((await repo.roundResult(round.id))[1]?.dots).toBe(3);
  });
});
