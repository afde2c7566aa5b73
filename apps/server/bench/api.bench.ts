/**
 * `pnpm bench` (apps/server) / `pnpm bench:api`: the HTTP API under a mixed load, as municipal staff put it on
 * the product: lists, reads and writes of measures, transitions, papers, Sozialräume, and logins. The server runs
 * as its own process (the built `dist/main.js` when present); this process only generates the load, with
 * autocannon, one generator per kind of request at its share of the total rate, so each kind reports its own
 * latency. Runs on PGlite (the zero-setup default) and on a fresh PostgreSQL database when one answers at
 * TEST_DATABASE_URL (or the local default). Prints numbers; asserts nothing.
 *
 * Reported: p50/p99 and errors at 100 req/s; the knee (the first rate in the steps where the worst p99 passes
 * 200 ms); and 100 req/s again with 1,000 measures in the body.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { freePort, startServerProcess, type ServerProcess } from '../src/testing/process.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = { email: 'bench@example.org', password: 'bench-password-123' };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const KNEE_RATES = [100, 200, 300, 400, 600, 800];
/** BENCH_QUICK=1: only the first step (100 req/s, 100 measures), e.g. to profile it; BENCH_ONLY=pglite|postgres. */
const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY;
const KNEE_P99_MS = 200;

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

interface KindResult {
  kind: Kind;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

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

interface World {
  origin: string;
  cookie: string;
  sozialraeume: string[];
  measureIds: string[];
  /** Measures only the writers touch, one per writing connection, so versions never collide. */
  writable: { id: string; version: number; deferred?: boolean }[];
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
  const world: World = { origin, cookie, sozialraeume, measureIds: [], writable: [] };
  await addMeasures(world, measures);
  for (let i = 0; i < 8; i++) {
    const m = await json<{ id: string; version: number }>(origin, cookie, 'POST', '/api/measures', {
      title: `Schreibziel ${i}`,
      sozialraumIds: [sozialraeume[i % sozialraeume.length]!],
    });
    world.writable.push(m);
  }
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

/** One autocannon run for one kind at `rate` req/s; resolves with its latency and errors. */
function runKind(world: World, kind: Kind, rate: number): Promise<KindResult> {
  const { origin, cookie } = world;
  const headers = { cookie, origin, 'content-type': 'application/json' };
  let pick = 0;
  const anyMeasure = () => world.measureIds[pick++ % world.measureIds.length]!;
  // Transitions go back and forth between idea and deferred (deferred returns to where it came from).
  const requests: autocannon.Request[] = (() => {
    switch (kind) {
      case 'GET /api/measures (Liste, 50)':
        return [{ method: 'GET', path: '/api/measures' }];
      case 'GET /api/measures/:id':
        return [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/measures/${anyMeasure()}` }) },
        ];
      case 'GET /api/papers':
        return [{ method: 'GET', path: '/api/papers' }];
      case 'GET /api/sozialraeume':
        return [{ method: 'GET', path: '/api/sozialraeume' }];
      case 'GET /api/me':
        return [{ method: 'GET', path: '/api/me' }];
      case 'PATCH /api/measures/:id': {
        // The target's version lives on the target, not the run: a request still in flight when a run stops
        // changes it unseen, and the next run learns the current version from its first 409.
        const target = world.writable[0]!;
        return [
          {
            method: 'PATCH',
            setupRequest: (req) => ({
              ...req,
              path: `/api/measures/${target.id}`,
              headers: { ...headers, 'if-match': `"${target.version}"` },
              body: JSON.stringify({ progress: Math.floor(Math.random() * 100) }),
            }),
            onResponse: (status, body) => {
              if (status === 200) target.version = (JSON.parse(body) as { version: number }).version;
              if (status === 409)
                target.version = (JSON.parse(body) as VersionConflict).error.details.currentVersion;
            },
          },
        ];
      }
      case 'POST /api/measures/:id/transitions': {
        const target = world.writable[1]!;
        return [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              path: `/api/measures/${target.id}/transitions`,
              body: JSON.stringify(target.deferred ? { to: 'idea' } : { to: 'deferred', comment: 'Bench' }),
            }),
            // A refused transition means the last one of an earlier run landed unseen: the state flips too.
            onResponse: () => {
              target.deferred = !target.deferred;
            },
          },
        ];
      }
      case 'POST /api/auth/login':
        return [{ method: 'POST', path: '/api/auth/login', body: JSON.stringify(ADMIN) }];
    }
  })();
  // Writers get one connection each (each connection owns its target); readers a few, so a slow answer does
  // not hold the rate back.
  const writes = kind.startsWith('PATCH') || kind.includes('transitions');
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: origin,
        headers,
        connections: writes ? 1 : 4,
        overallRate: Math.max(1, rate),
        duration: SECONDS,
        requests,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          kind,
          requests: result.requests.total,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
  });
}

async function mixedLoad(world: World, rate: number): Promise<KindResult[]> {
  return Promise.all((Object.keys(MIX) as Kind[]).map((kind) => runKind(world, kind, rate * MIX[kind])));
}

const line = (text: string) => process.stdout.write(`${text}\n`);

function print(title: string, results: KindResult[]): void {
  const total = results.reduce((sum, r) => sum + r.requests, 0);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  const worst = Math.max(...results.map((r) => r.p99));
  const withoutLogin = Math.max(...results.filter((r) => !r.kind.includes('login')).map((r) => r.p99));
  line(`\n${title}: ${(total / SECONDS).toFixed(0)} req/s erreicht, ${errors} Fehler`);
  line(
    `  ${'Anfrage'.padEnd(38)} ${'Anzahl'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} Fehler`,
  );
  for (const r of results) {
    line(
      `  ${r.kind.padEnd(38)} ${String(r.requests).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${r.errors}`,
    );
  }
  line(`  schlechtestes p99: ${worst} ms (ohne Anmeldung: ${withoutLogin} ms)`);
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
  try {
    line(`\n=== ${name} (${built ? 'node dist/main.js' : 'tsx src/main.ts'}), je Stufe ${SECONDS} s ===`);
    const world = await seed(server.server.origin, 100);
    print('100 req/s, 100 Maßnahmen', await mixedLoad(world, 100));
    if (QUICK) return;

    let knee: number | null = null;
    for (const rate of KNEE_RATES.slice(1)) {
      const results = await mixedLoad(world, rate);
      const worst = Math.max(...results.map((r) => r.p99));
      const reached = results.reduce((sum, r) => sum + r.requests, 0) / SECONDS;
      line(`  ${rate} req/s angefragt, ${reached.toFixed(0)} erreicht: schlechtestes p99 ${worst} ms`);
      if (worst > KNEE_P99_MS) {
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
    print('100 req/s, 1.000 Maßnahmen', await mixedLoad(world, 100));
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
