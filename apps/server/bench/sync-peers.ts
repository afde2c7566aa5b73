/**
 * `pnpm bench:sync --peers`: Quartierplan beside the stock y-websocket server (`@y/websocket-server` 0.1.1) and
 * Hocuspocus 3.4 (its 4.x needs Node 22) on the same scenarios, each measurement a freshly started process, the
 * servers taking turns within each of 3 rounds (the order rotates), medians printed with Quartierplan's ratio to
 * each peer. The peers keep documents in memory except for the cold loads (reference: LevelDB, Hocuspocus:
 * SQLite); Quartierplan always persists before it relays. Quartierplan runs on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL too. The clients of each measurement run in a process forked for it
 * (sync-peer-client.ts), so every server meets clients as fresh as itself. Asserts nothing.
 */
import { fork } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFreshPostgres } from '@quartierplan/db/testing';
import type { ClientAnswer } from './sync-peer-client.ts';
import {
  COLD,
  MANY,
  peerScenarios,
  type Figures,
  type Measurement,
  type Mode,
} from './sync-peer-scenarios.ts';
import {
  QUARTIERPLAN_ENTRY,
  seedPeer,
  seedQuartierplanDocument,
  startPeer,
  startQuartierplan,
  type Peer,
  type RunningServer,
} from './sync-targets.ts';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const CLIENT = new URL('./sync-peer-client.ts', import.meta.url);
const print = (line: string) => process.stdout.write(`${line}\n`);

/** One server of the comparison: how to start it fresh for a scenario, and the documents prepared for it. */
interface Contestant {
  name: string;
  /** A fresh process, for a scenario of that mode (the peers persist only for cold loads, on a copy). */
  start(mode: Mode): Promise<RunningServer>;
  /** MANY documents that exist before the process starts (Quartierplan creates documents with Sozialräume). */
  documents: Measurement['documents'];
  seeded: Measurement['seeded'];
  close(): Promise<void>;
}

async function peer(kind: Peer, name: string): Promise<Contestant> {
  const dir = await mkdtemp(join(tmpdir(), `qp-peer-${kind}-`));
  const template = join(dir, kind === 'reference' ? 'leveldb' : 'documents.sqlite');
  for (const updates of COLD) await seedPeer(kind, template, `cold-${updates}`, updates);
  let copies = 0;
  return {
    name,
    async start(mode) {
      if (mode !== 'coldLoad') return startPeer(kind);
      // A copy per start: the reference server merges the stored updates into one when it first loads them.
      const copy = join(dir, `copy-${++copies}`);
      await cp(template, copy, { recursive: true });
      return startPeer(kind, copy);
    },
    documents: Array.from({ length: MANY }, (_, i) => `many-${i}`),
    seeded: { 10_000: 'cold-10000', 100_000: 'cold-100000' },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

async function quartierplan(name: string, env: Record<string, string>, close: () => Promise<void>) {
  const server = await startQuartierplan(env);
  const documents: string[] = [];
  for (let i = 0; i < MANY; i++) documents.push(await server.target.newDocument());
  const seeded = {} as Measurement['seeded'];
  for (const updates of COLD) seeded[updates] = await server.target.newDocument();
  await server.stop();
  // Compacted every 500 updates, as the server's threshold does.
  for (const updates of COLD) await seedQuartierplanDocument(env, seeded[updates], updates, 500);
  return {
    name,
    // Loading a document writes nothing, so every start may use the same database.
    start: (mode) => startQuartierplan(env, QUARTIERPLAN_ENTRY, mode !== 'rest'),
    documents,
    seeded,
    close,
  } satisfies Contestant;
}

/** Runs one measurement's clients in a process forked for it (through tsx, as this bench runs). */
function measureInClientProcess(measurement: Measurement): Promise<Figures> {
  const child = fork(CLIENT, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  child.send(measurement);
  return new Promise((resolve, reject) => {
    child.once('message', (answer: ClientAnswer) =>
      'figures' in answer ? resolve(answer.figures) : reject(new Error(answer.error)),
    );
    child.once('exit', (code) =>
      reject(new Error(`the client process of "${measurement.scenario}" exited with ${code}`)),
    );
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Runs the comparison and prints the table. */
export async function comparePeers(): Promise<void> {
  const only = (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean);
  const chosen = only.length ? peerScenarios.filter((s) => only.includes(s.name)) : peerScenarios;
  print(
    `Preparing: seeding the cold-load documents; Quartierplan runs ${QUARTIERPLAN_ENTRY.join(' ')}, ${ROUNDS} rounds.`,
  );
  const contestants: Contestant[] = [
    await peer('reference', 'reference server'),
    await peer('hocuspocus', 'Hocuspocus 3.4'),
  ];
  const dataDir = await mkdtemp(join(tmpdir(), 'qp-peers-'));
  contestants.push(
    await quartierplan('Quartierplan (PGlite)', { DATA_DIR: dataDir }, () =>
      rm(dataDir, { recursive: true, force: true }),
    ),
  );
  if (process.env.TEST_DATABASE_URL) {
    const db = await openFreshPostgres(process.env.TEST_DATABASE_URL);
    contestants.push(
      await quartierplan('Quartierplan (PostgreSQL)', { DATABASE_URL: db.url! }, () => db.close()),
    );
  }
  const results = new Map<string, Map<string, number[]>>();
  for (let round = 0; round < ROUNDS; round++) {
    // The order rotates each round, so no server always runs first (or right after a heavy one).
    const order = contestants.map((_, i) => contestants[(i + round) % contestants.length]!);
    for (const scenario of chosen) {
      for (const contestant of order) {
        const server = await contestant.start(scenario.mode);
        try {
          const figures = await measureInClientProcess({
            scenario: scenario.name,
            address: server.address,
            inspectPort: server.inspectPort,
            documents: contestant.documents,
            seeded: contestant.seeded,
          });
          for (const [figure, value] of Object.entries(figures)) {
            const byContestant = results.get(figure) ?? new Map<string, number[]>();
            results.set(figure, byContestant);
            byContestant.set(contestant.name, [...(byContestant.get(contestant.name) ?? []), value]);
          }
        } finally {
          await server.stop();
        }
        process.stdout.write('.');
      }
    }
    print(` round ${round + 1} of ${ROUNDS} done`);
  }
  for (const c of contestants) await c.close();
  printTable(contestants, results);
}

function printTable(contestants: Contestant[], results: Map<string, Map<string, number[]>>) {
  const peers = contestants.slice(0, 2);
  const ours = contestants.slice(2);
  const header = [
    'figure (median)',
    ...contestants.map((c) => c.name),
    ...ours.flatMap((q) => peers.map((p) => `${q.name.replace('Quartierplan ', 'QP ')} ÷ ${p.name}`)),
  ];
  const rows = [...results].map(([figure, byContestant]) => {
    const value = (c: Contestant) => median(byContestant.get(c.name) ?? []);
    const ratio = (q: Contestant, p: Contestant) =>
      figure.includes('chars at') ? '' : `${(value(q) / value(p)).toFixed(2)}×`;
    return [
      figure,
      ...contestants.map((c) => format(value(c))),
      ...ours.flatMap((q) => peers.map((p) => ratio(q, p))),
    ];
  });
  print('');
  print(`| ${header.join(' | ')} |`);
  print(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) print(`| ${row.join(' | ')} |`);
  print('');
  print('Ratios below 1 mean Quartierplan needs less (time, CPU, memory) than the peer.');
}
