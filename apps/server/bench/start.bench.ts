/**
 * `pnpm bench:start`: cold start (process spawn → first `200` from `/api/health`) and resident memory once the
 * server idles, for the built server (`node dist/main.js`, after `pnpm build`) and, for comparison, the
 * TypeScript source run through tsx. Embedded PGlite, each start once on a fresh DATA_DIR (initdb, migrations,
 * first body) and once on a warm one (the same directory again); with TEST_DATABASE_URL also PostgreSQL, on a
 * fresh database and again on the migrated one. Prints medians of wall-clock start, the CPU time the start
 * took (steadier on a shared machine), RSS after idling, and RSS at rest: after a full garbage collection, no
 * client connected (what the process holds, not the garbage of its start). Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openFreshPostgres } from '@quartierplan/db/testing';
import { freePort } from '../src/testing/process.ts';
import { collectGarbage, cpuSeconds, rssMiB } from './proc.ts';

const SERVER_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** How long the server idles after its first answer before its memory is read. */
const IDLE_MS = 3_000;
const START_TIMEOUT_MS = 60_000;

interface Variant {
  name: string;
  args: string[];
}

const variants: Variant[] = [];
if (existsSync(join(SERVER_DIR, 'dist/main.js')))
  variants.push({ name: 'built (node dist/main.js)', args: ['dist/main.js'] });
else process.stdout.write('No dist/main.js: run `pnpm build` first to measure the built server too.\n');
variants.push({ name: 'source (node --import tsx src/main.ts)', args: ['--import', 'tsx', 'src/main.ts'] });

/** One database to start on twice: empty first, then as the first start left it. */
interface Database {
  name: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

async function pglite(): Promise<Database> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qp-start-bench-'));
  return {
    name: 'PGlite',
    env: { DATA_DIR: dataDir },
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(adminUrl: string): Promise<Database> {
  const db = await openFreshPostgres(adminUrl, { migrated: false });
  return { name: 'PostgreSQL', env: { DATABASE_URL: db.url! }, close: () => db.close() };
}

const databases: { name: string; open: () => Promise<Database> }[] = [{ name: 'PGlite', open: pglite }];
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) databases.push({ name: 'PostgreSQL', open: () => postgres(adminUrl) });
else process.stdout.write('No TEST_DATABASE_URL: PostgreSQL is not measured.\n');

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  startMs: number;
  cpuMs: number;
  /** RSS after idling IDLE_MS. */
  rss: number;
  /** RSS after a full garbage collection. */
  restRss: number;
}

/** One start: milliseconds until `/api/health` answers 200, the CPU time that took, RSS idle and at rest. */
async function measure(variant: Variant, env: Record<string, string>): Promise<Run> {
  const port = await freePort();
  const inspectPort = await freePort();
  const started = performance.now();
  // The inspector only listens until the bench asks it for a garbage collection.
  const child = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectPort}`, ...variant.args], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Kept for the error message: the inspector's greeting goes there too, so it is not simply shown.
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const url = `http://127.0.0.1:${port}/api/health`;
    while (!(await healthy(url))) {
      if (child.exitCode !== null)
        throw new Error(`${variant.name} exited with ${child.exitCode}:\n${stderr}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${variant.name} did not start`);
      await sleep(10);
    }
    const startMs = performance.now() - started;
    const cpuMs = (await cpuSeconds(child.pid!)) * 1000;
    await sleep(IDLE_MS);
    const rss = await rssMiB(child.pid!);
    await collectGarbage(inspectPort);
    return { startMs, cpuMs, rss, restRss: await rssMiB(child.pid!) };
  } finally {
    await stop(child);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const rows: string[] = [];
for (const variant of variants) {
  for (const database of databases) {
    const fresh: Run[] = [];
    const warm: Run[] = [];
    for (let run = 0; run < RUNS; run++) {
      const db = await database.open();
      try {
        fresh.push(await measure(variant, db.env));
        warm.push(await measure(variant, db.env));
      } finally {
        await db.close();
      }
    }
    for (const [label, runs] of [
      [`${database.name}, fresh`, fresh],
      [`${database.name}, warm`, warm],
    ] as const) {
      const figure = (pick: (r: Run) => number, digits: number) =>
        median(runs.map(pick)).toFixed(0).padStart(digits);
      rows.push(
        `${variant.name.padEnd(40)} ${label.padEnd(18)} start ${figure((r) => r.startMs, 6)} ms` +
          ` (CPU ${figure((r) => r.cpuMs, 6)} ms)   idle RSS ${figure((r) => r.rss, 4)} MiB` +
          `   at rest ${figure((r) => r.restRss, 4)} MiB` +
          `   (starts: ${runs.map((r) => r.startMs.toFixed(0)).join(', ')} ms)`,
      );
    }
  }
}
process.stdout.write(
  `Cold start to /api/health 200, RSS after ${IDLE_MS / 1000} s idle and at rest (after a full garbage` +
    ` collection, no client), median of ${RUNS} runs:\n`,
);
process.stdout.write(`${rows.join('\n')}\n`);
