/**
 * `pnpm bench:workshop`: one workshop as it happens in a community room, against the BUILT server
 * (`node dist/main.js`, after `pnpm build`) on a fresh embedded database, and with `--pg` on a fresh
 * PostgreSQL database too (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 *
 * The facilitator's board and the projector are open as live subscribers (SSE, admin session). 100 guests
 * join by code within 60 s (each from its own address, as phones on mobile data; each phone keeps its own
 * live channel open), each adds 3 cards; the facilitator accepts 20 cards into the needs list and starts
 * one timed round (60 s, 5 dots); every guest spends its 5 dots in 3 vote requests; the round closes by
 * itself. Prints join p95, card-to-projector p50/p95 (POST sent → card event on the projector),
 * close-to-result p95 (the round's `endsAt` → the closed round with results on each subscriber), lost
 * cards and votes (what the API holds afterwards against what was sent), server CPU seconds and peak RSS
 * (/proc). Asserts nothing; a run with errors says so.
 *
 * Environment: BENCH_PARTICIPANTS (100), BENCH_JOIN_SECONDS (60), BENCH_ROUND_SECONDS (60),
 * BENCH_PORT (4301; --pg uses the next one).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openFreshPostgres } from '@quartierplan/db/testing';
import { startServerProcess } from '../src/testing/process.ts';
import { cpuSeconds, rssMiB } from './proc.ts';

const SERVER_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100);
const JOIN_SECONDS = Number(process.env.BENCH_JOIN_SECONDS ?? 60);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 60);
const CARDS_EACH = 3;
const DOTS = 5;
/** Dots per vote request: every guest spends its budget in several requests, as a phone would. */
const VOTE_SPLIT = [2, 2, 1];
const ACCEPTED_CARDS = 20;
const PORT = Number(process.env.BENCH_PORT ?? 4301);
const ADMIN = 'bench-admin@test.quartierplan.de';
const PASSWORD = 'bench-password-123';

const print = (line: string) => process.stdout.write(`${line}\n`);

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A person's HTTP client: their cookies and their own client address (the server trusts the proxy header). */
class Client {
  private readonly cookies = new Map<string, string>();
  errors: string[] = [];

  constructor(
    private readonly origin: string,
    readonly address: string,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { 'x-forwarded-for': this.address, ...(cookie ? { cookie } : {}), ...extra };
  }

