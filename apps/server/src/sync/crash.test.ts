import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOSE_CODES } from '@quartierplan/collab';
import { openDatabase } from '@quartierplan/db';
import { openFreshPostgres } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createSozialraum, loginAs, PASSWORD } from '../testing/fixtures.ts';
import { freePort, startServerProcess } from '../testing/process.ts';
import { connectSyncClient, eventually } from '../testing/sync-clients.ts';

const ADMIN = 'crash-admin@test.quartierplan.de';
const QUERY_AWARENESS = Uint8Array.of(3);

/** Every (client, clock) the observer has is also in `doc`. */
function contains(doc: Y.Doc, observed: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(observed))
    if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

const setups = [
  { name: 'pglite', env: async () => ({ dataDir: await mkdtemp(join(tmpdir(), 'qp-crash-')) }) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', env: async () => ({ dataDir: null }) }] : []),
];

describe.each(setups)('crash safety on $name', ({ name, env }) => {
  let baseEnv: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const { dataDir } = await env();
    if (name === 'postgres') {
      const db = await openFreshPostgres(process.env.TEST_DATABASE_URL!);
      baseEnv = { DATABASE_URL: db.url! };
      cleanup = () => db.close();
    } else {
      baseEnv = { DATA_DIR: dataDir! };
      cleanup = () => rm(dataDir!, { recursive: true, force: true });
    }
    // A low threshold makes compaction run all the time, so kills also land inside compactions.
    Object.assign(baseEnv, {
      ADMIN_EMAIL: ADMIN,
      ADMIN_PASSWORD: PASSWORD,
      BODY_NAME: 'Crashstadt',
      SYNC_COMPACTION_THRESHOLD: '40',
      SYNC_COMPACTION_INTERVAL_MS: '0',
    });
  });
  afterAll(() => cleanup());

  it('keeps every update another client received when the server is killed with SIGKILL, repeatedly', async () => {
    const port = await freePort();
    let proc = await startServerProcess(port, baseEnv);
    const admin = await loginAs(proc.server, ADMIN);
    const docId = (await createSozialraum(admin, {})).documents.needs;

    for (let round = 0; round < 3; round++) {
      const writer = connectSyncClient(proc.server, admin, docId);
      const observer = connectSyncClient(proc.server, admin, docId);
      await Promise.all([writer.synced, observer.synced]);
      const text = writer.doc.getText('crash');
      const typing = setInterval(() => {
        for (let i = 0; i < 5; i++) text.insert(text.length, String(round));
      }, 2);
      await eventually(
        () => expect(observer.doc.getText('crash').length).toBeGreaterThan(200 * (round + 1)),
        10_000,
      );
      proc.child.kill('SIGKILL');
      await proc.exited;
      clearInterval(typing);
      const observed = Y.encodeStateVector(observer.doc);
      const observedText = observer.doc.getText('crash').toString();
      writer.destroy();
      observer.destroy();

      proc = await startServerProcess(port, baseEnv);
      const fresh = connectSyncClient(proc.server, await loginAs(proc.server, ADMIN), docId);
      await fresh.synced;
      expect(contains(fresh.doc, observed)).toBe(true);
      expect(fresh.doc.getText('crash').toString().startsWith(observedText.slice(0, 100))).toBe(true);
      fresh.destroy();
    }
    proc.child.kill('SIGTERM');
    await proc.exited;
  }, 300_000);

  it('on SIGTERM stores everything, closes clients with 1012 and exits within 10 s', async () => {
    const port = await freePort();
    const proc = await startServerProcess(port, baseEnv);
    const admin = await loginAs(proc.server, ADMIN);
    const docId = (await createSozialraum(admin, {})).documents.needs;
    const client = connectSyncClient(proc.server, admin, docId);
    await client.synced;
    client.doc.getText('t').insert(0, 'vor dem Herunterfahren');
    const observer = connectSyncClient(proc.server, admin, docId);
    await eventually(() => expect(observer.doc.getText('t').toString()).toBe('vor dem Herunterfahren'));
    // A client that sends far faster than its rate allows must not hold the exit up.
    const flooder = new WebSocket(`${proc.server.origin.replace('http', 'ws')}/sync/${docId}`, {
      headers: { cookie: `qp_session=${admin.cookie('qp_session')}` },
    });
    await new Promise((resolve) => flooder.once('open', resolve));
    flooder.on('error', () => {});
    const flood = setInterval(() => {
      for (let i = 0; i < 20 && flooder.readyState === WebSocket.OPEN; i++) flooder.send(QUERY_AWARENESS);
    }, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Unloaded, not only stored: the text edit left the needs alone, so the needs table is marked true
    // up to the last update and the next start re-projects nothing.
    const db = await openDatabase({
      databaseUrl: baseEnv.DATABASE_URL,
      dataDir: baseEnv.DATA_DIR ?? 'memory://',
    });
    const [positions] = await db.sql<{ lastSeq: number; projectedSeq: number }[]>`
      select last_seq::int as last_seq, projected_seq::int as projected_seq from document where id = ${docId}`;
    await db.close();
    expect(positions!.lastSeq).toBeGreaterThan(0);
    expect(positions!.projectedSeq).toBe(positions!.lastSeq);
    clearInterval(flood);
    flooder.terminate();
    await eventually(() => expect(observer.closeCodes).toContain(CLOSE_CODES.serviceRestart));
    client.destroy();
    observer.destroy();

    const again = await startServerProcess(port, baseEnv);
    const check = connectSyncClient(again.server, await loginAs(again.server, ADMIN), docId);
    await check.synced;
    expect(check.doc.getText('t').toString()).toBe('vor dem Herunterfahren');
    check.destroy();
    again.child.kill('SIGTERM');
    await again.exited;
  }, 180_000);
});
