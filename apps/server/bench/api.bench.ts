/**
 * `pnpm bench` (apps/server) / `pnpm bench:api`: the HTTP API under a mixed load, as municipal staff put it on
 * the product: lists, reads and writes of measures, transitions, papers, Sozialräume, and logins. The server runs
 * as its own process (the built `dist/main.js` when present); this process only generates the load. Runs on
 * PGlite (the zero-setup default) and on a fresh PostgreSQL database when one answers at TEST_DATABASE_URL (or
 * the local default). Prints numbers; asserts nothing.
 *
 * The load is open, as independent people's clicks are: each kind of request arrives at its share of the rate
 * at random (Poisson) times, whether earlier answers are in or not, and its latency counts from the moment it
 * was due, so a slow server cannot slow the load down and hide its own delay. (autocannon's rate limit, used
 * before, sends each second's quota back to back at the start of the second, so "100 req/s" measured bursts.)
 *
 * Reported: login alone and its floor (the argon2id check measured alone); at 100 req/s p50/p99 and errors
 * per kind, of the whole mix and of the mix without logins, the server's CPU and the machine's load average
 * (others' work on the shared cores shows in every latency); the knee (the first rate in the steps where the
 * mix's p99 passes 200 ms); and 100 req/s again with 1,000 measures in the body.
 * BENCH_SECONDS per step (15), BENCH_QUICK=1 only the first step (e.g. to profile it), BENCH_ONLY=pglite|postgres.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { hashPassword, verifyPassword } from '../src/auth/password.ts';
import { freePort, startServerProcess, type ServerProcess } from '../src/testing/process.ts';
import { cpuSeconds } from './proc.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = { email: 'bench@example.org', password: 'bench-password-123' };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const KNEE_RATES = [100, 200, 300, 400, 600, 800];
const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY;
const KNEE_P99_MS = 200;
/** An answer later than this counts as an error (and its latency is not recorded). */
const TIMEOUT_MS = 10_000;
/** Measures each writing kind spreads over: one person edits one measure at a time, many people many. */
const WRITE_TARGETS = 8;

/** The mix: each kind's share of all requests (sums to 1). */
const MIX = {
  'GET /api/measures (Liste, 50)': 0.3,
  'GET /api/measures/:id': 0.25,
  'GET /api/papers': 0.08,
  'GET /api/sozialraeume': 0.1,
  'GET /api/me': 0.1,
  'PATCH /api/measures/:id': 0.1,
  'POST /api/measures/:id/transitions': 0.05,
  'POST /api/auth/login': 0.02,
} as const;
type Kind = keyof typeof MIX;
const KINDS = Object.keys(MIX) as Kind[];
const LOGIN: Kind = 'POST /api/auth/login';

