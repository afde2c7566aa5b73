import { setTimeout as delay } from 'node:timers/promises';
import { documentStoreRepository, type Sql } from '@quartierplan/db';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

// Every provider registers a process 'exit' listener; a suite opens dozens.
process.setMaxListeners(200);

/** The root the clients type into: a list of unique entries, so whatever is missing can be named. */
const ROOT = 'cluster-test';
/** How often each client types one entry (with 30 clients: about 150 updates per second in all). */
const TYPING_PERIOD_MS = 200;
const SHOWN = 5;

/**
 * A stock y-websocket client (as a browser tab would run it) with the session cookie, typing
 * entries named `<client>#<n>` into one document.
 */
export class TypingClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Entries this client typed itself. */
  readonly typed = new Set<string>();
  /** Close codes the connection ended with, in order (1006: dropped without a close frame). */
  readonly closeCodes: number[] = [];
  /** Errors of the socket: a refused or failed upgrade (502 from nginx, say), a reset connection. */
  connectionErrors = 0;
  private lastError = '';
  private typer: NodeJS.Timeout | null = null;
  private count = 0;

  constructor(
    readonly name: string,
    readonly docId: string,
    syncUrl: string,
    headers: Record<string, string>,
  ) {
    // y-websocket constructs the socket itself; this subclass adds what a browser would send.
    class BrowserWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    }
    this.provider = new WebsocketProvider(syncUrl, docId, this.doc, {
      WebSocketPolyfill: BrowserWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 500,
    });
    this.provider.on('connection-close', (event) => {
      if (event) this.closeCodes.push(event.code);
    });
    this.provider.on('connection-error', (event) => {
      this.connectionErrors++;
      this.lastError = (event as unknown as { message?: string }).message ?? event.type;
    });
  }

  /** Resolves once the client is synced with a server (fails with its state after `timeoutMs`). */
  synced(timeoutMs = 30_000): Promise<void> {
    return until('not synced', () => (this.provider.synced ? '' : this.describe()), timeoutMs);
  }

  get entries(): string[] {
    return this.doc.getArray<string>(ROOT).toArray();
  }

  /** Types one entry every period, offline too (y-websocket sends it once it is connected again). */
  startTyping(): void {
    if (this.typer) return;
    this.typer = setInterval(() => this.type(), TYPING_PERIOD_MS * (0.75 + Math.random() / 2));
  }

  stopTyping(): void {
    if (this.typer) clearInterval(this.typer);
    this.typer = null;
  }

  private type() {
    const entry = `${this.name}#${++this.count}`;
    this.typed.add(entry);
    this.doc.getArray<string>(ROOT).push([entry]);
  }

  describe(): string {
    const state = this.provider.wsconnected ? (this.provider.synced ? 'synced' : 'connected') : 'offline';
    return `${this.name} (${state}, closes [${this.closeCodes.join(',')}], failed attempts ${this.connectionErrors}${this.lastError ? `, last: ${this.lastError}` : ''})`;
  }

  destroy(): void {
    this.stopTyping();
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** The entries of a document as stored: snapshot and log read in one snapshot of the database. */
export async function storedEntries(sql: Sql, documentId: string): Promise<string[]> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const repo = documentStoreRepository(tx);
    const snapshot = await repo.snapshot(documentId);
    const updates = await repo.updatesAfter(documentId, snapshot?.lastSeq ?? 0);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const update of updates) Y.applyUpdate(doc, update.data);
    const entries = doc.getArray<string>(ROOT).toArray();
    doc.destroy();
    return entries;
  });
}

const sample = (entries: Iterable<string>) => [...entries].slice(0, SHOWN).join(', ');

/** What `expected` has and `actual` lacks, in words (empty when nothing is missing). */
function lacks(what: string, actual: Iterable<string>, expected: Iterable<string>): string {
  const have = new Set(actual);
  const missing = [...expected].filter((entry) => !have.has(entry));
  return missing.length ? `${what} lacks ${missing.length}: ${sample(missing)}` : '';
}

/** Retries `check` (which returns what is still wrong, or '') until it passes or time is up. */
export async function until(
  what: string,
  check: () => Promise<string> | string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let problem = await check();
  while (problem && Date.now() < deadline) {
    await delay(100);
    problem = await check();
  }
  if (problem) throw new Error(`${what} (after ${timeoutMs} ms):\n${problem}`);
}

/** Clients spread over documents (through nginx, so over the instances), checked together. */
export class ClientGroup {
  readonly clients: TypingClient[] = [];

