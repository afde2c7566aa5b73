import { documentStoreRepository } from '@quartierplan/db';
import { testDatabases, type TestDatabase } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentStore } from './document-store.ts';
import { UpdateWriter } from './update-writer.ts';

async function newDocument(db: TestDatabase): Promise<string> {
  const [body] = await db.sql<
    { id: string }[]
  >`insert into body (name) values (${`B ${Math.random()}`}) returning id`;
  const [row] = await db.sql<{ sozialraumId: string }[]>`
    with s as (insert into sozialraum (body_id, code, name) values (${body!.id}, ${String(Math.random())}, 'S') returning id, body_id)
    insert into document (body_id, sozialraum_id, kind) select body_id, id, 'needs' from s returning sozialraum_id`;
  const [doc] = await db.sql<
    { id: string }[]
  >`select id from document where sozialraum_id = ${row!.sozialraumId}`;
  return doc!.id;
}

/** Writes `count` small text edits through the group-commit writer, as the sync server does. */
async function writeEdits(writer: UpdateWriter, documentId: string, count: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const pending: Promise<unknown>[] = [];
  doc.on('update', (update: Uint8Array) =>
    pending.push(writer.append({ documentId, data: update, authorId: null })),
  );
  const text = doc.getText('t');
  for (let i = 0; i < count; i++) {
    if (i % 7 === 6) text.delete(0, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  await Promise.all(pending);
  return doc;
}

describe.each(testDatabases())('document store on $name', (factory) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await factory.open();
  });
  afterAll(() => db.close());

  it('loads many documents opened at once with one read, each exactly as written', async () => {
    const writer = new UpdateWriter(db.sql);
    const ids = await Promise.all(Array.from({ length: 4 }, () => newDocument(db)));
    const written = await Promise.all(ids.slice(0, 3).map((id, i) => writeEdits(writer, id, 40 * (i + 1))));
    const store = new DocumentStore(db.sql);
    await store.compact(ids[1]!);
    const more = await writeEdits(writer, ids[1]!, 5);
    // What each document holds (the writers' own docs would store anything applied to them).
    const originals = written.map((doc, i) => {
      const expected = new Y.Doc();
      Y.applyUpdate(expected, Y.encodeStateAsUpdate(doc));
      if (i === 1) Y.applyUpdate(expected, Y.encodeStateAsUpdate(more));
      return expected;
    });
    const loaded = await Promise.all([...ids, ids[0]!].map((id) => store.load(id)));
    originals.forEach((original, i) => {
      expect(loaded[i]!.doc.getText('t').toString()).toBe(original.getText('t').toString());
      expect(Y.encodeStateVector(loaded[i]!.doc)).toEqual(Y.encodeStateVector(original));
    });
    // The second holds a snapshot and the five rows after it; the fourth nothing; the first twice alike.
    expect(loaded.map((l) => [l.lastSeq, l.updatesSinceSnapshot])).toEqual([
      [40, 40],
      [85, 5],
      [120, 120],
      [0, 0],
      [40, 40],
    ]);
    // Read together, each document's log after number 3 is what reading it alone gives.
    const repo = documentStoreRepository(db.sql);
    const together = await repo.readLogs(ids.map((documentId) => ({ documentId, afterSeq: 3 })));
    for (const id of ids) expect(together.get(id)).toEqual(await repo.readLog(id, 3));
  });

  it("numbers each document's updates in append order, in a batch of one document or of several", async () => {
    const repo = documentStoreRepository(db.sql);
    const [a, b, gone] = await Promise.all([newDocument(db), newDocument(db), newDocument(db)]);
    await db.sql`delete from document where id = ${gone!}`;
    const update = (documentId: string, byte: number) => ({
      documentId,
      data: new Uint8Array([byte]),
      authorId: null,
    });
    const one = await repo.append([update(a!, 1), update(a!, 2), update(a!, 3)]);
    const several = await repo.append([update(b!, 4), update(a!, 5), update(gone!, 6), update(b!, 7)]);
    const alone = await repo.append([update(a!, 8)]);
    expect(Object.fromEntries(one)).toEqual({ [a!]: 3 });
    expect(Object.fromEntries(several)).toEqual({ [a!]: 4, [b!]: 2 });
    expect(Object.fromEntries(alone)).toEqual({ [a!]: 5 });
    // A deleted document's updates are dropped, in either statement.
    expect(await repo.append([update(gone!, 9)])).toEqual(new Map());
    const rows = await db.sql<{ documentId: string; seq: number; byte: number }[]>`
      select document_id, seq::int as seq, get_byte(data, 0) as byte from document_update
      where document_id in (${a!}, ${b!}, ${gone!}) order by document_id = ${a!} desc, seq`;
    expect(
      rows.map((r) => [r.documentId === a ? 'a' : r.documentId === b ? 'b' : 'gone', r.seq, r.byte]),
    ).toEqual([
      ['a', 1, 1],
      ['a', 2, 2],
      ['a', 3, 3],
      ['a', 4, 5],
      ['a', 5, 8],
      ['b', 1, 4],
      ['b', 2, 7],
    ]);
  });

  it('loads exactly what was written, and the same after compaction', async () => {
    const id = await newDocument(db);
    const writer = new UpdateWriter(db.sql);
    const original = await writeEdits(writer, id, 700);
    const store = new DocumentStore(db.sql);
    const before = await store.load(id);
    expect(before.doc.getText('t').toString()).toBe(original.getText('t').toString());
    expect(before.updatesSinceSnapshot).toBe(700);

    expect(await store.compact(id)).toBe(700);
    const after = await store.load(id);
    expect(after.doc.getText('t').toString()).toBe(original.getText('t').toString());
    expect(Y.encodeStateVector(after.doc)).toEqual(Y.encodeStateVector(original));
    expect(after.updatesSinceSnapshot).toBe(0);

    // Later updates land after the snapshot and are folded by the next compaction.
    const more = new Y.Doc();
    Y.applyUpdate(more, Y.encodeStateAsUpdate(original));
    more.on('update', (u: Uint8Array) => void writer.append({ documentId: id, data: u, authorId: null }));
    more.getText('t').insert(0, 'X');
    await writer.idle();
    expect((await store.load(id)).doc.getText('t').toString()).toBe(more.getText('t').toString());
    expect(await store.compact(id)).toBe(1);
    expect((await store.load(id)).doc.getText('t').toString()).toBe(more.getText('t').toString());
  });

  it('keeps every update when compaction is interrupted at any point', async () => {
    const id = await newDocument(db);
    const original = await writeEdits(new UpdateWriter(db.sql), id, 200);
    const repo = documentStoreRepository(db.sql);
    // A crash inside the compaction transaction: snapshot written, deletion begun, never committed.
    await expect(
      db.sql.begin(async (tx) => {
        await documentStoreRepository(tx).replaceSnapshot(id, {
          state: Y.encodeStateAsUpdate(original),
          stateVector: Y.encodeStateVector(original),
          lastSeq: 999_999_999,
        });
        throw new Error('kill -9');
      }),
    ).rejects.toThrow('kill -9');
    expect(await repo.snapshot(id)).toBeNull();
    expect(await repo.countAfter(id, 0)).toBe(200);
    expect((await new DocumentStore(db.sql).load(id)).doc.getText('t').toString()).toBe(
      original.getText('t').toString(),
    );
  });

  it('never replaces a newer snapshot with an older one when two compactions race', async () => {
    const id = await newDocument(db);
    const writer = new UpdateWriter(db.sql);
    const original = await writeEdits(writer, id, 100);
    const store = new DocumentStore(db.sql);
    const results = await Promise.all([store.compact(id), store.compact(id), store.compact(id)]);
    expect(results.filter((n) => n > 0)).toHaveLength(1);
    expect((await store.load(id)).doc.getText('t').toString()).toBe(original.getText('t').toString());
  });

  it('quarantines an undecodable row and loads the rest', async () => {
    const id = await newDocument(db);
    const writer = new UpdateWriter(db.sql);
    const original = await writeEdits(writer, id, 20);
    await writer.append({ documentId: id, data: new Uint8Array([255, 1, 2, 3, 4]), authorId: null });
    const loaded = await new DocumentStore(db.sql).load(id);
    expect(loaded.quarantined).toHaveLength(1);
    expect(loaded.doc.getText('t').toString()).toBe(original.getText('t').toString());
    const [row] = await db.sql<{ count: number }[]>`
      select count(*)::int as count from document_update_quarantine where document_id = ${id}`;
    expect(row!.count).toBe(1);
    // The bad row is out of the log: the next load is clean.
    expect((await new DocumentStore(db.sql).load(id)).quarantined).toEqual([]);
  });

  it('initialises a document exactly once, however many instances try at once', async () => {
    const [body] = await db.sql<
      { id: string }[]
    >`insert into body (name) values (${`I ${Math.random()}`}) returning id`;
    const [plan] = await db.sql<{ id: string }[]>`
      with s as (insert into sozialraum (body_id, code, name) values (${body!.id}, 'X', 'S') returning id, body_id)
      insert into document (body_id, sozialraum_id, kind) select body_id, id, 'action_plan' from s returning id`;
    const store = new DocumentStore(db.sql);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.initialise(plan!.id, 'action_plan')),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await documentStoreRepository(db.sql).countAfter(plan!.id, 0)).toBe(1);
  });
});
