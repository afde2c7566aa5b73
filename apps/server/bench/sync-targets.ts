import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { openDatabase } from '@quartierplan/db';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DocumentStore } from '../src/sync/persistence/document-store.ts';
import { UpdateWriter } from '../src/sync/persistence/update-writer.ts';
import { ApiClient } from '../src/testing/client.ts';
import { createSozialraum, loginAs, PASSWORD } from '../src/testing/fixtures.ts';
import { freePort, startServerProcess, type ServerProcess } from '../src/testing/process.ts';
import { connectSyncClient } from '../src/testing/sync-clients.ts';
import type { BenchClient, Target } from './sync-scenarios.ts';

// The servers the sync bench measures, each its own process: Quartierplan, and for the comparison mode the
// stock y-websocket server and Hocuspocus through their runners in bench/peers/.

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const PEERS_DIR = join(SERVER_DIR, 'bench/peers');
export const ADMIN = 'bench-admin@test.quartierplan.de';

/** Quartierplan's settings for the bench: its own first admin, and limits above what one bench client needs. */
export const QUARTIERPLAN_ENV = {
  ADMIN_EMAIL: ADMIN,
  ADMIN_PASSWORD: PASSWORD,
  BODY_NAME: 'Benchstadt',
  SYNC_MAX_CONNECTIONS_PER_USER: '5000',
  // Above the production default (300/s per connection), so the burst runs in seconds, not minutes.
  SYNC_MESSAGES_PER_SECOND: '2000',
};

/**
 * Where a running server is, as plain data: what another process (the comparison's client process per
 * measurement) needs to build its own `Target` with `targetAt`.
 */
export type TargetAddress = { pid: number } & (
  { server: 'quartierplan'; origin: string; session: string | undefined } | { server: Peer; url: string }
);

/** A server the bench started: the scenarios' view of it, its address, its inspector port and how to stop it. */
export interface RunningServer {
  target: Target;
  address: TargetAddress;
  inspectPort: number;
  stop(): Promise<void>;
}

/**
 * Aborts the whole benchmark when a server exits on its own: clients would otherwise reconnect forever. A
 * failing scenario must not leave the server running either.
 */
function watch(child: ChildProcess, exited: Promise<number | null>, name: string): () => Promise<void> {
  let stopping = false;
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  void exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`\n${name} exited unexpectedly (code ${code}); benchmark aborted.\n`);
    process.exit(1);
  });
  return async () => {
    stopping = true;
    process.off('exit', kill);
    child.kill('SIGTERM');
    await exited;
  };
}

/** The Quartierplan that `node dist/main.js` runs when built (as in production), else the source through tsx. */
export const QUARTIERPLAN_ENTRY = existsSync(join(SERVER_DIR, 'dist/main.js'))
  ? ['dist/main.js']
  : ['--import', 'tsx', 'src/main.ts'];

/**
 * Quartierplan's stock y-websocket clients, with the admin's session cookie; documents are Sozialräume's needs
 * lists, their codes unique across the bench's processes (every measurement's clients run in one of their own).
 */
function quartierplanTarget(origin: string, admin: ApiClient, pid: number): Target {
  let documents = 0;
  return {
    pid,
    newDocument: async () =>
      (await createSozialraum(admin, { code: `B${process.pid}-${++documents}` })).documents.needs,
    connect: (docId) => connectSyncClient({ origin }, admin, docId),
  };
}

/** A peer's stock clients; its documents are names, created by the first client that opens one. */
function peerTarget(peer: Peer, url: string, pid: number): Target {
  let documents = 0;
  return {
    pid,
    newDocument: async () => `bench-${++documents}`,
    connect: (docId) => (peer === 'reference' ? yWebsocketClient(url, docId) : hocuspocusClient(url, docId)),
  };
}

/** The scenarios' view of a server another process started. */
export function targetAt(address: TargetAddress): Target {
  if (address.server !== 'quartierplan') return peerTarget(address.server, address.url, address.pid);
  const admin = new ApiClient(address.origin);
  if (address.session) admin.setCookie('qp_session', address.session);
  return quartierplanTarget(address.origin, admin, address.pid);
}

/**
 * Starts Quartierplan on the database `env` names, with its inspector open, and logs the bench's admin in
 * (`login` false: a server no client has talked to, for its memory at rest; its target is then refused).
 */
