/**
 * `pnpm bench:cluster`: one instance against three behind nginx (round-robin, no sticky sessions), on a
 * fresh PostgreSQL database and a Redis of its own (so its command counts are this bench's alone). The
 * servers run as built (`pnpm build` first). Prints numbers; asserts nothing.
 *
 * Reported per setup: fanout p50/p99 to 200 clients spread over the instances; edits/s and server CPU
 * (all instances) with 10 and 50 writers; Redis commands per edit; the relay latency of clients on the
 * writer's instance and on another instance (the cross-instance path; target p99 ≤ 2× one instance);
 * resident memory per instance.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFreshPostgres } from '@quartierplan/db/testing';
import { createClient } from 'redis';
import type { ApiClient } from '../src/testing/client.ts';
import { createSozialraum, loginAs, PASSWORD } from '../src/testing/fixtures.ts';
import { freePort, startServerProcess, type ServerProcess } from '../src/testing/process.ts';
import type { TestServer } from '../src/testing/server.ts';
import { connectSyncClient, type SyncClient } from '../src/testing/sync-clients.ts';
import { cpuSeconds, rssMiB } from './proc.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = 'bench-admin@test.quartierplan.de';
const ENV = {
  ADMIN_EMAIL: ADMIN,
  ADMIN_PASSWORD: PASSWORD,
  BODY_NAME: 'Benchstadt',
  SYNC_MAX_CONNECTIONS_PER_USER: '5000',
  SYNC_MESSAGES_PER_SECOND: '2000',
  TRUST_PROXY: 'true',
};
const FANOUT_CLIENTS = 200;
const FANOUT_UPDATES = Number(process.env.BENCH_UPDATES ?? 400);
const RELAY_OBSERVERS = 40;

process.setMaxListeners(0);
const print = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A child process the bench started and must stop. */
function launch(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  return child;
}

async function startRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = launch('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const client = createClient({ url });
    client.on('error', () => undefined);
    const ok = await client.connect().then(
      () => true,
      () => false,
    );
    if (ok) {
      await client.close();
      return { url, stop: () => child.kill('SIGTERM') };
    }
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

/** nginx in front of the instances: the WebSocket upgrade, round-robin, no buffering, no sticky sessions. */
async function startNginx(upstreams: number[]): Promise<{ origin: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'qp-bench-nginx-'));
  const port = await freePort();
  const conf = `
worker_processes 1;
worker_rlimit_nofile 16384;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream quartierplan { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://quartierplan;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 3600s;
      proxy_buffering off;
    }
  }
}`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  const child = launch('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;']);
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(50);
  }
  return {
    origin,
    stop: async () => {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Setup {
  name: string;
  instances: ServerProcess[];
  /** Through nginx. */
  front: TestServer;
  admin: ApiClient;
  redisUrl: string | null;
}

function connectAll(server: TestServer, admin: ApiClient, docId: string, n: number): SyncClient[] {
  return Array.from({ length: n }, () => connectSyncClient(server, admin, docId));
}

/** Delivery latencies from one writer to `observers`, 20 updates/s. */
async function deliveries(writer: SyncClient, observers: SyncClient[], updates: number): Promise<number[]> {
  await Promise.all([writer, ...observers].map((c) => c.synced));
  const latencies: number[] = [];
  for (const o of observers) {
    o.doc.on('update', () => {
      const sent = o.doc.getMap('bench').get('t');
      if (typeof sent === 'number') latencies.push(performance.now() - sent);
    });
  }
  for (let i = 0; i < updates; i++) {
    writer.doc.getMap('bench').set('t', performance.now());
    await sleep(50);
  }
  await sleep(500);
  return latencies.sort((a, b) => a - b);
}

async function fanout(setup: Setup) {
  const docId = (await createSozialraum(setup.admin, {})).documents.needs;
  const observers = connectAll(setup.front, setup.admin, docId, FANOUT_CLIENTS);
  const [writer] = connectAll(setup.front, setup.admin, docId, 1);
  const latencies = await deliveries(writer!, observers, FANOUT_UPDATES);
  for (const c of [...observers, writer!]) c.destroy();
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), samples: latencies.length };
}

/** Clients connected straight to one instance: on the writer's own, and on another one. */
async function relayPaths(setup: Setup) {
  const docId = (await createSozialraum(setup.admin, {})).documents.needs;
  const [first, second] = [setup.instances[0]!, setup.instances.at(-1)!];
  const writer = connectSyncClient(first.server, setup.admin, docId);
  const local = connectAll(first.server, setup.admin, docId, RELAY_OBSERVERS);
  const remote = second === first ? [] : connectAll(second.server, setup.admin, docId, RELAY_OBSERVERS);
  await Promise.all([...local, ...remote].map((c) => c.synced));
  const byGroup = { local: [] as number[], remote: [] as number[] };
  for (const [group, clients] of [
    ['local', local],
    ['remote', remote],
  ] as const) {
    for (const o of clients) {
      o.doc.on('update', () => {
        const sent = o.doc.getMap('bench').get('t');
        if (typeof sent === 'number') byGroup[group].push(performance.now() - sent);
      });
    }
  }
  await writer.synced;
  for (let i = 0; i < 200; i++) {
    writer.doc.getMap('bench').set('t', performance.now());
    await sleep(50);
  }
  await sleep(500);
  for (const c of [writer, ...local, ...remote]) c.destroy();
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const [l, r] = [sorted(byGroup.local), sorted(byGroup.remote)];
  return {
    local: { p50: pct(l, 50), p99: pct(l, 99) },
    remote: r.length ? { p50: pct(r, 50), p99: pct(r, 99) } : null,
  };
}

