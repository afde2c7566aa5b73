import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import type { Database } from './connection.ts';
import { UniqueViolationError } from './errors.ts';
import { sozialraumRepository } from './sozialraum.repository.ts';
import { testDatabases } from './testing.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testDatabases())('Sozialraum repository on $name', ({ open }) => {
  let db: Database;
  let hagen: string;
  let haan: string;

  async function documentsOf(sozialraumId: string) {
    return db.sql<{ id: string; kind: string; bodyId: string }[]>`
      select id, kind, body_id from document where sozialraum_id = ${sozialraumId} order by kind`;
  }

  async function archivedAt(id: string): Promise<Date | null> {
    const [row] = await db.sql<
      { archivedAt: Date | null }[]
    >`select archived_at from sozialraum where id = ${id}`;
    return row!.archivedAt;
  }

  beforeAll(async () => {
    db = await open();
    hagen = (await bodyRepository(db.sql).create('Stadt Hagen')).id;
    haan = (await bodyRepository(db.sql).create('Stadt Haan')).id;
  });
  afterAll(() => db.close());

  it('creates a Sozialraum together with its action-plan and needs documents', async () => {
    const created = await sozialraumRepository(db.sql).create(hagen, {
      code: 'H-01',
      name: 'Altenhagen',
      stadtbezirk: 'Nord',
    });
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      bodyId: hagen,
      code: 'H-01',
      name: 'Altenhagen',
      stadtbezirk: 'Nord',
      archived: false,
      actionPlanDocumentId: expect.stringMatching(UUID),
      needsDocumentId: expect.stringMatching(UUID),
    });
    expect(created.actionPlanDocumentId).not.toBe(created.needsDocumentId);
    expect(await documentsOf(created.id)).toEqual([
      { id: created.actionPlanDocumentId, kind: 'action_plan', bodyId: hagen },
      { id: created.needsDocumentId, kind: 'needs', bodyId: hagen },
    ]);
  });

  it('keeps codes unique per body, atomically, but lets another body reuse them', async () => {
    const repo = sozialraumRepository(db.sql);
    await repo.create(hagen, { code: 'DUP', name: 'Erster', stadtbezirk: '' });
    const [before] = await db.sql<{ count: number }[]>`select count(*)::int as count from document`;

    const error = await repo
      .create(hagen, { code: 'DUP', name: 'Zweiter', stadtbezirk: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).constraint).toBe('sozialraum_body_id_code_uq');
    const [after] = await db.sql<{ count: number }[]>`select count(*)::int as count from document`;
    expect(after!.count).toBe(before!.count);
    expect((await repo.list(hagen)).filter((s) => s.code === 'DUP').map((s) => s.name)).toEqual(['Erster']);

    const inHaan = await repo.create(haan, { code: 'DUP', name: 'Haaner', stadtbezirk: '' });
    expect(inHaan.bodyId).toBe(haan);
  });

  it('finds and lists only within the body, ordered by code', async () => {
    const bodyId = (await bodyRepository(db.sql).create('Stadt Schwelm')).id;
    const repo = sozialraumRepository(db.sql);
    const b = await repo.create(bodyId, { code: 'B', name: 'Bee', stadtbezirk: '' });
    const a = await repo.create(bodyId, { code: 'A', name: 'Ah', stadtbezirk: '' });
    const c = await repo.create(bodyId, { code: 'C', name: 'Cee', stadtbezirk: '' });

    expect((await repo.list(bodyId)).map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    expect((await repo.list(bodyId, { onlyIds: [c.id, a.id] })).map((s) => s.id)).toEqual([a.id, c.id]);
    expect(await repo.list(bodyId, { onlyIds: [] })).toEqual([]);
    const foreign = await repo.create(haan, { code: 'F', name: 'Fremd', stadtbezirk: '' });
    expect(await repo.list(bodyId, { onlyIds: [foreign.id] })).toEqual([]);

    expect(await repo.findById(bodyId, a.id)).toEqual(a);
    expect(await repo.findById(haan, a.id)).toBeNull();
    expect(await repo.findById(bodyId, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('updates fields, refuses a taken code and leaves other bodies alone', async () => {
    const repo = sozialraumRepository(db.sql);
    const one = await repo.create(hagen, { code: 'U1', name: 'Eins', stadtbezirk: 'Mitte' });
    await repo.create(hagen, { code: 'U2', name: 'Zwei', stadtbezirk: '' });

    const renamed = await repo.update(hagen, one.id, { name: 'Eins neu', stadtbezirk: 'Nord', code: 'U1a' });
    expect(renamed).toEqual({ ...one, name: 'Eins neu', stadtbezirk: 'Nord', code: 'U1a' });

    const error = await repo.update(hagen, one.id, { code: 'U2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((await repo.findById(hagen, one.id))!.code).toBe('U1a');

    expect(await repo.update(haan, one.id, { name: 'Übernahme' })).toBeNull();
    expect((await repo.findById(hagen, one.id))!.name).toBe('Eins neu');
    // An empty patch is not an error; the document ids never change.
    expect(await repo.update(hagen, one.id, {})).toEqual(renamed);
  });

  it('archives and unarchives; archived ones leave the default list', async () => {
    const repo = sozialraumRepository(db.sql);
    const s = await repo.create(hagen, { code: 'ARCH', name: 'Archiv', stadtbezirk: '' });

    const archived = await repo.update(hagen, s.id, { archived: true });
    expect(archived).toMatchObject({ id: s.id, archived: true });
    const firstArchivedAt = await archivedAt(s.id);
    expect(firstArchivedAt).toBeInstanceOf(Date);
    expect((await repo.list(hagen)).map((r) => r.id)).not.toContain(s.id);
    expect((await repo.list(hagen, { includeArchived: true })).map((r) => r.id)).toContain(s.id);
    expect(await repo.findById(hagen, s.id)).toMatchObject({ archived: true });

    // Archiving again keeps the original date.
    await repo.update(hagen, s.id, { archived: true });
    expect(await archivedAt(s.id)).toEqual(firstArchivedAt);

    expect(await repo.update(hagen, s.id, { archived: false })).toMatchObject({ archived: false });
    expect(await archivedAt(s.id)).toBeNull();
    expect((await repo.list(hagen)).map((r) => r.id)).toContain(s.id);
  });
});