export async function startQuartierplan(
  env: Record<string, string>,
  entry: string[] = QUARTIERPLAN_ENTRY,
  login = true,
): Promise<RunningServer & { proc: ServerProcess; admin: ApiClient }> {
  const inspectPort = await freePort();
  const proc = await startServerProcess(
    await freePort(),
    { ...QUARTIERPLAN_ENV, ...env },
    [`--inspect=127.0.0.1:${inspectPort}`],
    entry,
  );
  const stop = watch(proc.child, proc.exited, 'Quartierplan');
  const admin = login ? await loginAs(proc.server, ADMIN) : new ApiClient(proc.server.origin);
  const pid = proc.child.pid!;
  const { origin } = proc.server;
  return {
    proc,
    admin,
    target: quartierplanTarget(origin, admin, pid),
    address: { server: 'quartierplan', pid, origin, session: admin.cookie('qp_session') },
    inspectPort,
    stop,
  };
}

/**
 * Writes `updates` one-character edits into a document's log, as the server would, compacting
 * every `compactEvery` updates like the server's threshold does (null: never, the worst case).
 */
export async function seedQuartierplanDocument(
  env: Record<string, string>,
  docId: string,
  updates: number,
  compactEvery: number | null,
) {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? 'memory://' });
  const writer = new UpdateWriter(db.sql, 5000);
  const store = new DocumentStore(db.sql);
  const doc = new Y.Doc();
  let pending: Promise<unknown>[] = [];
  doc.on('update', (u: Uint8Array) =>
    pending.push(writer.append({ documentId: docId, data: u, authorId: null })),
  );
  for (let i = 0; i < updates; i++) {
    doc.getText('t').insert(i, 'a');
    if (compactEvery && (i + 1) % compactEvery === 0) {
      await Promise.all(pending);
      pending = [];
      await store.compact(docId);
    }
  }
  await Promise.all(pending);
  await db.close();
}

/** The two peers, by their runner scripts in bench/peers/. */
export type Peer = 'reference' | 'hocuspocus';
const RUNNERS: Record<Peer, string> = { reference: 'reference.mjs', hocuspocus: 'hocuspocus.mjs' };

/** Where a peer keeps its documents when persistence is on: a LevelDB folder or an SQLite file. */
const STORAGE_ENV: Record<Peer, string> = { reference: 'YPERSISTENCE', hocuspocus: 'SQLITE' };

/**
 * Starts a peer through its runner (plain node, inspector open), its documents in memory or, with
 * `storage`, in the LevelDB folder or SQLite file given.
 */
export async function startPeer(peer: Peer, storage?: string): Promise<RunningServer> {
  const port = await freePort();
  const inspectPort = await freePort();
  const child = spawn(
    process.execPath,
    [`--inspect=127.0.0.1:${inspectPort}`, join(PEERS_DIR, RUNNERS[peer])],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        ...(storage ? { [STORAGE_ENV[peer]]: storage } : {}),
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ;) {
    if (child.exitCode !== null) throw new Error(`${peer} exited with ${child.exitCode}`);
    if (
      await fetch(origin).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`${peer} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const url = `ws://127.0.0.1:${port}`;
  return {
    target: peerTarget(peer, url, child.pid!),
    address: { server: peer, pid: child.pid!, url },
    inspectPort,
    stop: watch(child, exited, peer),
  };
}

/** Writes a document of `updates` one-character edits into a peer's storage (its runner's `seed`). */
export async function seedPeer(peer: Peer, storage: string, docId: string, updates: number): Promise<void> {
  const child = spawn(process.execPath, [join(PEERS_DIR, RUNNERS[peer]), 'seed', docId, String(updates)], {
    cwd: SERVER_DIR,
    env: { ...process.env, [STORAGE_ENV[peer]]: storage },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seeding ${peer} failed (exit code ${code})`);
}

/** The stock y-websocket provider, as for Quartierplan but without a session. */
function yWebsocketClient(url: string, docId: string): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) =>
    provider.on('sync', (isSynced: boolean) => isSynced && resolve()),
  );
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Hocuspocus's own provider (its protocol is not y-websocket's), one socket per client as y-websocket has. */
function hocuspocusClient(url: string, docId: string): BenchClient {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  let markSynced: () => void;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: docId,
    document: doc,
    onSynced: () => markSynced(),
  });
  provider.attach();
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
