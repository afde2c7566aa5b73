/**
 * `pnpm bench:start`: cold start (process spawn → first `200` from `/api/health`) and resident memory once the
 * server idles, for the built server (`node dist/main.js`, after `pnpm build`) and, for comparison, the
 * TypeScript source run through tsx. Embedded PGlite, each start once on a fresh DATA_DIR (migrations run,
 * first body created) and once on a warm one (the same directory again). Prints medians of wall-clock start,
 * the CPU time the start took (steadier on a shared machine) and RSS; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, rssMiB } from './proc.ts';

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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

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
  rss: number;
}

/** One start: milliseconds until `/api/health` answers 200, the CPU time that took, and RSS after idling. */
async function measure(variant: Variant, dataDir: string): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, variant.args, {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}/api/health`;
    while (!(await healthy(url))) {
      if (child.exitCode !== null) throw new Error(`${variant.name} exited with ${child.exitCode}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${variant.name} did not start`);
      await sleep(10);
    }
    const startMs = performance.now() - started;
    const cpuMs = (await cpuSeconds(child.pid!)) * 1000;
    await sleep(IDLE_MS);
    return { startMs, cpuMs, rss: await rssMiB(child.pid!) };
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
  const fresh: Run[] = [];
  const warm: Run[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'qp-start-bench-'));
    try {
      fresh.push(await measure(variant, dataDir));
      warm.push(await measure(variant, dataDir));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  for (const [label, runs] of [
    ['fresh DATA_DIR', fresh],
    ['warm DATA_DIR', warm],
  ] as const) {
    const figure = (pick: (r: Run) => number, digits: number) =>
      median(runs.map(pick)).toFixed(0).padStart(digits);
    rows.push(
      `${variant.name.padEnd(40)} ${label.padEnd(15)} start ${figure((r) => r.startMs, 6)} ms` +
        ` (CPU ${figure((r) => r.cpuMs, 6)} ms)   idle RSS ${figure((r) => r.rss, 4)} MiB` +
        `   (starts: ${runs.map((r) => r.startMs.toFixed(0)).join(', ')} ms)`,
    );
  }
}
process.stdout.write(
  `Cold start to /api/health 200 and RSS after ${IDLE_MS / 1000} s idle, median of ${RUNS} runs:\n`,
);
process.stdout.write(`${rows.join('\n')}\n`);
