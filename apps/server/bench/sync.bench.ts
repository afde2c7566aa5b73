/**
 * `pnpm bench:sync`: the sync engine under load, persistence on (persist-before-relay), against
 * the server as its own process. Prints a table per database; asserts nothing.
 *
 * `pnpm bench:sync --peers` (or BENCH_PEERS=1) compares it with the stock y-websocket server and Hocuspocus
 * on the same scenarios instead (bench/sync-peers.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFreshPostgres } from '@quartierplan/db/testing';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ApiClient } from '../src/testing/client.ts';
import { createSozialraum } from '../src/testing/fixtures.ts';
import type { ServerProcess } from '../src/testing/process.ts';
import { connectSyncClient } from '../src/testing/sync-clients.ts';
import { comparePeers } from './sync-peers.ts';
import { coldLoad, fanout, memoryPerDocument, sleep, writers } from './sync-scenarios.ts';
import { seedQuartierplanDocument, startQuartierplan } from './sync-targets.ts';

const scenarios = new Set((process.env.BENCH_SCENARIOS ?? 'fanout,writers,memory,burst,coldload').split(','));
// BENCH_WRITERS=10 runs one writer count (e.g. to profile it alone). By default 10 writers run
// twice: right after start (V8 still compiling the hot path) and again on the warmed-up server.
const writerCounts = (process.env.BENCH_WRITERS ?? '10,50,10').split(',').map(Number);
// The source through tsx, as this bench has always measured it (the comparison runs the build when there is one).
const SOURCE = ['--import', 'tsx', 'src/main.ts'];
// Every y-websocket provider in Node adds a process 'exit' listener; hundreds of clients are the point here.
process.setMaxListeners(0);
const print = (line: string) => process.stdout.write(`${line}\n`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

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

async function run(name: string, env: Record<string, string>, cleanup: () => Promise<void>) {
  // The inspector is open in every start, so the memory scenario can collect garbage before each sample.
  let server = await startQuartierplan(env, SOURCE);
  print(`\n${name}`);
  for (const n of scenarios.has('fanout') ? [10, 50, 200] : []) {
    const r = await fanout(server.target, n);
    print(
      `  fanout ${String(n).padStart(3)} clients, 20 upd/s: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  (${r.samples} deliveries)`,
    );
  }
  const writersRun = new Set<number>();
  for (const w of scenarios.has('writers') ? writerCounts : []) {
    const r = await writers(server.target, w);
    const again = writersRun.has(w) ? ' (again, warm server)' : '';
    writersRun.add(w);
    print(
      `  ${String(w).padStart(3)} writers${again}: ${r.perSecond.toFixed(0)} edits/s, server CPU ${r.cpuPer1000.toFixed(0)} ms / 1,000 edits (user ${r.userPer1000.toFixed(0)}, system ${r.systemPer1000.toFixed(0)}), converged: ${r.converged}`,
    );
  }
  if (scenarios.has('memory')) {
    // A fresh process: what earlier scenarios left behind would count as the documents' memory.
    await server.stop();
    server = await startQuartierplan(env, SOURCE);
    const ids = [];
    for (let i = 0; i < 500; i++) ids.push(await server.target.newDocument());
    // The first 20 documents warm up allocator and code paths.
    const mem = await memoryPerDocument(server.target, server.inspectPort, ids, 20);
    print(
      `  memory: ${mem.perDocumentKb.toFixed(0)} kB server memory (resident, anonymous) per additional loaded document (480 documents × 2 clients)`,
    );
  }
  const b = scenarios.has('burst') ? await burst(server.proc, server.admin) : null;
  if (b)
    print(
      `  burst of 50,000 one-character updates: stored and relayed in ${b.drainedSeconds.toFixed(1)} s; worst health check ${ms(b.worstHealth)}, worst new connection to synced ${ms(b.worstConnect)}`,
    );
  if (!scenarios.has('coldload')) {
    await server.stop();
    await cleanup();
    return;
  }
  const cases = [
    { label: '10,000 updates (compacted as the server does, every 500)', count: 10_000, compactEvery: 500 },
    { label: '100,000 updates (compacted as the server does, every 500)', count: 100_000, compactEvery: 500 },
    { label: '100,000 updates never compacted (worst case)', count: 100_000, compactEvery: null },
  ];
  const docs: string[] = [];
  for (const _ of cases) docs.push(await server.target.newDocument());
  await server.stop();
  for (const [i, c] of cases.entries())
    await seedQuartierplanDocument(env, docs[i]!, c.count, c.compactEvery);
  server = await startQuartierplan(env, SOURCE);
  for (const [i, c] of cases.entries()) {
    const r = await coldLoad(server.target, docs[i]!, c.count);
    print(
      `  cold load after restart, ${c.label}: ${ms(r.syncedMs)} to synced (${r.syncedChars} chars), ${ms(r.completeMs)} to the full text`,
    );
  }
  await server.stop();
  await cleanup();
}

if (process.argv.includes('--peers') || ['1', 'true'].includes(process.env.BENCH_PEERS ?? '')) {
  await comparePeers();
  process.exit(0);
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
