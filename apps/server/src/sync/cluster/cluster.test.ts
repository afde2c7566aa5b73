import { documentStoreRepository, openDatabase, type Database } from '@quartierplan/db';
import { openFreshPostgres, type TestDatabase } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { startTestServer, type TestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually, type SyncClient } from '../../testing/sync-clients.ts';
import { DocumentStore } from '../persistence/document-store.ts';
import { ClusterBus } from './document-bus.ts';

// Several instances in one process: each with its own PostgreSQL pool, as separate processes would
// have, sharing one database and one Redis. (The real processes behind nginx: tests/proxy.)
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

interface Instance {
  db: Database;
  server: TestServer;
}

describe.skipIf(!databaseUrl || !redisUrl)('several instances on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  const instances: Instance[] = [];
  const clients: SyncClient[] = [];

  async function startInstance(): Promise<Instance> {
    const own = await openDatabase({ databaseUrl: db.url!, dataDir: 'memory://', maxConnections: 4 });
    const server = await startTestServer(own.sql, {
      env: { DATABASE_URL: db.url!, REDIS_URL: redisUrl!, SYNC_COMPACTION_THRESHOLD: '20' },
    });
    await (server.sync.bus as ClusterBus).whenStarted();
    const instance = { db: own, server };
    instances.push(instance);
    return instance;
  }

  beforeAll(async () => {
    db = await openFreshPostgres(databaseUrl!);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const { server, db: own } of instances) {
      await server.close();
      await server.context.measureBus.close();
      await server.context.workshopBus.close();
      await own.close();
    }
    await db.close();
  });

  async function setUp(count: number) {
    const started = await Promise.all(Array.from({ length: count }, () => startInstance()));
    const body = await createTestBody(db.sql);
    const admins = await Promise.all(started.map(({ server }) => loginAs(server, body.adminEmail)));
    const sozialraum = await createSozialraum(admins[0]!);
    return { started, admins, body, docId: sozialraum.documents.needs, sozialraum };
  }

  function connect(server: TestServer, admin: Parameters<typeof connectSyncClient>[1], docId: string) {
    const client = connectSyncClient(server, admin, docId);
    clients.push(client);
    return client;
  }

  it('relays each instance’s committed edits to the clients of the others, and stores all of them', async () => {
    const { started, admins, docId } = await setUp(2);
    const [one, two] = started.map((i) => i.server) as [TestServer, TestServer];
    const a = connect(one, admins[0]!, docId);
    const b = connect(two, admins[1]!, docId);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < 40; i++) {
      a.doc.getText('t').insert(0, 'a');
      b.doc.getText('t').insert(0, 'b');
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(() => {
      expect(a.doc.getText('t').length).toBe(80);
      expect(b.doc.getText('t').toString()).toBe(a.doc.getText('t').toString());
    });
    await Promise.all(started.map((i) => i.server.sync.writer.idle()));
    const stored = await new DocumentStore(db.sql).load(docId);
    expect(stored.doc.getText('t').toString()).toBe(a.doc.getText('t').toString());
  });

  it('reads from the log what no message announced (a commit whose Redis message was lost)', async () => {
    const { started, admins, docId } = await setUp(1);
    const a = connect(started[0]!.server, admins[0]!, docId);
    await a.synced;
    // Another instance committed this and died before publishing it.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(a.doc));
    elsewhere.getText('t').insert(0, 'nur im Log');
    await documentStoreRepository(db.sql).append([
      {
        documentId: docId,
        data: Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(a.doc)),
        authorId: null,
      },
    ]);
    await eventually(() => expect(a.doc.getText('t').toString()).toBe('nur im Log'), 5000);
  });

  it('shows who is where across instances (awareness travels, ephemeral)', async () => {
    const { started, admins, docId } = await setUp(2);
    const a = connect(started[0]!.server, admins[0]!, docId);
    const b = connect(started[1]!.server, admins[1]!, docId);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('cursor', { at: 3 });
    await eventually(() => {
      const seen = b.provider.awareness.getStates().get(a.doc.clientID);
      expect(seen?.cursor).toEqual({ at: 3 });
    });
    a.destroy();
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it('closes a socket on another instance within 5 s when the user’s access is revoked', async () => {
    const { started, admins, sozialraum, docId } = await setUp(2);
    const member = await createUser(admins[0]!, {
      role: 'member',
      memberships: [{ sozialraumId: sozialraum.id, access: 'edit' }],
    });
    const onTwo = await loginAs(started[1]!.server, member.email);
    const client = connect(started[1]!.server, onTwo, docId);
    await client.synced;
    const revoked = await admins[0]!.put(`/api/users/${member.id}/memberships`, { memberships: [] });
    expect(revoked.status, revoked.text).toBeLessThan(300);
    await eventually(() => expect(client.closeCodes.length).toBeGreaterThan(0), 5000);
  });

  it('refuses a fold prepared by an instance that paused while another folded (fencing by the snapshot’s number)', async () => {
    const { started, admins, docId } = await setUp(1);
    const a = connect(started[0]!.server, admins[0]!, docId);
    await a.synced;
    const paused = new DocumentStore(instances.at(-1)!.db.sql);
    const other = new DocumentStore(db.sql);
    const type = async (text: string) => {
      a.doc.getText('t').insert(a.doc.getText('t').length, text);
      await eventually(async () => {
        const stored = await other.load(docId);
        expect(stored.doc.getText('t').toString()).toBe(a.doc.getText('t').toString());
      });
    };
    await type('eins ');
    const stale = await paused.prepareFold(docId);
    expect(stale).not.toBeNull();
    await type('zwei ');
    expect(await other.compact(docId)).toBeGreaterThan(0);
    await type('drei');
    // The paused instance wakes up and tries to write the fold it built before any of this.
    expect(await paused.commitFold(stale!)).toBe(0);
    const loaded = await other.load(docId);
    expect(loaded.doc.getText('t').toString()).toBe('eins zwei drei');
    expect((await documentStoreRepository(db.sql).snapshot(docId))!.lastSeq).toBeGreaterThan(stale!.baseSeq);
  });
});
