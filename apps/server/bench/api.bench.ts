/**
 * `pnpm bench`: throughput and latency of the HTTP API on each database (PGlite always,
 * PostgreSQL with TEST_DATABASE_URL). Prints numbers; asserts nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { sozialraumRepository } from '@quartierplan/db';
import { testDatabases } from '@quartierplan/db/testing';
import { buildApp } from '../src/app.ts';
import { createBodyWithAdmin } from '../src/bodies.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createContext } from '../src/context.ts';
import { SyncServer } from '../src/sync/sync-server.ts';

const REQUESTS = 3000;
const CONCURRENCY = 16;
const PASSWORD = 'bench-password-123';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(run: () => Promise<Response>): Promise<number> {
  const start = performance.now();
  const res = await run();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return performance.now() - start;
}

async function load(url: string, cookie: string) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) latencies.push(await timed(() => fetch(url, { headers: { cookie } })));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

for (const factory of testDatabases()) {
  const db = await factory.open();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
  const body = await createBodyWithAdmin(db.sql, {
    bodyName: 'Bench',
    adminEmail: 'bench@example.org',
    adminPassword: PASSWORD,
  });
  for (let i = 0; i < 20; i++) {
    await sozialraumRepository(db.sql).create(body.bodyId, {
      code: `S${i}`,
      name: `Sozialraum ${i}`,
      stadtbezirk: '',
    });
  }
  const context = createContext(db.sql, config, createLogger('silent'));
  const server: Server = createServer(
    getRequestListener(buildApp(context, new SyncServer(context, config.sync)).fetch),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const logins: number[] = [];
  let cookie = '';
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.org', password: PASSWORD }),
    });
    logins.push(performance.now() - start);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  }
  logins.sort((a, b) => a - b);

  const me = await load(`${base}/api/me`, cookie);
  const list = await load(`${base}/api/sozialraeume`, cookie);
  const fmt = (r: { rps: number; p50: number; p95: number }) =>
    `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms`;
  process.stdout.write(
    `\n${factory.name} (${REQUESTS} requests, ${CONCURRENCY} concurrent)\n` +
      `  POST /api/auth/login (argon2id)   median ${percentile(logins, 50).toFixed(0)} ms\n` +
      `  GET  /api/me                     ${fmt(me)}\n` +
      `  GET  /api/sozialraeume (20)      ${fmt(list)}\n`,
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
}