async function json<T>(
  origin: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`login → ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

interface VersionConflict {
  error: { details: { currentVersion: number } };
}

/** Targets a writing kind hands out one at a time, so no two requests in flight write the same measure. */
class Targets<T> {
  private readonly waiting: ((target: T) => void)[] = [];

  constructor(private readonly free: T[]) {}

  acquire(): Promise<T> {
    const target = this.free.pop();
    return target ? Promise.resolve(target) : new Promise((resolve) => this.waiting.push(resolve));
  }

  release(target: T): void {
    const next = this.waiting.shift();
    if (next) next(target);
    else this.free.push(target);
  }
}

interface World {
  origin: string;
  cookie: string;
  sozialraeume: string[];
  measureIds: string[];
  /** Measures only PATCH touches, with the version each holds now. */
  edited: Targets<{ id: string; version: number }>;
  /** Measures only transitions touch; they go back and forth between idea and deferred. */
  moved: Targets<{ id: string; deferred: boolean }>;
}

async function seed(origin: string, measures: number): Promise<World> {
  const cookie = await login(origin);
  const sozialraeume: string[] = [];
  for (let i = 0; i < 20; i++) {
    const created = await json<{ id: string }>(origin, cookie, 'POST', '/api/sozialraeume', {
      code: `B${i}`,
      name: `Bench-Sozialraum ${i}`,
    });
    sozialraeume.push(created.id);
  }
  const writable = async (i: number) =>
    json<{ id: string; version: number }>(origin, cookie, 'POST', '/api/measures', {
      title: `Schreibziel ${i}`,
      sozialraumIds: [sozialraeume[i % sozialraeume.length]!],
    });
  const edited = [];
  const moved = [];
  for (let i = 0; i < WRITE_TARGETS; i++) {
    edited.push(await writable(i));
    moved.push({ id: (await writable(WRITE_TARGETS + i)).id, deferred: false });
  }
  const world: World = {
    origin,
    cookie,
    sozialraeume,
    measureIds: [],
    edited: new Targets(edited),
    moved: new Targets(moved),
  };
  await addMeasures(world, measures);
  return world;
}

async function addMeasures(world: World, count: number): Promise<void> {
  const { sozialraeume } = world;
  for (let i = 0; i < count; i++) {
    const m = await json<{ id: string }>(world.origin, world.cookie, 'POST', '/api/measures', {
      title: `Maßnahme ${world.measureIds.length + 1}`,
      description: 'Beschreibung einer Maßnahme mit etwas Text, wie ihn Fachleute schreiben. '.repeat(4),
      sozialraumIds: [sozialraeume[i % sozialraeume.length]!],
      handlungsfeld: ['Bildung', 'Gesundheit', 'Wohnen', 'Arbeit'][i % 4],
      costOneOff: 1000 + i,
    });
    world.measureIds.push(m.id);
  }
}

interface Exchange {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Called with the answer (or status 0 when none came); releases what the request held. */
  done?: (status: number, body: string) => void;
}

/** What one request of a kind sends; writers first wait for a measure no other request is writing. */
async function exchange(world: World, kind: Kind, pick: number): Promise<Exchange> {
  switch (kind) {
    case 'GET /api/measures (Liste, 50)':
      return { method: 'GET', path: '/api/measures' };
    case 'GET /api/measures/:id':
      return { method: 'GET', path: `/api/measures/${world.measureIds[pick % world.measureIds.length]!}` };
    case 'GET /api/papers':
      return { method: 'GET', path: '/api/papers' };
    case 'GET /api/sozialraeume':
      return { method: 'GET', path: '/api/sozialraeume' };
    case 'GET /api/me':
      return { method: 'GET', path: '/api/me' };
    case 'PATCH /api/measures/:id': {
      const target = await world.edited.acquire();
      return {
        method: 'PATCH',
        path: `/api/measures/${target.id}`,
        headers: { 'if-match': `"${target.version}"` },
        body: JSON.stringify({ progress: pick % 100 }),
        done: (status, body) => {
          if (status === 200) target.version = (JSON.parse(body) as { version: number }).version;
          if (status === 409)
            target.version = (JSON.parse(body) as VersionConflict).error.details.currentVersion;
          world.edited.release(target);
        },
      };
    }
    case 'POST /api/measures/:id/transitions': {
      const target = await world.moved.acquire();
      return {
        method: 'POST',
        path: `/api/measures/${target.id}/transitions`,
        body: JSON.stringify(target.deferred ? { to: 'idea' } : { to: 'deferred', comment: 'Bench' }),
        done: (status) => {
          if (status === 200) target.deferred = !target.deferred;
          world.moved.release(target);
        },
      };
    }
    case 'POST /api/auth/login':
      return { method: 'POST', path: '/api/auth/login', body: JSON.stringify(ADMIN) };
  }
}

/** One HTTP exchange on a kept-alive connection of `agent`; resolves with status 0 on a network error or timeout. */
function send(agent: Agent, world: World, ex: Exchange): Promise<{ status: number; body: string }> {
  const url = new URL(world.origin);
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: ex.method,
        path: ex.path,
        timeout: TIMEOUT_MS,
        headers: {
          origin: world.origin,
          ...(ex.path === '/api/auth/login' ? {} : { cookie: world.cookie }),
          ...(ex.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...ex.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(ex.body);
  });
}

/** A seeded random source (mulberry32), so every run draws the same arrival times. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Arrival times (ms from the start) of `rate` per second over SECONDS at random: as many independent uniform
 * times as the rate asks for, which is a Poisson process that brings exactly that many requests (its clusters
 * and gaps included), so every step runs at its rate and each kind at its share.
 */
function arrivals(rate: number, random: () => number): number[] {
  return Array.from({ length: Math.round(rate * SECONDS) }, () => random() * SECONDS * 1000);
}

interface Step {
  /** Latencies in ms of the answered requests (2xx), per kind. */
  latencies: Record<Kind, number[]>;
  errors: Record<Kind, number>;
  /** Server CPU over the step, in cores (1 = one core busy all the time). */
  serverCores: number;
  /** The machine's load average over the last minute at the step's end: others' work on the shared cores. */
  machineLoad: number;
}

/**
 * Runs the mix at `rate` req/s for SECONDS, then waits for every answer, so the next step starts from a quiet
 * server and the writers know their measures' state.
 */
async function mixedLoad(world: World, rate: number, serverPid: number): Promise<Step> {
  const random = seededRandom(rate);
  const due = KINDS.flatMap((kind) => arrivals(rate * MIX[kind], random).map((at) => ({ at, kind }))).sort(
    (a, b) => a.at - b.at,
  );
  const latencies = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Step['latencies'];
  const errors = Object.fromEntries(KINDS.map((k) => [k, 0])) as Step['errors'];
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const cpuBefore = await cpuSeconds(serverPid);
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const [pick, { at, kind }] of due.entries()) {
    const wait = start + at - performance.now();
    if (wait >= 1) await sleep(wait);
    inFlight.push(
      (async () => {
        const ex = await exchange(world, kind, pick);
        const sent = performance.now();
        const { status, body } = await send(agent, world, ex);
        // From when the request was due: time spent waiting for a free measure or a late timer counts.
        const ms = performance.now() - Math.min(sent, start + at);
        ex.done?.(status, body);
        if (status >= 200 && status < 300) latencies[kind].push(ms);
        else errors[kind]++;
      })(),
    );
  }
  await Promise.all(inFlight);
  const serverCores = ((await cpuSeconds(serverPid)) - cpuBefore) / ((performance.now() - start) / 1000);
  agent.destroy();
  return { latencies, errors, serverCores, machineLoad: loadavg()[0]! };
}

/** The p-th percentile (nearest rank) of latencies, in ms. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const merged = (step: Step, kinds: readonly Kind[]) => kinds.flatMap((kind) => step.latencies[kind]);
const withoutLogin = KINDS.filter((kind) => kind !== LOGIN);
const ms = (value: number) => value.toFixed(1).padStart(7);
const line = (text: string) => process.stdout.write(`${text}\n`);

function print(title: string, step: Step): void {
  const all = merged(step, KINDS);
  const errors = KINDS.reduce((sum, kind) => sum + step.errors[kind], 0);
  line(
    `\n${title}: ${((all.length + errors) / SECONDS).toFixed(0)} req/s, ${errors} Fehler, ` +
      `Server-CPU ${(step.serverCores * 100).toFixed(0)} % eines Kerns, Maschinenlast ${step.machineLoad.toFixed(1)}`,
  );
  line(
    `  ${'Anfrage'.padEnd(38)} ${'Anzahl'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} Fehler`,
  );
  const row = (name: string, values: number[], errorCount: number) =>
    line(
      `  ${name.padEnd(38)} ${String(values.length).padStart(7)} ${ms(percentile(values, 50))} ${ms(percentile(values, 99))} ${errorCount}`,
    );
  for (const kind of KINDS) row(kind, step.latencies[kind], step.errors[kind]);
  row('alle zusammen', all, errors);
  row('alle ohne Anmeldung', merged(step, withoutLogin), errors - step.errors[LOGIN]);
}

/**
 * What a login costs at least: the argon2id check alone (in this process, the server's parameters), and a login
 * request alone against the idle server.
 */
async function loginFloor(world: World): Promise<void> {
  const hash = await hashPassword(ADMIN.password);
  const checks: number[] = [];
  const logins: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await verifyPassword(hash, ADMIN.password);
    checks.push(performance.now() - started);
  }
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await login(world.origin);
    logins.push(performance.now() - started);
  }
  line(
    `\nAnmeldung allein: p50 ${percentile(logins, 50).toFixed(1)} ms; ` +
      `davon argon2id-Prüfung allein (m=19 MiB, t=2, p=1): p50 ${percentile(checks, 50).toFixed(1)} ms`,
  );
}

async function bench(name: string, env: Record<string, string>): Promise<void> {
  const built = existsSync(join(SERVER_DIR, 'dist/main.js'));
  const port = await freePort();
  const server: ServerProcess = await startServerProcess(
    port,
    {
      ...env,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      BODY_NAME: 'Bench',
      LOG_LEVEL: 'error',
    },
    [],
    built ? ['dist/main.js'] : undefined,
  );
  const pid = server.child.pid!;
  try {
    line(`\n=== ${name} (${built ? 'node dist/main.js' : 'tsx src/main.ts'}), je Stufe ${SECONDS} s ===`);
    const world = await seed(server.server.origin, 100);
    await loginFloor(world);
    print('100 req/s, 100 Maßnahmen', await mixedLoad(world, 100, pid));
    if (QUICK) return;

    let knee: number | null = null;
    for (const rate of KNEE_RATES.slice(1)) {
      const step = await mixedLoad(world, rate, pid);
      const all = merged(step, KINDS);
      const errors = KINDS.reduce((sum, kind) => sum + step.errors[kind], 0);
      const p99 = percentile(all, 99);
      const worst = Math.max(...KINDS.map((kind) => percentile(step.latencies[kind], 99)));
      line(
        `  ${rate} req/s: ${((all.length + errors) / SECONDS).toFixed(0)} beantwortet/s, p99 ${p99.toFixed(0)} ms ` +
          `(ohne Anmeldung ${percentile(merged(step, withoutLogin), 99).toFixed(0)} ms, ` +
          `schlechteste Art ${worst.toFixed(0)} ms), ${errors} Fehler, Server-CPU ${(step.serverCores * 100).toFixed(0)} %, ` +
          `Maschinenlast ${step.machineLoad.toFixed(1)}`,
      );
      if (p99 > KNEE_P99_MS) {
        knee = rate;
        break;
      }
    }
    line(
      knee
        ? `  Knie: p99 über ${KNEE_P99_MS} ms ab ${knee} req/s`
        : `  Knie: p99 bis ${KNEE_RATES.at(-1)} req/s unter ${KNEE_P99_MS} ms`,
    );

    await addMeasures(world, 1000 - world.measureIds.length);
    print('100 req/s, 1.000 Maßnahmen', await mixedLoad(world, 100, pid));
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'qp-bench-api-'));
try {
  if (ONLY !== 'postgres') await bench('PGlite', { DATA_DIR: dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
const database = `qp_bench_api_${process.pid}`;
const reachable =
  ONLY !== 'pglite' &&
  (await admin`select 1`.then(
    () => true,
    () => false,
  ));
if (reachable) {
  await admin.unsafe(`create database ${database}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    await bench('PostgreSQL', { DATABASE_URL: url.toString() });
  } finally {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
  }
} else {
  line('\nPostgreSQL nicht erreichbar: nur PGlite gemessen.');
}
await admin.end();
