import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import { committeeRepository } from './committee.repository.ts';
import type { Database } from './connection.ts';
import type { UniqueViolationError } from './errors.ts';
import { meetingRepository } from './meeting.repository.ts';
import { paperRepository, type PaperContent } from './paper.repository.ts';
import { testDatabases } from './testing.ts';

const CONTENT: PaperContent = {
  type: 'beschlussvorlage',
  public: true,
  originatingOffice: '55 Fachbereich Jugend und Soziales',
  participatingOffices: ['20 Finanzen'],
  subject: 'Netzwerkkoordination Altenhagen',
  decisionProposalIntro: null,
  decisionProposal: ['Der Bericht wird zur Kenntnis genommen.'],
  summary: null,
  justification: {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Weil.' }] }],
  },
  disabilityImpact: { kind: 'affected', explanation: 'Querschnittsthema' },
  climateImpact: { kind: 'none' },
  financialImpact: { kind: 'costs', oneOffCents: 1_250_000, budgetLine: '1.36.30' },
  signatures: [{ name: 'Erik O. Schulz', role: 'Oberbürgermeister' }],
};

describe.each(testDatabases())('paper repository on $name', ({ open }) => {
  let db: Database;
  let hagen: string;
  let haan: string;
  let council: string;
  let userId: string;

  beforeAll(async () => {
    db = await open();
    hagen = (await bodyRepository(db.sql).create('Stadt Hagen')).id;
    haan = (await bodyRepository(db.sql).create('Stadt Haan')).id;
    council = (await committeeRepository(db.sql).create(hagen, { name: 'Rat', kind: 'council' })).id;
    const [user] = await db.sql<{ id: string }[]>`
      insert into app_user (body_id, email, name, role, password_hash)
      values (${hagen}, 'clerk@hagen.de', 'Clerk', 'clerk', 'x') returning id`;
    userId = user!.id;
  });
  afterAll(() => db.close());

  it('counts references per body and year, starting at 1', async () => {
    const repo = paperRepository(db.sql);
    const numbers = [];
    for (const [body, year] of [
      [hagen, 2023],
      [hagen, 2023],
      [hagen, 2024],
      [haan, 2023],
    ] as const) {
      numbers.push(await db.sql.begin((tx) => paperRepository(tx).allocateSequence(body, year)));
    }
    expect(numbers).toEqual([1, 2, 1, 1]);
    expect(await repo.referenceFormat(haan)).toBe('NNNN/YYYY');
    await repo.setReferenceFormat(haan, 'OO/SSS/YYYY');
    expect(await repo.referenceFormat(haan)).toBe('OO/SSS/YYYY');
  });

  it('never hands out a number twice to concurrent transactions, and gives back rolled-back ones', async () => {
    const allocated = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.sql.begin((tx) => paperRepository(tx).allocateSequence(hagen, 2030)),
      ),
    );
    expect(new Set(allocated).size).toBe(20);
    expect([...allocated].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await db.sql
      .begin(async (tx) => {
        await paperRepository(tx).allocateSequence(hagen, 2030);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await db.sql.begin((tx) => paperRepository(tx).allocateSequence(hagen, 2030))).toBe(21);
  });

  it('stores a paper with its Beratungsfolge in order and reads it back', async () => {
    const meeting = await meetingRepository(db.sql).create(hagen, {
      committeeId: council,
      date: '2023-09-19',
      startTime: '16:00',
      location: 'Ratssaal',
    });
    const paper = await db.sql.begin((tx) =>
      paperRepository(tx).create(
        hagen,
        CONTENT,
        {
          reference: '0001/2023',
          year: 2023,
          sequence: 1,
          date: '2023-09-01',
          supplementTo: null,
          createdBy: userId,
        },
        [
          { committeeId: council, meetingId: null, date: '2023-09-12', role: 'preliminary' },
          { committeeId: council, meetingId: meeting.id, date: '2023-09-19', role: 'decision' },
        ],
        [],
      ),
    );
    expect(paper).toMatchObject({
      reference: '0001/2023',
      status: 'draft',
      date: '2023-09-01',
      version: 1,
      financialImpact: { kind: 'costs', oneOffCents: 1_250_000 },
      justification: CONTENT.justification,
    });
    expect(paper.consultations.map((c) => [c.order, c.role, c.date, c.meeting?.startTime ?? null])).toEqual([
      [0, 'preliminary', '2023-09-12', null],
      [1, 'decision', '2023-09-19', '16:00'],
    ]);
    expect(await paperRepository(db.sql).findById(haan, paper.id)).toBeNull();

    const released = await db.sql.begin((tx) => paperRepository(tx).release(paper, userId, '2023-09-02'));
    expect(released).toMatchObject({ status: 'released', date: '2023-09-02', version: 2 });
    expect((await meetingRepository(db.sql).findById(hagen, meeting.id))?.consultationCount).toBe(1);
    expect(await meetingRepository(db.sql).delete(hagen, meeting.id)).toBe('in_use');
    expect(await meetingRepository(db.sql).delete(haan, meeting.id)).toBe('not_found');
    const duplicate = await db.sql
      .begin((tx) =>
        paperRepository(tx).create(
          hagen,
          CONTENT,
          {
            reference: '0001/2023',
            year: 2023,
            sequence: 99,
            date: '2023-09-01',
            supplementTo: null,
            createdBy: userId,
          },
          [],
          [],
        ),
      )
      .catch((e: unknown) => e);
    expect((duplicate as UniqueViolationError).constraint).toBe('paper_body_id_reference_uq');
  });

  it('lists meetings by date, filtered by committee and start day', async () => {
    const repo = meetingRepository(db.sql);
    const jhA = (await committeeRepository(db.sql).create(hagen, { name: 'JHA', kind: 'committee' })).id;
    await repo.create(hagen, { committeeId: jhA, date: '2024-02-01', startTime: null, location: '' });
    await repo.create(hagen, {
      committeeId: jhA,
      date: '2024-01-10',
      startTime: '17:30',
      location: 'Raum A',
    });
    expect((await repo.list(hagen, { committeeId: jhA })).map((m) => m.date)).toEqual([
      '2024-01-10',
      '2024-02-01',
    ]);
    expect((await repo.list(hagen, { from: '2024-01-11' })).map((m) => m.date)).toEqual(['2024-02-01']);
    expect(await repo.list(haan)).toEqual([]);
    const again = await repo
      .create(hagen, { committeeId: jhA, date: '2024-02-01', startTime: null, location: '' })
      .catch((e: unknown) => e);
    expect((again as UniqueViolationError).constraint).toBe('meeting_committee_id_date_uq');
  });
});
