import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createNeedMap } from '@quartierplan/collab';
import * as Y from 'yjs';
import type { ApiClient } from './client.ts';
import type { TestServer } from './server.ts';

// Every provider registers a process 'exit' listener; suites open dozens.
process.setMaxListeners(200);

/** What y-websocket constructs a socket with. */
type SocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

const socketClasses = new Map<string, SocketClass>();

/**
 * y-websocket constructs the socket itself: a subclass adds what a browser would send. One class per set of
 * headers, not per client: sockets of a thousand classes make every call into ws megamorphic, and the
 * benchmarks' client process then measures itself more than the server.
 */
function socketClass(headers: Record<string, string>): SocketClass {
  const key = JSON.stringify(headers);
  let socket = socketClasses.get(key);
  if (!socket) {
    socket = class AuthenticatedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    };
    socketClasses.set(key, socket);
  }
  return socket;
}

/** The stock y-websocket provider, connected as the user of `client` (its session cookie). */
export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  destroy(): void;
}

export function connectSyncClient(
  server: Pick<TestServer, 'origin'>,
  client: ApiClient,
  docId: string,
  options: { origin?: string; doc?: Y.Doc } = {},
): SyncClient {
  const cookie = [...['qp_session', '__Host-qp_session']]
    .map((name) => (client.cookie(name) ? `${name}=${client.cookie(name)}` : null))
    .filter(Boolean)
    .join('; ');
  const headers: Record<string, string> = { cookie };
  if (options.origin) headers.origin = options.origin;
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${server.origin.replace('http', 'ws')}/sync`, docId, doc, {
    WebSocketPolyfill: socketClass(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    closeCodes,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` passes (assertions inside), failing after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Performs a raw WebSocket handshake and reports how the server answered: the HTTP status of a
 * refusal (with its body), or 101.
 */
export function tryUpgrade(
  server: TestServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

/** A need's Y.Map with the given id as title and plain defaults. */
export function testNeed(id: string): Y.Map<unknown> {
  return createNeedMap({
    id,
    title: id,
    description: '',
    targetGroup: '',
    source: 'workshop',
    priority: 'high',
    status: 'open',
    createdBy: null,
    createdAt: null,
  });
}