  async send<T>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: this.headers(json === undefined ? {} : { 'content-type': 'application/json' }),
      body: json === undefined ? null : JSON.stringify(json),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await response.text();
    const body = (
      text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null
    ) as T;
    if (response.status >= 400)
      this.errors.push(`${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
    return { status: response.status, body };
  }

  /** Opens the live channel; `onEvent` gets every event with the time it arrived. */
  subscribe(path: string, onEvent: (event: string, data: unknown, at: number) => void): { close(): void } {
    const controller = new AbortController();
    void (async () => {
      try {
        const response = await fetch(`${this.origin}${path}`, {
          headers: this.headers({ accept: 'text/event-stream' }),
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          this.errors.push(`GET ${path} → ${response.status}`);
          return;
        }
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body) {
          const at = performance.now();
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length > 0) onEvent(event, JSON.parse(data.join('\n')), at);
          }
        }
      } catch (error) {
        if (!controller.signal.aborted) this.errors.push(`GET ${path}: ${(error as Error).message}`);
      }
    })();
    return { close: () => controller.abort() };
  }
}

interface Card {
  id: string;
  title: string;
  status: string;
  needId: string | null;
}
interface Round {
  id: string;
  status: string;
  endsAt: string | null;
  results: { needId: string; dots: number }[] | null;
}

interface Figures {
  joinP50: number;
  joinP95: number;
  cardP50: number;
  cardP95: number;
  cardMax: number;
  boardP95: number;
  resultP95: number;
  resultMax: number;
  lostCards: number;
  lostVotes: number;
  /** Subscribers (projector, phones) that never got the closed round with its results. */
  missedClose: number;
  errors: number;
  cpu: number;
  /** Resident memory when the workshop starts (the embedded database holds most of it on PGlite). */
  startRss: number;
  peakRss: number;
  /** The projector alone: round end → closed round with results. */
  resultProjector: number;
  firstErrors: string[];
}

async function scenario(port: number, pid: number): Promise<Figures> {
  const origin = `http://127.0.0.1:${port}`;
  let addresses = 0;
  const client = () => {
    addresses += 1;
    return new Client(origin, `198.51.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`);
  };
  const admin = client();
  if ((await admin.send('POST', '/api/auth/login', { email: ADMIN, password: PASSWORD })).status !== 200)
    throw new Error(`login: ${admin.errors.join('; ')}`);
  const sozialraum = await admin.send<{ id: string }>('POST', '/api/sozialraeume', {
    code: 'WS-1',
    name: 'Altenhagen',
  });
  const workshop = await admin.send<{ id: string; code: string }>(
    'POST',
    `/api/sozialraeume/${sozialraum.body.id}/workshops`,
    { title: 'Bedarfe im Quartier', date: '2026-12-03' },
  );
  if (workshop.status !== 201) throw new Error(`workshop: ${admin.errors.join('; ')}`);
  const workshopId = workshop.body.id;
  const events = `/api/workshops/${workshopId}/events`;

  const cpuBefore = await cpuSeconds(pid);
  const startRss = await rssMiB(pid);
  const sentAt = new Map<string, number>();
  const onProjector = new Map<string, number>();
  const onBoard = new Map<string, number>();
  const closedSeen: number[] = [];
  let projectorClosed = Number.NaN;
  let endsAt = 0;
  const watchClose = (event: string, data: unknown, at: number) => {
    const round = data as Round;
    if (event === 'round' && round.status === 'closed' && round.results) closedSeen.push(at);
  };
  const projectorClient = client();
  const boardClient = client();
  for (const c of [projectorClient, boardClient])
    await c.send('POST', '/api/auth/login', { email: ADMIN, password: PASSWORD });
  const subscriptions = [
    projectorClient.subscribe(events, (event, data, at) => {
      if (event === 'card') {
        const title = (data as Card).title;
        if (!onProjector.has(title)) onProjector.set(title, at);
      }
      watchClose(event, data, at);
      if (event === 'round' && (data as Round).status === 'closed' && Number.isNaN(projectorClosed))
        projectorClosed = at;
    }),
    boardClient.subscribe(events, (event, data, at) => {
      if (event === 'card') {
        const title = (data as Card).title;
        if (!onBoard.has(title)) onBoard.set(title, at);
      }
    }),
  ];

  // Join within JOIN_SECONDS, spread evenly with jitter; each guest then writes its cards a few seconds apart.
  const guests = Array.from({ length: PARTICIPANTS }, () => client());
  const joins: number[] = [];
  let joined = 0;
  const created = new Set<string>();
  await Promise.all(
    guests.map(async (guest, i) => {
      await sleep(((i + Math.random()) / PARTICIPANTS) * JOIN_SECONDS * 1000);
      const t = performance.now();
      const session = await guest.send('POST', '/api/workshop-sessions', {
        code: workshop.body.code,
        displayName: `Gast ${i + 1}`,
      });
      joins.push(performance.now() - t);
      if (session.status !== 201) return;
      joined += 1;
      subscriptions.push(guest.subscribe(events, watchClose));
      for (let n = 0; n < CARDS_EACH; n++) {
        await sleep(1000 + Math.random() * 3000);
        const title = `Karte ${i + 1}.${n + 1}: mehr Angebote für Jugendliche am Abend`;
        sentAt.set(title, performance.now());
        const card = await guest.send('POST', `/api/workshops/${workshopId}/cards`, { title });
        if (card.status === 201) created.add(title);
      }
    }),
  );
  // Let the last events arrive.
  await sleep(1000);

  // The facilitator takes cards into the needs list and starts the round.
  const cards = await admin.send<Card[]>('GET', `/api/workshops/${workshopId}/cards`);
  const ballot: string[] = [];
  for (const card of cards.body.slice(0, ACCEPTED_CARDS)) {
    const accepted = await admin.send<{ needId: string }>(
      'POST',
      `/api/workshops/${workshopId}/cards/${card.id}/accept`,
    );
    if (accepted.status === 200) ballot.push(accepted.body.needId);
  }
  const round = await admin.send<Round>('POST', `/api/workshops/${workshopId}/rounds`, {
    dotsPerPerson: DOTS,
    durationSeconds: ROUND_SECONDS,
    needIds: ballot,
  });
  if (round.status !== 201) throw new Error(`round: ${admin.errors.join('; ')}`);
  // endsAt is the server's clock; this machine's clock is the same one.
  endsAt = performance.now() + (Date.parse(round.body.endsAt!) - Date.now());

  // Every guest spends its dots within the first half of the round, in several requests.
  const expected = new Map<string, number>();
  await Promise.all(
    guests.map(async (guest) => {
      const needs = [...ballot].sort(() => Math.random() - 0.5).slice(0, VOTE_SPLIT.length);
      for (const [k, count] of VOTE_SPLIT.entries()) {
        await sleep(Math.random() * ((ROUND_SECONDS * 1000) / 2 / VOTE_SPLIT.length));
        const vote = await guest.send('POST', `/api/workshops/${workshopId}/rounds/${round.body.id}/votes`, {
          needId: needs[k]!,
          count,
        });
        if (vote.status === 200) expected.set(needs[k]!, (expected.get(needs[k]!) ?? 0) + count);
      }
    }),
  );

  // Wait for the close to reach every subscriber (projector and phones).
  const subscribers = 1 + joined;
  const waitUntil = endsAt + 30_000;
  while (closedSeen.length < subscribers && performance.now() < waitUntil) await sleep(100);
  const cpu = (await cpuSeconds(pid)) - cpuBefore;
  const peakRss = await rssMiB(pid, 'VmHWM');
  for (const s of subscriptions) s.close();

  // What the server holds against what was sent.
  const after = await admin.send<Card[]>('GET', `/api/workshops/${workshopId}/cards`);
  const stored = new Set(after.body.map((c) => c.title));
  const lostCards = [...created].filter((t) => !stored.has(t)).length;
  const results = await admin.send<{ needId: string; dots: number }[]>(
    'GET',
    `/api/workshops/${workshopId}/rounds/${round.body.id}/results`,
  );
  const counted = new Map(results.body.map((r) => [r.needId, r.dots]));
  let lostVotes = 0;
  for (const [needId, dots] of expected) lostVotes += Math.abs(dots - (counted.get(needId) ?? 0));

  const cardLatency = (seen: Map<string, number>) =>
    [...created].filter((t) => seen.has(t)).map((t) => seen.get(t)! - sentAt.get(t)!);
  const projector = cardLatency(onProjector);
  // A card the API stored but the projector never showed counts as lost too.
  const unseen = [...created].filter((t) => !onProjector.has(t)).length;
  const closeLatency = closedSeen.map((at) => at - endsAt);
  const errors = [admin, projectorClient, boardClient, ...guests].flatMap((c) => c.errors);
  return {
    joinP50: percentile(joins, 50),
    joinP95: percentile(joins, 95),
    cardP50: percentile(projector, 50),
    cardP95: percentile(projector, 95),
    cardMax: Math.max(...projector),
    boardP95: percentile(cardLatency(onBoard), 95),
    resultP95: percentile(closeLatency, 95),
    resultMax: Math.max(...closeLatency),
    lostCards: lostCards + unseen + (PARTICIPANTS * CARDS_EACH - created.size),
    lostVotes,
    missedClose: subscribers - closedSeen.length,
    errors: errors.length,
    cpu,
    startRss,
    peakRss,
    resultProjector: projectorClosed - endsAt,
    firstErrors: errors.slice(0, 5),
  };
}

async function run(name: string, port: number, env: Record<string, string>): Promise<Figures> {
  const { child, exited } = await startServerProcess(
    port,
    {
      ADMIN_EMAIL: ADMIN,
      ADMIN_PASSWORD: PASSWORD,
      BODY_NAME: 'Benchstadt',
      // Phones come from their own addresses (X-Forwarded-For, as behind the reverse proxy).
      TRUST_PROXY: 'true',
      ...env,
    },
    [],
    ['dist/main.js'],
  );
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    return await scenario(port, child.pid!);
  } finally {
    child.kill('SIGTERM');
    await exited;
    print(`  ${name}: done`);
  }
}

