import type { Sql } from '@quartierplan/db';
import { workshopExportRepository } from '@quartierplan/db';
import { testDatabases, type TestDatabase } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createTestBody, type TestBody } from '../testing/fixtures.ts';
import {
  insertCard,
  insertParticipant,
  insertRound,
  insertSozialraum,
  insertWorkshop,
} from '../testing/workshop-rows.ts';
import { anonymiseExpiredWorkshops } from './workshop-retention.ts';

/** Everything personal or produced in a workshop, to compare before and after the job. */
async function snapshot(sql: Sql, workshopId: string) {
  const [workshop] = await sql<{ anonymised: boolean }[]>`
    select anonymised_at is not null as anonymised from workshop where id = ${workshopId}`;
  const participants = await sql<{ userId: string | null; displayName: string | null }[]>`
    select user_id::text, display_name from workshop_participant where workshop_id = ${workshopId}
    order by joined_at, id`;
  const cards = await sql<{ title: string; hasAuthor: boolean }[]>`
    select title, participant_id is not null as has_author from workshop_card where workshop_id = ${workshopId}
    order by created_at`;
  const votes = await sql<{ count: number }[]>`
    select v.count from workshop_vote v join workshop_round r on r.id = v.round_id
    where r.workshop_id = ${workshopId} order by v.need_id, v.count`;
  const results = await sql<{ needId: string; dots: number }[]>`
    select x.need_id, x.dots from workshop_round_result x join workshop_round r on r.id = x.round_id
    where r.workshop_id = ${workshopId} order by x.position`;
  return { anonymised: workshop!.anonymised, participants, cards, votes, results };
}

