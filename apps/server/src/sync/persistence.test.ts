import { addNeed } from '@quartierplan/collab';
import { documentStoreRepository } from '@quartierplan/db';
import { testDatabases } from '@quartierplan/db/testing';
import { DocumentStore } from './persistence/document-store.ts';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, loginAs } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import { connectSyncClient, eventually, type SyncClient } from '../testing/sync-clients.ts';

const COMPACTION_THRESHOLD = 20;
// Long enough that a loaded CI machine types the second round well within it.
const COMPACTION_INTERVAL_MS = 5000;

/** A y-websocket "update" frame (sync message, step 2 = update) carrying `update`. */
function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe.each(testDatabases())('update log on $name', (factory) => {
  const ctx = useTestServer(factory, {
    env: {
      SYNC_COMPACTION_THRESHOLD: String(COMPACTION_THRESHOLD),
      SYNC_COMPACTION_INTERVAL_MS: String(COMPACTION_INTERVAL_MS),
    },
  });
  let admin: ApiClient;
  const clients: SyncClient[] = [];
  const sockets: WebSocket[] = [];

  const newDocument = async () => (await createSozialraum(admin, {})).documents.needs;
  const logRows = async (docId: string) => {
    const [row] = await ctx.db.sql<{ count: number }[]>`
      select count(*)::int as count from document_update where document_id = ${docId}`;
    return row!.count;
  };

  const hasSnapshot = async (docId: string) => {
    const rows = await ctx.db.sql`select 1 from document_snapshot where document_id = ${docId}`;
    return rows.length === 1;
  };

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.terminate();
  });

  it('projects needs the log holds but the table lacks (a crash between commit and projection) on load', async () => {
    const sozialraum = await createSozialraum(admin, {});
    const docId = sozialraum.documents.needs;
    const needs = async () =>
      (await admin.get<{ id: string }[]>(`/api/sozialraeume/${sozialraum.id}/needs`)).body.map((n) => n.id);
    // Committed by a server that died before projecting it: in the log, not in the table.
    const written = new Y.Doc();
    addNeed(written, {
      id: 'need-nach-absturz',
      title: 'Treffpunkt für Jugendliche',
      createdBy: null,
      createdAt: new Date().toISOString(),
    });
    await documentStoreRepository(ctx.db.sql).append([
      { documentId: docId, data: Y.encodeStateAsUpdate(written), authorId: null },
    ]);
    expect(await needs()).toEqual([]);
    const client = connectSyncClient(ctx.server, admin, docId);
    clients.push(client);
    await client.synced;
    await eventually(async () => expect(await needs()).toEqual(['need-nach-absturz']));
  });

  it('marks the needs table true up to the last update when the document unloads after edits that left the needs alone', async () => {
    const docId = await newDocument();
    const positions = async () =>
      (
        await ctx.db.sql<{ lastSeq: number; projectedSeq: number }[]>`
          select last_seq::int as last_seq, projected_seq::int as projected_seq from document where id = ${docId}`
      )[0]!;
    const client = connectSyncClient(ctx.server, admin, docId);
    await client.synced;
    for (let i = 0; i < 3; i++) client.doc.getMap('cursor-notes').set('x', i);
    await eventually(async () => expect((await positions()).lastSeq).toBe(3));
    expect((await positions()).projectedSeq).toBe(0);
    client.destroy();
    // Unloaded once its last client left: the next load has nothing to re-project.
    await eventually(async () => expect(await positions()).toEqual({ lastSeq: 3, projectedSeq: 3 }));
  });

  it('stores an update that arrives before the one it builds on, and applies it once that arrives', async () => {
    const docId = await newDocument();
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getText('t').insert(0, 'A');
    author.getText('t').insert(1, 'B');
    const [first, second] = updates as [Uint8Array, Uint8Array];

    const reader = connectSyncClient(ctx.server, admin, docId);
    clients.push(reader);
    await reader.synced;
    const ws = new WebSocket(`${ctx.server.origin.replace('http', 'ws')}/sync/${docId}`, {
      headers: { cookie: `qp_session=${admin.cookie('qp_session')}` },
    });
    sockets.push(ws);
    await new Promise((resolve) => ws.once('open', resolve));
    // "B" refers to "A", which the server does not have yet: Yjs keeps it pending.
    ws.send(updateFrame(second));
    ws.send(updateFrame(first));

    await eventually(() => expect(reader.doc.getText('t').toString()).toBe('AB'));
    // What the reader saw was committed first: the log alone gives the same document.
    const stored = await new DocumentStore(ctx.db.sql).load(docId);
    expect(stored.doc.getText('t').toString()).toBe('AB');
  });

  it('compacts a log that grew during fast typing once the interval has passed, without a further change', async () => {
    const docId = await newDocument();
    const writer = connectSyncClient(ctx.server, admin, docId);
    const reader = connectSyncClient(ctx.server, admin, docId);
    clients.push(writer, reader);
    await Promise.all([writer.synced, reader.synced]);
    const text = writer.doc.getText('t');
    const type = async (count: number) => {
      for (let i = 0; i < count; i++) text.insert(text.length, String(i % 10));
      await eventually(() => expect(reader.doc.getText('t').length).toBe(text.length));
    };
    // Past the threshold: compacted at once (rows that arrived meanwhile may stay in the log).
    await type(2 * COMPACTION_THRESHOLD);
    await eventually(async () => {
      expect(await hasSnapshot(docId)).toBe(true);
      expect(await logRows(docId)).toBeLessThan(COMPACTION_THRESHOLD);
    });
    const left = await logRows(docId);
    // Past it again right away: the next compaction waits for the interval, so the log holds
    // more than a threshold's worth of rows for now …
    await type(2 * COMPACTION_THRESHOLD);
    expect(await logRows(docId)).toBe(left + 2 * COMPACTION_THRESHOLD);
    // … and is folded when the interval has passed, though nobody typed since.
    await eventually(async () => expect(await logRows(docId)).toBe(0), 3 * COMPACTION_INTERVAL_MS);
    const stored = await new DocumentStore(ctx.db.sql).load(docId);
    expect(stored.doc.getText('t').toString()).toBe(text.toString());
  });
});
