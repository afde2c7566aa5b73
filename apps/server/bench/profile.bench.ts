/**
 * `pnpm bench:profile`: the answer time of `GET /api/sozialraeume/:id/profile` for a Sozialraum with 50 indicators
 * × 10 reference dates (issue #17: p95 ≤ 100 ms). The server runs in this process (as `main.ts` builds it) on a
 * fresh PGlite and, when TEST_DATABASE_URL is set, a fresh PostgreSQL database. The body has BENCH_SOZIALRAEUME
 * (10) Sozialräume, each with a value of every indicator at every date and the city as their sum, so disclosure
 * control works through every equation; 10 of the indicators are age groups of a population total (`partOf`),
 * and some counts are small, so figures are suppressed. Requests run one after another after a warm-up; prints
 * p50/p95/max. Asserts nothing.
 *
 * Environment: BENCH_SOZIALRAEUME (10), BENCH_REQUESTS (200).
 */
import type { AddressInfo } from 'node:net';
import { sozialraumRepository } from '@quartierplan/db';
import { testDatabases, type TestDatabase } from '@quartierplan/db/testing';
import pino from 'pino';
import { createBodyWithAdmin } from '../src/bodies.ts';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { createHttpServer } from '../src/http-server.ts';
import { insertIndicator, insertNeeds, insertValues, type ValueRow } from '../src/testing/evidence-rows.ts';

const INDICATORS = 50;
const DATES = 10;
const AGE_GROUPS = 10;
const SOZIALRAEUME = Number(process.env.BENCH_SOZIALRAEUME ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_UP = 20;
const ADMIN = { email: 'bench-profile@test.quartierplan.de', password: 'bench-password-123' };

const print = (line: string) => process.stdout.write(`${line}\n`);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A body with the Sozialräume, 50 indicators × 10 dates, needs and measures; returns a Sozialraum id. */
async function seed(db: TestDatabase): Promise<{ sozialraumId: string }> {
  const { bodyId } = await createBodyWithAdmin(db.sql, {
    bodyName: 'Bench-Stadt',
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
  });
  const places: { id: string; needs: string }[] = [];
  for (let i = 0; i < SOZIALRAEUME; i += 1) {
    const row = await sozialraumRepository(db.sql).create(bodyId, {
      code: `B-${i}`,
      name: `Bench ${i}`,
      stadtbezirk: '',
    });
    places.push({ id: row.id, needs: row.needsDocumentId });
  }
  const dates = Array.from({ length: DATES }, (_, i) => `${2014 + i}-12-31`);
  const valuesOf = (indicatorId: string, base: (place: number, date: number) => number) => {
    const rows: ValueRow[] = [];
    dates.forEach((date, d) => {
      let city = 0;
      places.forEach((place, p) => {
        const value = base(p, d);
        city += value;
        rows.push([place.id, date, value]);
      });
      rows.push([null, date, city]);
    });
    return insertValues(db.sql, indicatorId, rows);
  };
  // A population total and its age groups (every group a part; the groups add up to the total).
  const total = await insertIndicator(db.sql, bodyId, { name: 'Einwohner gesamt', topic: 'Bevölkerung' });
  const group = (p: number, d: number, g: number) =>
    (p * 7 + d * 3 + g * 11) % 40 === 0 ? 2 : 100 + p * 10 + d + g;
  await valuesOf(total, (p, d) =>
    Array.from({ length: AGE_GROUPS }, (_, g) => group(p, d, g)).reduce((a, b) => a + b),
  );
  for (let g = 0; g < AGE_GROUPS; g += 1) {
    const id = await insertIndicator(db.sql, bodyId, {
      name: `Einwohner Altersgruppe ${g + 1}`,
      topic: 'Bevölkerung',
      partOf: total,
    });
    await valuesOf(id, (p, d) => group(p, d, g));
  }
  // Further counts (some small) and rates, to 50 in all.
  for (let i = AGE_GROUPS + 1; i < INDICATORS; i += 1) {
    const rate = i % 3 === 0;
    const id = await insertIndicator(db.sql, bodyId, {
      name: `Kennzahl ${i}`,
      kind: rate ? 'rate' : 'count',
      unit: rate ? '%' : '',
      precision: rate ? 1 : 0,
      topic: rate ? 'Soziales' : 'Bevölkerung',
    });
    await valuesOf(id, (p, d) =>
      rate ? 5 + ((p + d + i) % 20) / 2 : (p + d + i) % 29 === 0 ? 1 : 50 + p + d * i,
    );
  }
  await insertNeeds(
    db.sql,
    places[0]!.needs,
    Array.from({ length: 20 }, (_, i) => ({ title: `Bedarf ${i + 1}` })),
  );
  return { sozialraumId: places[0]!.id };
}

async function run(name: string, db: TestDatabase): Promise<void> {
  const { sozialraumId } = await seed(db);
  const context = createContext(db.sql, loadConfig({ LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
  const { server, sync } = createHttpServer(context);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const times: number[] = [];
    let keyFigures = 0;
    let suppressed = 0;
    for (let i = 0; i < WARM_UP + REQUESTS; i += 1) {
      const started = performance.now();
      const response = await fetch(`${origin}/api/sozialraeume/${sozialraumId}/profile`, {
        headers: { cookie },
      });
      const body = (await response.json()) as {
        keyFigures: unknown[];
        series: { points: { suppressed: boolean }[] }[];
      };
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`profile: ${response.status}`);
      if (i >= WARM_UP) times.push(elapsed);
      keyFigures = body.keyFigures.length;
      suppressed = body.series.flatMap((s) => s.points).filter((point) => point.suppressed).length;
    }
    print(
      `${name}: profile of 1 of ${SOZIALRAEUME} Sozialräume, ${keyFigures} indicators × ${DATES} dates ` +
        `(${suppressed} points suppressed), ${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
  } finally {
    await sync.shutdown();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

for (const factory of testDatabases()) {
  const db = await factory.open();
  try {
    await run(factory.name, db);
  } finally {
    await db.close();
  }
}