if (!existsSync(join(SERVER_DIR, 'dist/main.js'))) {
  print('No apps/server/dist/main.js: run `pnpm build` first.');
  process.exit(1);
}
// Hundreds of streaming responses in one process.
process.setMaxListeners(0);
const runs: [string, Figures][] = [];
print(
  `Workshop: ${PARTICIPANTS} guests joining within ${JOIN_SECONDS} s, ${CARDS_EACH} cards each, ` +
    `one ${ROUND_SECONDS} s round with ${DOTS} dots (${VOTE_SPLIT.length} vote requests each); built server.`,
);
const dataDir = await mkdtemp(join(tmpdir(), 'qp-workshop-bench-'));
try {
  runs.push(['PGlite (embedded)', await run('PGlite', PORT, { DATA_DIR: dataDir })]);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
if (process.argv.includes('--pg')) {
  const db = await openFreshPostgres(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    { migrated: false },
  );
  try {
    runs.push(['PostgreSQL', await run('PostgreSQL', PORT + 1, { DATABASE_URL: db.url! })]);
  } finally {
    await db.close();
  }
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const rows: [string, (f: Figures) => string][] = [
  ['join p50 / p95', (f) => `${ms(f.joinP50)} / ${ms(f.joinP95)}`],
  ['card → projector p50 / p95 / max', (f) => `${ms(f.cardP50)} / ${ms(f.cardP95)} / ${ms(f.cardMax)}`],
  ['card → facilitator board p95', (f) => ms(f.boardP95)],
  ['round end → results on projector', (f) => ms(f.resultProjector)],
  ['round end → results, all subscribers p95 / max', (f) => `${ms(f.resultP95)} / ${ms(f.resultMax)}`],
  ['lost cards / lost votes', (f) => `${f.lostCards} / ${f.lostVotes}`],
  ['subscribers without the result', (f) => String(f.missedClose)],
  ['failed requests', (f) => String(f.errors)],
  ['server CPU (whole workshop)', (f) => `${f.cpu.toFixed(1)} s`],
  ['server RSS at start / peak', (f) => `${f.startRss.toFixed(0)} / ${f.peakRss.toFixed(0)} MiB`],
];
const width = Math.max(...rows.map(([label]) => label.length));
print(`\n${''.padEnd(width)}  ${runs.map(([name]) => name.padEnd(24)).join('')}`);
for (const [label, value] of rows)
  print(`${label.padEnd(width)}  ${runs.map(([, f]) => value(f).padEnd(24)).join('')}`);
for (const [name, f] of runs) for (const e of f.firstErrors) print(`${name}: ${e}`);
process.exit(0);