describe.each(testDatabases())('workshop retention on $name', (factory) => {
  let db: TestDatabase;
  let body: TestBody;
  let sozialraumId: string;
  const config = loadConfig({});

  /** A workshop with a named guest, an anonymous guest and a member, their cards and a closed round. */
  async function workshopWithPeople(closedDaysAgo: number | undefined, guestName: string) {
    const id = await insertWorkshop(db.sql, { bodyId: body.bodyId, sozialraumId, closedDaysAgo });
    const guest = await insertParticipant(db.sql, id, { displayName: guestName });
    const anonymous = await insertParticipant(db.sql, id);
    const member = await insertParticipant(db.sql, id, { userId: body.adminId, displayName: 'Moderation' });
    await insertCard(db.sql, id, { participantId: guest, title: 'Jugendtreff', at: 0 });
    await insertCard(db.sql, id, { participantId: anonymous, title: 'Spielplatz', at: 1 });
    await insertCard(db.sql, id, { participantId: member, title: 'Beratung', at: 2 });
    await insertRound(db.sql, id, {
      number: 1,
      dotsPerPerson: 5,
      ballot: [
        { needId: 'n1', title: 'Jugendtreff' },
        { needId: 'n2', title: 'Spielplatz' },
      ],
      closed: true,
      votes: [
        { participantId: guest, needId: 'n1', count: 3 },
        { participantId: anonymous, needId: 'n2', count: 2 },
        { participantId: member, needId: 'n2', count: 4 },
      ],
    });
    return id;
  }

  beforeAll(async () => {
    db = await factory.open();
    body = await createTestBody(db.sql);
    sozialraumId = await insertSozialraum(db.sql, body.bodyId);
  });
  afterAll(() => db?.close());

  it('removes guests and names of workshops closed longer than the retention period, keeping cards and results', async () => {
    const old = await workshopWithPeople(40, 'Anna');
    const recent = await workshopWithPeople(5, 'Ben');
    const open = await workshopWithPeople(undefined, 'Cem');
    const before = {
      old: await snapshot(db.sql, old),
      recent: await snapshot(db.sql, recent),
      open: await snapshot(db.sql, open),
    };
    // Participants inserted within the same clock tick tie on joined_at (their ids are random): compare as a set.
    const names = before.old.participants.map((p) => p.displayName);
    expect(names).toHaveLength(3);
    expect(new Set(names)).toEqual(new Set(['Anna', null, 'Moderation']));

    expect(await anonymiseExpiredWorkshops({ sql: db.sql, config })).toBe(1);

    const after = await snapshot(db.sql, old);
    expect(after.anonymised).toBe(true);
    // Only the member's link stays, without the name they gave.
    expect(after.participants).toEqual([{ userId: body.adminId, displayName: null }]);
    expect(after.cards).toEqual([
      { title: 'Jugendtreff', hasAuthor: false },
      { title: 'Spielplatz', hasAuthor: false },
      { title: 'Beratung', hasAuthor: true },
    ]);
    // The guests' votes went with them; the result written at the close did not change.
    expect(after.votes).toEqual([{ count: 4 }]);
    expect(after.results).toEqual(before.old.results);
    expect(after.results).toEqual([
      { needId: 'n1', dots: 3 },
      { needId: 'n2', dots: 6 },
    ]);
    // The export names nobody any more.
    const exported = await workshopExportRepository(db.sql).listCards(old);
    expect(exported.map((c) => c.author)).toEqual([null, null, null]);

    expect(await snapshot(db.sql, recent)).toEqual(before.recent);
    expect(await snapshot(db.sql, open)).toEqual(before.open);
  });

  it('is idempotent', async () => {
    await anonymiseExpiredWorkshops({ sql: db.sql, config });
    const workshops = await db.sql<
      { id: string }[]
    >`select id::text from workshop where body_id = ${body.bodyId}`;
    const before = await Promise.all(workshops.map((w) => snapshot(db.sql, w.id)));
    expect(await anonymiseExpiredWorkshops({ sql: db.sql, config })).toBe(0);
    expect(await Promise.all(workshops.map((w) => snapshot(db.sql, w.id)))).toEqual(before);
  });

  it('follows WORKSHOP_RETENTION_DAYS', async () => {
    const recent = await workshopWithPeople(5, 'Dana');
    expect(await anonymiseExpiredWorkshops({ sql: db.sql, config })).toBe(0);
    const shorter = loadConfig({ WORKSHOP_RETENTION_DAYS: '3' });
    expect(await anonymiseExpiredWorkshops({ sql: db.sql, config: shorter })).toBeGreaterThanOrEqual(1);
    expect((await snapshot(db.sql, recent)).participants).toEqual([
      { userId: body.adminId, displayName: null },
    ]);
  });

  it('anonymises each workshop once when several instances run it at the same time', async () => {
    const due = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        insertWorkshop(db.sql, { bodyId: body.bodyId, sozialraumId, closedDaysAgo: 31 + i }),
      ),
    );
    for (const id of due) await insertParticipant(db.sql, id, { displayName: 'Eva' });
    // Separate connections on PostgreSQL, as separate server processes would have.
    const runs = await Promise.all([1, 2, 3].map(() => anonymiseExpiredWorkshops({ sql: db.sql, config })));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(due.length);
    const [left] = await db.sql<{ count: number }[]>`
      select count(*)::int as count from workshop_participant where workshop_id = any(${due}::uuid[])`;
    expect(left!.count).toBe(0);
  });
});

describe('WORKSHOP_RETENTION_DAYS', () => {
  it('defaults to 30 days and refuses what is not a whole number of days from 1 to 3650', () => {
    expect(loadConfig({}).workshopRetentionDays).toBe(30);
    expect(loadConfig({ WORKSHOP_RETENTION_DAYS: '7' }).workshopRetentionDays).toBe(7);
    for (const bad of ['0', '-1', '1.5', 'dreißig', '3651'])
      expect(() => loadConfig({ WORKSHOP_RETENTION_DAYS: bad })).toThrow(/WORKSHOP_RETENTION_DAYS/);
  });
});
