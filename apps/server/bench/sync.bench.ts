/**
 * `pnpm bench:sync`: the sync engine under load, persistence on (persist-before-relay), against
 * the server as its own process. Prints a table per database; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore } from '../src/sync/persistence/document-store.ts';
import { UpdateWriter } from '../src/sync/persistence/update-writer.ts';
import { openDatabase } from '@quartierplan/db';
import { openFreshPostgres } from '@quartierplan/db/testing';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ApiClient } from '../src/testing/client.ts';
import { createSozialraum, loginAs, PASSWORD } from '../src/testing/fixtures.ts';
import { freePort, startServerProcess, type ServerProcess } from '../src/testing/process.ts';
import { connectSyncClient, type SyncClient } from '../src/testing/sync-clients.ts';
import { collectGarbage } from './proc.ts';

const ADMIN = 'bench-admin@test.quartierplan.de';
const scenarios = new Set((process.env.BENCH_SCENARIOS ?? 'fanout,writers,memory,burst,coldload').split(','));
// BENCH_WRITERS=10 runs one writer count (e.g. to profile it alone). By default 10 writers run
// twice: right after start (V8 still compiling the hot path) and again on the warmed-up server.
const writerCounts = (process.env.BENCH_WRITERS ?? '10,50,10').split(',').map(Number);
const ENV = {
  ADMIN_EMAIL: ADMIN,
  ADMIN_PASSWORD: PASSWORD,
  BODY_NAME: 'Benchstadt',
  SYNC_MAX_CONNECTIONS_PER_USER: '5000',
  // Above the production default (300/s per connection), so the burst runs in seconds, not minutes.
  SYNC_MESSAGES_PER_SECOND: '2000',
};
// Every y-websocket provider in Node adds a process 'exit' listener; hundreds of clients are the point here.
process.setMaxListeners(0);
const print = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** CPU time of a process in ms, from /proc: user (JavaScript, V8) and system (syscalls, TCP). */
function cpuMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(fields[11]) * 1000) / 100, system: (Number(fields[12]) * 1000) / 100 };
}
/**
 * Resident anonymous memory (heap, buffers) of a process in kB. File-backed pages (the node binary,
 * ICU data) are left out: the kernel drops and re-reads them at will (this machine runs proactive
 * reclaim), which made whole-RSS differences swing by 30 kB per document between identical runs.
 */