async function redisCalls(url: string | null): Promise<number> {
  if (!url) return 0;
  const client = createClient({ url });
  await client.connect();
  const info = await client.info('commandstats');
  await client.close();
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function writers(setup: Setup, w: number) {
  const docId = (await createSozialraum(setup.admin, {})).documents.needs;
  const clients = connectAll(setup.front, setup.admin, docId, w);
  await Promise.all(clients.map((c) => c.synced));
  const pids = setup.instances.map((i) => i.child.pid!);
  const cpu = async () => (await Promise.all(pids.map(cpuSeconds))).reduce((a, b) => a + b, 0);
  const cpuBefore = await cpu();
  const callsBefore = await redisCalls(setup.redisUrl);
  const started = performance.now();
  let edits = 0;
  const typed = (c: SyncClient) => clients.reduce((sum, _, i) => sum + c.doc.getText(`p${i}`).length, 0);
  while (performance.now() < started + 5000) {
    clients.forEach((c, i) => {
      const paragraph = c.doc.getText(`p${i}`);
      paragraph.insert(paragraph.length, 'x');
      edits++;
    });
    await sleep(1);
  }
  const convergeStart = performance.now();
  while (!clients.every((c) => typed(c) === edits) && performance.now() - convergeStart < 60_000)
    await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = ((await cpu()) - cpuBefore) * 1000;
  // The two INFO calls themselves are not the product's.
  const calls = (await redisCalls(setup.redisUrl)) - callsBefore - (setup.redisUrl ? 1 : 0);
  const converged = clients.every((c) => typed(c) === edits);
  for (const c of clients) c.destroy();
  return {
    edits,
    perSecond: edits / seconds,
    cpuPer1000: (cpuMs / edits) * 1000,
    callsPerEdit: calls / edits,
    converged,
  };
}

async function start(
  name: string,
  count: number,
  databaseUrl: string,
  redisUrl: string | null,
): Promise<Setup> {
  const entry = existsSync(join(SERVER_DIR, 'dist/main.js')) ? ['dist/main.js'] : undefined;
  const env = { ...ENV, DATABASE_URL: databaseUrl, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  const instances: ServerProcess[] = [];
  // The first one migrates and creates the admin; the others start on the migrated database.
  for (let i = 0; i < count; i++) instances.push(await startServerProcess(await freePort(), env, [], entry));
  for (const instance of instances) process.once('exit', () => instance.child.kill('SIGKILL'));
  const nginx = await startNginx(instances.map((i) => Number(new URL(i.server.origin).port)));
  const front = { origin: nginx.origin } as TestServer;
  const admin = await loginAs(front, ADMIN);
  const setup = { name, instances, front, admin, redisUrl };
  stopping.set(setup, nginx.stop);
  return setup;
}
const stopping = new Map<Setup, () => Promise<void>>();

async function stop(setup: Setup) {
  await stopping.get(setup)?.();
  for (const instance of setup.instances) instance.child.kill('SIGTERM');
  await Promise.all(setup.instances.map((i) => i.exited));
}

async function measure(setup: Setup) {
  print(`\n${setup.name}`);
  const f = await fanout(setup);
  print(
    `  fanout to ${FANOUT_CLIENTS} clients (through nginx), 20 upd/s: p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  (${f.samples} deliveries)`,
  );
  const r = await relayPaths(setup);
  print(`  relay, clients on the writer's instance: p50 ${ms(r.local.p50)}  p99 ${ms(r.local.p99)}`);
  if (r.remote)
    print(`  relay, clients on another instance:    p50 ${ms(r.remote.p50)}  p99 ${ms(r.remote.p99)}`);
  const results = [];
  for (const w of [10, 50]) {
    const x = await writers(setup, w);
    results.push(x);
    print(
      `  ${String(w).padStart(2)} writers: ${x.perSecond.toFixed(0)} edits/s, server CPU (all instances) ${x.cpuPer1000.toFixed(0)} ms / 1,000 edits, Redis commands per edit ${x.callsPerEdit.toFixed(3)}, converged: ${x.converged ? 'yes' : 'NO'}`,
    );
  }
  const rss = await Promise.all(setup.instances.map((i) => rssMiB(i.child.pid!)));
  print(`  resident memory per instance: ${rss.map((m) => `${m.toFixed(0)} MiB`).join(', ')}`);
  return { fanout: f, relay: r };
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redis = await startRedis();
const oneDb = await openFreshPostgres(testDatabaseUrl);
const one = await start('1 instance (PostgreSQL, no Redis), behind nginx', 1, oneDb.url!, null);
const single = await measure(one);
await stop(one);
await oneDb.close();
const threeDb = await openFreshPostgres(testDatabaseUrl);
const three = await start(
  '3 instances (PostgreSQL + Redis), behind nginx round-robin',
  3,
  threeDb.url!,
  redis.url,
);
const cluster = await measure(three);
await stop(three);
await threeDb.close();
redis.stop();
const remote = cluster.relay.remote!;
print(
  `\ncross-instance relay p99 ${ms(remote.p99)} vs one instance ${ms(single.relay.local.p99)}: ${(remote.p99 / single.relay.local.p99).toFixed(2)}× (target ≤ 2×)`,
);
process.exit(0);
