import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import type { Database } from './connection.ts';
import { measureRepository, type MeasureActor, type MeasureValues } from './measure.repository.ts';
import { needRepository } from './need.repository.ts';
import { sozialraumRepository, type SozialraumRow } from './sozialraum.repository.ts';
import { testDatabases } from './testing.ts';
import { userRepository } from './user.repository.ts';

const BLANK: Omit<MeasureValues, 'title' | 'sozialraumIds'> = {
  description: '',
  cityWide: false,
  handlungsfeld: '',
  responsibleDepartment: '',
  provider: '',
  targetGroup: '',
  costOneOff: null,
  costYearly: null,
  fundingSource: null,
  fundingProgramme: '',
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  goals: [],
  progress: 0,
};

const need = (id: string, title: string) => ({
  id,
  title,
  description: '',
  targetGroup: '',
  source: 'workshop',
  priority: 'high',
  status: 'open',
  votes: 0,
  createdBy: null,
  createdAt: null,
});

describe.each(testDatabases())('measure repository on $name', ({ open }) => {
  let db: Database;
  let hagen: string;
  let haan: string;
  let actor: MeasureActor;
  let altenhagen: SozialraumRow;
  let wehringhausen: SozialraumRow;

  beforeAll(async () => {
    db = await open();
    hagen = (await bodyRepository(db.sql).create('Stadt Hagen')).id;
    haan = (await bodyRepository(db.sql).create('Stadt Haan')).id;
    const user = await userRepository(db.sql).create({
      bodyId: hagen,
      email: 'planung@hagen.example',
      name: 'Sozialplanung',
      role: 'admin',
      passwordHash: 'x',
    });
    actor = { id: user.id, name: 'Sozialplanung' };
    altenhagen = await sozialraumRepository(db.sql).create(hagen, {
      code: '713',
      name: 'Altenhagen',
      stadtbezirk: '',
    });
    wehringhausen = await sozialraumRepository(db.sql).create(hagen, {
      code: '752',
      name: 'Wehringhausen',
      stadtbezirk: '',
    });
    await needRepository(db.sql).replaceForDocument(
      altenhagen.needsDocumentId,
      [need('n1', 'Anlaufstelle im Quartier'), need('n2', 'Sprachkurse für Eltern')],
      0,
    );
  });
  afterAll(() => db.close());

  const create = (values: Partial<MeasureValues> & { title: string }, bodyId = hagen) =>
    db.sql.begin((tx) =>
      measureRepository(tx).create(
        bodyId,
        actor,
        { ...BLANK, sozialraumIds: [altenhagen.id], ...values },
        [],
      ),
    );

  it('creates a measure in idea, version 1, with money as numbers and a created event', async () => {
    const repo = measureRepository(db.sql);
    const links = await repo.findNeeds(hagen, { cityWide: false, sozialraumIds: [altenhagen.id] }, [
      'n1',
      'x',
    ]);
    expect(links).toEqual([
      {
        documentId: altenhagen.needsDocumentId,
        needId: 'n1',
        title: 'Anlaufstelle im Quartier',
        sozialraumId: altenhagen.id,
      },
    ]);
    const m = await db.sql.begin((tx) =>
      measureRepository(tx).create(
        hagen,
        actor,
        {
          ...BLANK,
          title: 'Quartiersbüro Altenhagen',
          sozialraumIds: [altenhagen.id],
          costOneOff: 12_500.5,
          costYearly: 48_000,
          plannedStart: '2024-01-01',
          goals: [{ goal: 'Erreichbarkeit', indicator: 'Besuche pro Monat', targetValue: '200' }],
        },
        links,
      ),
    );
    expect(m).toMatchObject({
      status: 'idea',
      version: 1,
      costOneOff: 12_500.5,
      costYearly: 48_000,
      plannedStart: '2024-01-01',
      sozialraeume: [{ id: altenhagen.id, code: '713', name: 'Altenhagen' }],
      needIds: ['n1'],
      needs: [{ id: 'n1', title: 'Anlaufstelle im Quartier', sozialraumId: altenhagen.id }],
      goals: [{ goal: 'Erreichbarkeit', indicator: 'Besuche pro Monat', targetValue: '200' }],
    });
    expect(await repo.measureIdsByNeed(altenhagen.needsDocumentId)).toEqual(new Map([['n1', [m.id]]]));
    const [created] = await repo.events(hagen, m.id);
    expect(created).toMatchObject({ kind: 'created', toStatus: 'idea', version: 1, actor });
    expect(created!.changes.costOneOff).toEqual({ from: null, to: 12_500.5 });

    // The projection is rebuilt from the document; the link and its last title survive.
    await needRepository(db.sql).replaceForDocument(
      altenhagen.needsDocumentId,
      [need('n2', 'Sprachkurse für Eltern')],
      0,
    );
    expect((await repo.findById(hagen, m.id))!.needs).toEqual([
      { id: 'n1', title: 'Anlaufstelle im Quartier', sozialraumId: altenhagen.id },
    ]);
  });

  it('writes only real changes, bumps the version and records the diff; no-ops write nothing', async () => {
    const m = await create({ title: 'Elterncafé' });
    const updated = await db.sql.begin(async (tx) => {
      const before = (await measureRepository(tx).lock(hagen, m.id))!;
      return measureRepository(tx).update(
        before,
        actor,
        { ...before, title: 'Elterncafé Wehringhausen', sozialraumIds: [wehringhausen.id], progress: 10 },
        null,
      );
    });
    expect(updated).toMatchObject({
      version: 2,
      title: 'Elterncafé Wehringhausen',
      sozialraumIds: [wehringhausen.id],
    });
    const same = await db.sql.begin(async (tx) => {
      const before = (await measureRepository(tx).lock(hagen, m.id))!;
      return measureRepository(tx).update(before, actor, { ...before }, null);
    });
    expect(same!.version).toBe(2);
    const events = await measureRepository(db.sql).events(hagen, m.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(events[1]!.changes).toEqual({
      title: { from: 'Elterncafé', to: 'Elterncafé Wehringhausen' },
      progress: { from: 0, to: 10 },
      sozialraumIds: { from: [altenhagen.id], to: [wehringhausen.id] },
    });
  });

  it('writes over the version it read only: a stale read gets null and writes nothing', async () => {
    const m = await create({ title: 'Elterncafé' });
    const repo = measureRepository(db.sql);
    const read = (await repo.findById(hagen, m.id))!;
    expect(await repo.update(read, actor, { ...read, progress: 20 }, null)).toMatchObject({
      version: 2,
      progress: 20,
    });
    expect(await repo.update(read, actor, { ...read, progress: 30 }, null)).toBeNull();
    const transition = {
      deferredFrom: 'idea',
      comment: null,
      decisionDate: null,
      paperReference: null,
    } as const;
    expect(await repo.transition(read, actor, { to: 'deferred', ...transition })).toBeNull();
    expect(await repo.findById(hagen, m.id)).toMatchObject({ version: 2, progress: 20, status: 'idea' });
    expect((await repo.events(hagen, m.id)).map((e) => e.kind)).toEqual(['created', 'updated']);
  });

  it('records transitions with their data and keeps the audit trail append-only', async () => {
    const m = await create({ title: 'Sprachförderung' });
    const moved = await db.sql.begin(async (tx) => {
      const before = (await measureRepository(tx).lock(hagen, m.id))!;
      return measureRepository(tx).transition(before, actor, {
        to: 'deferred',
        deferredFrom: 'idea',
        comment: 'Haushaltssperre',
        decisionDate: null,
        paperReference: null,
      });
    });
    expect(moved).toMatchObject({ status: 'deferred', deferredFrom: 'idea', version: 2 });
    const events = await measureRepository(db.sql).events(hagen, m.id);
    expect(events[1]).toMatchObject({
      kind: 'transition',
      fromStatus: 'idea',
      toStatus: 'deferred',
      comment: 'Haushaltssperre',
      version: 2,
    });
    await expect(
      db.sql`update measure_event set comment = 'geändert' where measure_id = ${m.id}`,
    ).rejects.toThrow(/append-only/);
    await expect(db.sql`delete from measure_event where measure_id = ${m.id}`).rejects.toThrow(/append-only/);
    expect(await measureRepository(db.sql).events(hagen, m.id)).toEqual(events);
    // An erasure (migration 0013) may anonymise the actor's name inside its sanctioned transaction, never delete
    // (the refused delete aborts the first transaction, so nothing of it stays).
    await db.sql
      .begin(async (tx) => {
        await tx`select set_config('quartierplan.sanctioned_erasure', 'on', true)`;
        await tx`update measure_event set actor_name = 'Gelöschte Person' where measure_id = ${m.id}`;
        await expect(tx`delete from measure_event where measure_id = ${m.id}`).rejects.toThrow(/append-only/);
      })
      .catch(() => undefined);
    await db.sql.begin(async (tx) => {
      await tx`select set_config('quartierplan.sanctioned_erasure', 'on', true)`;
      await tx`update measure_event set actor_name = 'Gelöschte Person' where measure_id = ${m.id}`;
    });
    expect((await measureRepository(db.sql).events(hagen, m.id)).map((e) => e.actor.name)).toEqual([
      'Gelöschte Person',
      'Gelöschte Person',
    ]);
    await expect(
      db.sql`update measure_event set actor_name = 'Wieder da' where measure_id = ${m.id}`,
    ).rejects.toThrow(/append-only/);
  });

  it('filters the list and keeps bodies apart', async () => {
    const a = await create({
      title: 'Stadtteilfest',
      handlungsfeld: 'Teilhabe',
      provider: 'AWO Hagen',
      fundingSource: 'land',
    });
    const city = await create({
      title: 'Familienlotsen',
      cityWide: true,
      sozialraumIds: [],
      description: 'stadtweit Lotsen',
    });
    const other = await create({ title: 'Stadtteilfest Haan', sozialraumIds: [], cityWide: true }, haan);
    const repo = measureRepository(db.sql);
    const ids = async (filter: Parameters<typeof repo.list>[1]) =>
      (await repo.list(hagen, filter)).map((m) => m.id);

    expect(await ids({ q: 'stadtteilfest' })).toEqual([a.id]);
    expect(await ids({ responsible: 'awo' })).toEqual([a.id]);
    expect(await ids({ handlungsfeld: 'teilhabe' })).toEqual([a.id]);
    expect(await ids({ fundingSource: ['land', 'eu'] })).toEqual([a.id]);
    expect(await ids({ sozialraumId: 'city' })).toEqual([city.id]);
    expect(await ids({ q: 'lotsen', status: ['idea'] })).toEqual([city.id]);
    expect(await ids({ q: 'lotsen', status: ['planned'] })).toEqual([]);
    expect(await ids({ visibleSozialraumIds: [wehringhausen.id], q: 'stadtteilfest' })).toEqual([]);
    expect(await ids({ visibleSozialraumIds: [wehringhausen.id], q: 'lotsen' })).toEqual([city.id]);
    expect(await repo.findById(hagen, other.id)).toBeNull();
    expect(await repo.events(hagen, other.id)).toEqual([]);
  });

  it('computes the dashboard in SQL', async () => {
    const body = (await bodyRepository(db.sql).create('Stadt Dashboard')).id;
    const sr = await sozialraumRepository(db.sql).create(body, { code: '1', name: 'Mitte', stadtbezirk: '' });
    const make = async (title: string, status: string, extra: Partial<MeasureValues> = {}) => {
      const m = await create({ title, sozialraumIds: [sr.id], ...extra }, body);
      await db.sql`update measure set status = ${status} where id = ${m.id}`;
      return m;
    };
    await make('A', 'planned', { costOneOff: 1000, costYearly: 100 });
    await make('B', 'in_consultation', { costOneOff: 500 });
    await make('C', 'decided', { costOneOff: 2000.25, costYearly: 300 });
    const impl = await make('D', 'in_implementation', {
      costYearly: 50,
      progress: 40,
      plannedEnd: '2000-01-01',
    });
    await make('E', 'in_implementation', { progress: 70 });
    await create({ title: 'Stadtweit', cityWide: true, sozialraumIds: [] }, body);
    await db.sql`update measure set updated_at = now() - interval '40 days' where id = ${impl.id}`;

    const dashboard = await measureRepository(db.sql).dashboard(body, 30, '2026-01-01');
    expect(dashboard.statusCounts).toEqual([
      { sozialraumId: sr.id, sozialraumName: 'Mitte', status: 'decided', count: 1 },
      { sozialraumId: sr.id, sozialraumName: 'Mitte', status: 'in_consultation', count: 1 },
      { sozialraumId: sr.id, sozialraumName: 'Mitte', status: 'in_implementation', count: 2 },
      { sozialraumId: sr.id, sozialraumName: 'Mitte', status: 'planned', count: 1 },
      { sozialraumId: null, sozialraumName: 'Stadtweit', status: 'idea', count: 1 },
    ]);
    expect(dashboard.costs).toEqual([
      {
        sozialraumId: sr.id,
        sozialraumName: 'Mitte',
        plannedOneOff: 1500,
        plannedYearly: 100,
        decidedOneOff: 2000.25,
        decidedYearly: 350,
      },
      {
        sozialraumId: null,
        sozialraumName: 'Stadtweit',
        plannedOneOff: 0,
        plannedYearly: 0,
        decidedOneOff: 0,
        decidedYearly: 0,
      },
    ]);
    expect(dashboard.stale).toEqual([
      {
        id: impl.id,
        title: 'D',
        status: 'in_implementation',
        updatedAt: expect.any(String),
        daysUnchanged: 40,
      },
    ]);
    expect((await measureRepository(db.sql).dashboard(body, 41, '2026-01-01')).stale).toEqual([]);
    expect(dashboard.implementation).toEqual({
      count: 2,
      averageProgress: 55,
      measures: [
        { id: impl.id, title: 'D', progress: 40, plannedEnd: '2000-01-01', overdue: true },
        { id: expect.any(String), title: 'E', progress: 70, plannedEnd: null, overdue: false },
      ],
    });
  });
});