function rssAnonKb(pid: number): number {
  return Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

async function waitSynced(clients: SyncClient[]) {
  await Promise.all(clients.map((c) => c.synced));
}

async function fanout(proc: ServerProcess, admin: ApiClient, n: number) {
  const docId = (await createSozialraum(admin, {})).documents.needs;
  const observers = Array.from({ length: n }, () => connectSyncClient(proc.server, admin, docId));
  const writer = connectSyncClient(proc.server, admin, docId);
  await waitSynced([...observers, writer]);
  const latencies: number[] = [];
  for (const o of observers) {
    o.doc.on('update', () => {
      const sent = o.doc.getMap('bench').get('t');
      if (typeof sent === 'number') latencies.push(performance.now() - sent);
    });
  }
  // 400 updates (20 s): each update is n deliveries, so p99 rests on the slowest 4 updates, not on one;
  // and the run spans the moment all clients renew their awareness together (15 s after connecting).
  for (let i = 0; i < 400; i++) {
    writer.doc.getMap('bench').set('t', performance.now());
    await sleep(50);
  }
  await sleep(500);
  for (const c of [...observers, writer]) c.destroy();
  latencies.sort((a, b) => a - b);
  return {
    n,
    samples: latencies.length,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

async function writers(proc: ServerProcess, admin: ApiClient, w: number) {
  const docId = (await createSozialraum(admin, {})).documents.needs;
  const clients = Array.from({ length: w }, () => connectSyncClient(proc.server, admin, docId));
  await waitSynced(clients);
  const cpuBefore = cpuMs(proc.child.pid!);
  const started = performance.now();
  let edits = 0;
  const deadline = started + 5000;
  // Each writer types at the end of its own paragraph, as people in a workshop do (all typing at
  // one position would measure YATA's worst case, not a workshop).
  const typed = (c: SyncClient) => clients.reduce((sum, _, i) => sum + c.doc.getText(`p${i}`).length, 0);
  while (performance.now() < deadline) {
    clients.forEach((c, i) => {
      const paragraph = c.doc.getText(`p${i}`);
      paragraph.insert(paragraph.length, 'x');
      edits++;
    });
    await sleep(1);
  }
  // Converged: every client holds every edit.
  const convergeStart = performance.now();
  while (!clients.every((c) => typed(c) === edits)) {
    if (performance.now() - convergeStart > 60_000) break;
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(proc.child.pid!);
  const user = cpuAfter.user - cpuBefore.user;
  const system = cpuAfter.system - cpuBefore.system;
  const lengths = clients.map(typed);
  const text = (c: SyncClient) => clients.map((_, i) => c.doc.getText(`p${i}`).toString()).join('|');
  const same = clients.every((c) => text(c) === text(clients[0]!));
  const converged =
    same && lengths[0] === edits
      ? 'yes'
      : `NO (lengths ${Math.min(...lengths)}–${Math.max(...lengths)} of ${edits}, closes ${clients.flatMap((c) => c.closeCodes).join(',') || 'none'})`;
  for (const c of clients) c.destroy();
  const per1000 = (n: number) => (n / edits) * 1000;
  return {
    w,
    edits,
    perSecond: edits / seconds,
    cpuPer1000: per1000(user + system),
    userPer1000: per1000(user),
    systemPer1000: per1000(system),
    converged,
  };
}

async function memory(proc: ServerProcess, admin: ApiClient, inspectPort: number) {
  const ids = [];
  for (let i = 0; i < 500; i++) ids.push((await createSozialraum(admin, {})).documents.needs);
  // Warm up allocator and code paths with a few documents first.
  const warm = ids
    .slice(0, 20)
    .flatMap((id) => [connectSyncClient(proc.server, admin, id), connectSyncClient(proc.server, admin, id)]);
  await waitSynced(warm);
  await collectGarbage(inspectPort);
  const before = rssAnonKb(proc.child.pid!);
  const clients = ids
    .slice(20)
    .flatMap((id) => [connectSyncClient(proc.server, admin, id), connectSyncClient(proc.server, admin, id)]);
  await waitSynced(clients);
  for (const c of clients.filter((_, i) => i % 2 === 0)) c.doc.getText('t').insert(0, 'Bedarf');
  await sleep(2000);
  await collectGarbage(inspectPort);
  const after = rssAnonKb(proc.child.pid!);
  for (const c of [...warm, ...clients]) c.destroy();
  return { perDocumentKb: (after - before) / 480 };
}

/**
 * Writes `updates` one-character edits into a document's log, as the server would, compacting
 * every `compactEvery` updates like the server's threshold does (null: never, the worst case).
 */
async function seedLargeDocument(
  env: Record<string, string>,
  docId: string,
  updates: number,
  compactEvery: number | null,
) {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? 'memory://' });
  const writer = new UpdateWriter(db.sql, 5000);
  const store = new DocumentStore(db.sql);
  const doc = new Y.Doc();
  let pending: Promise<void>[] = [];
  doc.on('update', (u: Uint8Array) =>
    pending.push(writer.append({ documentId: docId, data: u, authorId: null })),
  );
  for (let i = 0; i < updates; i++) {
    doc.getText('t').insert(i, 'a');
    if (compactEvery && (i + 1) % compactEvery === 0) {
      await Promise.all(pending);
      pending = [];
      await store.compact(docId);
    }
  }
  await Promise.all(pending);
  await db.close();
}

async function burst(proc: ServerProcess, admin: ApiClient) {
  const docId = (await createSozialraum(admin, {})).documents.needs;
  const source = new Y.Doc();
  const frames: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, u);
    frames.push(encoding.toUint8Array(e));
  });
  for (let i = 0; i < 50_000; i++) source.getText('t').insert(i, 'b');
  const ws = new WebSocket(`${proc.server.origin.replace('http', 'ws')}/sync/${docId}`, {
    headers: { cookie: `qp_session=${admin.cookie('qp_session')}` },
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const sendStart = performance.now();
  for (const f of frames) ws.send(f);
  let worstHealth = 0;
  let worstConnect = 0;
  const probe = async () => {
    const t = performance.now();
    await fetch(`${proc.server.origin}/api/health`);
    worstHealth = Math.max(worstHealth, performance.now() - t);
    const c = performance.now();
    const other = connectSyncClient(proc.server, admin, docId);
    await other.synced;
    worstConnect = Math.max(worstConnect, performance.now() - c);
    other.destroy();
  };
  const reader = connectSyncClient(proc.server, admin, docId);
  while (reader.doc.getText('t').length < 50_000 && performance.now() - sendStart < 600_000) {
    await probe();
    await sleep(200);
  }
  const drained = performance.now() - sendStart;
  ws.close();
  reader.destroy();
  return { drainedSeconds: drained / 1000, worstHealth, worstConnect };
}

/** Starts the server; if it dies on its own, the benchmark stops at once instead of reconnecting forever. */
async function startWatched(port: number, env: Record<string, string>, nodeArgs: string[] = []) {
  const proc = await startServerProcess(port, env, nodeArgs);
  let stopping = false;
  void proc.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`\nThe server exited unexpectedly (code ${code}); benchmark aborted.\n`);
    process.exit(1);
  });
  const stop = async () => {
    stopping = true;
    proc.child.kill('SIGTERM');
    await proc.exited;
  };
  return { proc, stop };
}