  constructor(
    readonly docIds: string[],
    perDocument: number,
    syncUrl: string,
    headers: Record<string, string>,
  ) {
    docIds.forEach((docId, d) => {
      for (let i = 0; i < perDocument; i++) {
        this.clients.push(new TypingClient(`d${d + 1}c${i + 1}`, docId, syncUrl, headers));
      }
    });
  }

  of(docId: string): TypingClient[] {
    return this.clients.filter((c) => c.docId === docId);
  }

  /** Everything the clients of a document typed. */
  typed(docId: string): Set<string> {
    return new Set(this.of(docId).flatMap((c) => [...c.typed]));
  }

  async synced(timeoutMs = 30_000): Promise<void> {
    await until(
      'clients did not sync',
      () =>
        this.clients
          .filter((c) => !c.provider.synced)
          .map((c) => c.describe())
          .join('\n'),
      timeoutMs,
    );
  }

  startTyping(): void {
    for (const client of this.clients) client.startTyping();
  }

  stopTyping(): void {
    for (const client of this.clients) client.stopTyping();
  }

  /** Every client of a document holds exactly what all of that document's clients typed. */
  async converged(timeoutMs = 30_000): Promise<void> {
    await until(
      'clients did not converge',
      () =>
        this.docIds
          .flatMap((docId) => {
            const typed = this.typed(docId);
            return this.of(docId).map((client) => {
              const entries = client.entries;
              const problems = [lacks('it', entries, typed)];
              if (entries.length !== typed.size) problems.push(`it holds ${entries.length} of ${typed.size}`);
              return problems.some(Boolean)
                ? `${client.describe()}: ${problems.filter(Boolean).join('; ')}`
                : '';
            });
          })
          .filter(Boolean)
          .join('\n'),
      timeoutMs,
    );
  }

  /**
   * The durability rule, checked at this moment: every entry a client received from another
   * (relayed by a server, so committed first) is in the database. The clients' state is read first,
   * the database after, so anything a client holds was relayed before the read.
   */
  async receivedAreStored(sql: Sql): Promise<void> {
    const received = new Map<string, Map<string, string>>();
    for (const client of this.clients) {
      let ofDoc = received.get(client.docId);
      if (!ofDoc) received.set(client.docId, (ofDoc = new Map()));
      for (const entry of client.entries) if (!client.typed.has(entry)) ofDoc.set(entry, client.name);
    }
    const problems: string[] = [];
    for (const [docId, entries] of received) {
      const stored = new Set(await storedEntries(sql, docId));
      const missing = [...entries].filter(([entry]) => !stored.has(entry));
      if (missing.length) {
        problems.push(
          `document ${docId}: ${missing.length} entries clients had received are not stored: ` +
            missing
              .slice(0, SHOWN)
              .map(([entry, by]) => `${entry} (received by ${by})`)
              .join(', '),
        );
      }
    }
    if (problems.length) throw new Error(problems.join('\n'));
  }

  /** The stored documents hold exactly what the clients typed, each entry once. */
  async everythingStored(sql: Sql): Promise<void> {
    const problems: string[] = [];
    for (const docId of this.docIds) {
      const stored = await storedEntries(sql, docId);
      const typed = this.typed(docId);
      const missing = lacks(`stored document ${docId}`, stored, typed);
      if (missing) {
        const whose = new Map<string, number>();
        const have = new Set(stored);
        for (const entry of typed) {
          if (!have.has(entry)) whose.set(entry.split('#')[0]!, (whose.get(entry.split('#')[0]!) ?? 0) + 1);
        }
        problems.push(`${missing} (typed by ${[...whose].map(([c, n]) => `${c}: ${n}`).join(', ')})`);
      }
      if (stored.length !== typed.size)
        problems.push(`stored document ${docId} holds ${stored.length} entries, ${typed.size} typed`);
    }
    if (problems.length) throw new Error(problems.join('\n'));
  }

  /** A new client loading each document (from whichever instance nginx picks) gets all of it. */
  async freshLoadsHoldEverything(syncUrl: string, headers: Record<string, string>): Promise<void> {
    const readers = this.docIds.map(
      (docId, d) => new TypingClient(`reader${d + 1}`, docId, syncUrl, headers),
    );
    try {
      await Promise.all(readers.map((reader) => reader.synced()));
      const problems = readers
        .map((reader) => lacks(`a fresh load of ${reader.docId}`, reader.entries, this.typed(reader.docId)))
        .filter(Boolean);
      if (problems.length) throw new Error(problems.join('\n'));
    } finally {
      for (const reader of readers) reader.destroy();
    }
  }

  destroy(): void {
    for (const client of this.clients) client.destroy();
  }
}