async function run(name: string, env: Record<string, string>, cleanup: () => Promise<void>) {
  const port = await freePort();
  let { proc, stop } = await startWatched(port, { ...ENV, ...env });
  // A failing scenario must not leave the server running.
  process.once('exit', () => proc.child.kill('SIGKILL'));
  let admin = await loginAs(proc.server, ADMIN);
  print(`\n${name}`);
  for (const n of scenarios.has('fanout') ? [10, 50, 200] : []) {
    const r = await fanout(proc, admin, n);
    print(
      `  fanout ${String(n).padStart(3)} clients, 20 upd/s: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  (${r.samples} deliveries)`,
    );
  }
  const writersRun = new Set<number>();
  for (const w of scenarios.has('writers') ? writerCounts : []) {
    const r = await writers(proc, admin, w);
    const again = writersRun.has(w) ? ' (again, warm server)' : '';
    writersRun.add(w);
    print(
      `  ${String(w).padStart(3)} writers${again}: ${r.perSecond.toFixed(0)} edits/s, server CPU ${r.cpuPer1000.toFixed(0)} ms / 1,000 edits (user ${r.userPer1000.toFixed(0)}, system ${r.systemPer1000.toFixed(0)}), converged: ${r.converged}`,
    );
  }
  let mem = null;
  if (scenarios.has('memory')) {
    // A fresh process with the inspector open, so the bench can collect garbage before each sample.
    const inspectPort = await freePort();
    await stop();
    ({ proc, stop } = await startWatched(port, { ...ENV, ...env }, [`--inspect=127.0.0.1:${inspectPort}`]));
    admin = await loginAs(proc.server, ADMIN);
    mem = await memory(proc, admin, inspectPort);
  }
  if (mem)
    print(
      `  memory: ${mem.perDocumentKb.toFixed(0)} kB server memory (resident, anonymous) per additional loaded document (480 documents × 2 clients)`,
    );
  const b = scenarios.has('burst') ? await burst(proc, admin) : null;
  if (b)
    print(
      `  burst of 50,000 one-character updates: stored and relayed in ${b.drainedSeconds.toFixed(1)} s; worst health check ${ms(b.worstHealth)}, worst new connection to synced ${ms(b.worstConnect)}`,
    );
  if (!scenarios.has('coldload')) {
    await stop();
    await cleanup();
    return;
  }
  const cases = [
    { label: '10,000 updates (compacted as the server does, every 500)', count: 10_000, compactEvery: 500 },
    { label: '100,000 updates (compacted as the server does, every 500)', count: 100_000, compactEvery: 500 },
    { label: '100,000 updates never compacted (worst case)', count: 100_000, compactEvery: null },
  ];
  const docs: string[] = [];
  for (const _ of cases) docs.push((await createSozialraum(admin, {})).documents.needs);
  await stop();
  for (const [i, c] of cases.entries()) await seedLargeDocument(env, docs[i]!, c.count, c.compactEvery);
  ({ proc, stop } = await startWatched(port, { ...ENV, ...env }));
  admin = await loginAs(proc.server, ADMIN);
  for (const [i, c] of cases.entries()) {
    const t = performance.now();
    const client = connectSyncClient(proc.server, admin, docs[i]!);
    await client.synced;
    print(
      `  cold load after restart, ${c.label}: ${ms(performance.now() - t)} to synced (${client.doc.getText('t').length} chars)`,
    );
    client.destroy();
  }
  await stop();
  await cleanup();
}

// BENCH_ONLY=pglite|postgres runs one database; BENCH_SCENARIOS=fanout,writers,memory,burst,coldload a subset;
// BENCH_WRITERS=10,50,10 the writer counts.
const only = process.env.BENCH_ONLY;
if (only !== 'postgres') {
  const dataDir = await mkdtemp(join(tmpdir(), 'qp-bench-'));
  await run('PGlite (embedded)', { DATA_DIR: dataDir }, () => rm(dataDir, { recursive: true, force: true }));
}
if (process.env.TEST_DATABASE_URL && only !== 'pglite') {
  const db = await openFreshPostgres(process.env.TEST_DATABASE_URL);
  await run('PostgreSQL', { DATABASE_URL: db.url! }, () => db.close());
}
process.exit(0);
