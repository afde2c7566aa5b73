import { CLOSE_CODES, needsArray, type DocumentKind } from '@quartierplan/collab';
import {
  inspectUpdate,
  projectNeeds,
  type DocumentStore,
  type UpdateWriter,
} from '@quartierplan/collab/server';
import type { DocumentRow, Sql } from '@quartierplan/db';
import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ClientConnection } from './client-connection.ts';
import type { SyncLimits } from './limits.ts';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.ts';

/** Who caused a change to the document: a client, or the server acting for a user (restore). */
export type ChangeOrigin = ClientConnection | { kind: 'server'; authorId: string | null };

export interface RoomDeps {
  sql: Sql;
  store: DocumentStore;
  writer: UpdateWriter;
  limits: SyncLimits;
  log: Logger;
  /** A commit of this room failed: it must be retired at once, so reconnecting clients load a fresh one. */
  onPersistenceFailure: (room: DocumentRoom) => void;
}

/** A protocol violation by one client: close that socket only. */
export class MalformedMessageError extends Error {}

const MAX_CLIENT_IDS_PER_CONNECTION = 8;
// Applied-but-uncommitted updates a room may hold. Beyond it, writers wait for the commit, so a
// flood cannot build a backlog that a newly connecting client's sync step 2 would have to wait for.
const MAX_PENDING_WRITES = 256;
// While needs change continuously, the table is rewritten at most this often.
const PROJECTION_INTERVAL_MS = 100;
// Awareness (cursors, who is here) changes are broadcast in batches this long: too short to see.
const AWARENESS_BATCH_MS = 20;
const PALETTE = ['#0f4c81', '#b5179e', '#2a9d8f', '#e76f51', '#6a4c93', '#1982c4', '#8ac926', '#ff595e'];

/** A stable colour per user, so everyone sees the same person in the same colour. */
export function colourFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

/**
 * One loaded document and its connected clients. Loads once; every change is written to the
 * update log and relayed only after the commit; sync step 2 waits for pending commits, so no
 * client ever sees state the database does not have.
 */
export class DocumentRoom {
  readonly connections = new Set<ClientConnection>();
  doc = new Y.Doc();
  awareness = new awarenessProtocol.Awareness(this.doc);
  readonly ready: Promise<void>;
  /** Set while the room flushes and unloads; a new connection waits for it and opens a fresh room. */
  closing: Promise<void> | null = null;

  private lastWrite: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  /** The updates waiting for the batch commit that was appended to last. */
  private openGroup: RelayGroup | null = null;
  private storedBytes = 0;
  private updatesSinceSnapshot = 0;
  private compacting: Promise<void> | null = null;
  private lastCompactionAt = -Infinity;
  /** A compaction deferred by the interval; runs even if no further update arrives. */
  private compactionTimer: NodeJS.Timeout | null = null;
  private projecting: Promise<void> | null = null;
  private projectAgain = false;
  private needsChanged = false;
  private readonly awarenessOwners = new Map<number, ClientConnection>();
  /**
   * The user who first introduced each awareness client id in this room. A reconnecting client
   * keeps its id, so no one else may claim it after its connection left (hiding that person).
   */
  private readonly awarenessUsers = new Map<number, string>();
  /** Awareness clientIDs changed since the last broadcast, sent together once the batch window ends. */
  private readonly awarenessChanged = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private loaded = false;
  /** A commit failed: the document holds changes the database lacks, so the room serves nothing more. */
  private failed = false;

  constructor(
    readonly document: DocumentRow,
    private readonly deps: RoomDeps,
  ) {
    this.ready = this.load();
  }

  get id(): string {
    return this.document.id;
  }

  private async load(): Promise<void> {
    const { store, log } = this.deps;
    const loaded = await store.load(this.id);
    if (loaded.quarantined.length) {
      log.error({ documentId: this.id, quarantined: loaded.quarantined }, 'undecodable updates quarantined');
    }
    this.awareness.destroy();
    this.doc.destroy();
    this.doc = loaded.doc;
    this.updatesSinceSnapshot = loaded.updatesSinceSnapshot;
    // A long log (e.g. compaction kept failing before a restart) is folded right away.
    this.maybeCompact();
    this.storedBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    const initial = await store.initialise(this.id, this.document.kind as DocumentKind);
    if (initial) Y.applyUpdate(this.doc, initial);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      for (const ids of [added, updated, removed]) for (const id of ids) this.awarenessChanged.add(id);
      if (this.awarenessChanged.size > 0)
        this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_BATCH_MS);
    });
    if (this.document.kind === 'needs') {
      // Only changes to the needs list make the table stale (not, say, stray root types).
      needsArray(this.doc).observeDeep(() => {
        this.needsChanged = true;
      });
      this.scheduleProjection();
    }
    this.loaded = true;
  }

  /**
   * Persist, then relay: the order every change takes. Updates that join the same group commit
   * share its promise; they wait for it as one group and are relayed together once it resolved.
   */
  private persist(update: Uint8Array, source: ChangeOrigin) {
    const authorId = 'kind' in source ? source.authorId : source.user.id;
    this.storedBytes += update.byteLength;
    const commit = this.deps.writer.append({ documentId: this.id, data: update, authorId });
    this.pendingWrites++;
    let group = this.openGroup;
    // The writer closes a batch before writing it, so an update never joins a group whose commit
    // already started: every update in a group is in that group's INSERT, none in a later one.
    if (!group || group.commit !== commit) {
      const opened: RelayGroup = { commit, updates: [], source, mixed: false };
      group = this.openGroup = opened;
      this.lastWrite = commit;
      commit.then(
        () => this.relay(opened),
        (error: unknown) => {
          this.pendingWrites -= opened.updates.length;
          this.failPersistence(error);
        },
      );
    }
    group.updates.push(update);
    if (group.source !== source) group.mixed = true;
  }

  /**
   * Sends the committed updates of one group commit as one merged update: one frame per client
   * per commit, not per keystroke, and the same bytes for every client. Groups are relayed in
   * commit order, which is append order.
   */
  private relay(group: RelayGroup) {
    if (this.openGroup === group) this.openGroup = null;
    const { updates } = group;
    this.pendingWrites -= updates.length;
    const message = encodeUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    // A client gets its own changes back only when they are merged with others' (applying is a no-op).
    const onlySource = group.mixed ? undefined : group.source;
    for (const conn of this.connections) if (conn !== onlySource) conn.send(message);
    this.afterPersist(updates.length);
  }

  private afterPersist(count: number) {
    this.updatesSinceSnapshot += count;
    this.maybeCompact();
    if (this.needsChanged) this.scheduleProjection();
  }

  /**
   * Folds the log into the snapshot in the background once it passed the threshold, at most once
   * per interval: the log may grow past the threshold while people type fast, which loading
   * absorbs easily (100k rows load in well under a second), while compacting 500 rows at a time
   * would re-encode the whole document over and over.
   */
  private maybeCompact() {
    const { compactionThreshold, compactionIntervalMs } = this.deps.limits;
    if (this.updatesSinceSnapshot < compactionThreshold || this.compacting || this.compactionTimer) return;
    const wait = this.lastCompactionAt + compactionIntervalMs - performance.now();
    if (wait > 0) {
      this.compactionTimer = setTimeout(() => {
        this.compactionTimer = null;
        this.maybeCompact();
      }, wait);
      this.compactionTimer.unref();
      return;
    }
    this.lastCompactionAt = performance.now();
    this.compacting = this.deps.store
      .compact(this.id)
      .then((folded) => {
        this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - folded);
      })
      .catch((error: unknown) =>
        this.deps.log.error({ err: error, documentId: this.id }, 'compaction failed'),
      )
      .finally(() => {
        this.compacting = null;
      });
  }

  /** Re-projects the needs table; runs are coalesced, one at a time, at most every 100 ms. */
  private scheduleProjection() {
    if (this.projecting) {
      this.projectAgain = true;
      return;
    }
    this.projecting = (async () => {
      do {
        this.projectAgain = false;
        this.needsChanged = false;
        await projectNeeds(this.deps.sql, this.id, this.doc).catch((error: unknown) =>
          this.deps.log.error({ err: error, documentId: this.id }, 'needs projection failed'),
        );
        if (this.projectAgain) await new Promise((resolve) => setTimeout(resolve, PROJECTION_INTERVAL_MS));
      } while (this.projectAgain);
    })().finally(() => {
      this.projecting = null;
    });
  }

  /**
   * A commit failed: the in-memory document now holds a change the database lacks. The room is
   * retired at once, so nobody syncs from it; clients reconnect to a room loaded from the
   * database, whose sync step 1 makes them resend what it lacks.
   */
  private failPersistence(error: unknown) {
    this.deps.log.error({ err: error, documentId: this.id }, 'persisting an update failed');
    if (this.failed) return;
    this.failed = true;
    for (const conn of [...this.connections]) {
      conn.close(CLOSE_CODES.internalError, 'Speichern fehlgeschlagen');
    }
    this.deps.onPersistenceFailure(this);
  }

  /**
   * One awareness message per client per batch window, whatever number of states changed in it.
   * Every y-websocket client renews its state every 15 s; clients that connected together (say,
   * after a restart) renew together, and relaying each renewal at once to 200 others meant 40,000
   * sends in a burst that held document updates up for most of a second.
   */
  private readonly flushAwareness = () => {
    this.awarenessTimer = null;
    const changed = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    if (changed.length === 0 || this.connections.size === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    for (const conn of this.connections) conn.send(message);
  };

  /** Called once the client is admitted and the room is loaded. */
  welcome(conn: ClientConnection) {
    conn.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(encodeAwareness(this.awareness, states));
  }

  /**
   * Handles one message of a client; throws (or rejects with) MalformedMessageError for protocol
   * violations. Returns a promise only when the message has to wait (room loading, pending
   * commits, backpressure): a keystroke in a loaded room is handled without a promise per message.
   */
  handle(conn: ClientConnection, data: Uint8Array): Promise<void> | void {
    if (!this.loaded) return this.ready.then(() => this.dispatch(conn, data));
    return this.dispatch(conn, data);
  }

  private dispatch(conn: ClientConnection, data: Uint8Array): Promise<void> | void {
    if (this.failed) return;
    let decoder: decoding.Decoder;
    let type: number;
    try {
      decoder = decoding.createDecoder(data);
      type = decoding.readVarUint(decoder);
    } catch {
      throw new MalformedMessageError('frame');
    }
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(conn, decoder);
      case MESSAGE_AWARENESS:
        return this.handleAwareness(conn, readBytes(decoder));
      case MESSAGE_QUERY_AWARENESS:
        conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
      case MESSAGE_AUTH:
        return;
      default:
        throw new MalformedMessageError(`message type ${type}`);
    }
  }

  private handleSync(conn: ClientConnection, decoder: decoding.Decoder): Promise<void> | void {
    let step: number;
    try {
      step = decoding.readVarUint(decoder);
    } catch {
      throw new MalformedMessageError('sync');
    }
    const payload = readBytes(decoder);
    if (step === 0) return this.answerSyncStep1(conn, payload);
    if (step !== 1 && step !== 2) throw new MalformedMessageError(`sync step ${step}`);
    if (conn.access !== 'edit') {
      if (inspectUpdate(payload) !== 'empty')
        conn.send(encodePermissionDenied('Nur Lesezugriff: Änderungen werden nicht übernommen.'));
      return;
    }
    if (this.pendingWrites >= MAX_PENDING_WRITES) return this.applyAfterBackpressure(conn, payload);
    this.applyClientUpdate(conn, payload);
  }

  /**
   * Answers with stored state only. Every change applied so far is in a commit up to `lastWrite`,
   * so the answer is built now and sent once that committed; built later, it could carry changes
   * that arrived meanwhile and are not committed yet.
   */
  private async answerSyncStep1(conn: ClientConnection, stateVector: Uint8Array) {
    const committed = this.lastWrite;
    const message = encodeSyncStep2(this.doc, stateVector);
    const stored = await committed.then(
      () => true,
      () => false,
    );
    if (stored && !this.failed) conn.send(message);
  }

  private async applyAfterBackpressure(conn: ClientConnection, payload: Uint8Array) {
    while (this.pendingWrites >= MAX_PENDING_WRITES) await this.lastWrite.catch(() => undefined);
    this.applyClientUpdate(conn, payload);
  }

  private applyClientUpdate(conn: ClientConnection, payload: Uint8Array) {
    if (this.storedBytes + payload.byteLength > this.deps.limits.maxDocumentBytes) {
      conn.close(CLOSE_CODES.documentTooLarge, 'Dokument zu groß');
      return;
    }
    const content = inspectUpdate(payload);
    if (content === 'malformed') throw new MalformedMessageError('update');
    if (content === 'empty') return;
    let before = new Map<number, number>();
    try {
      this.doc.transact((tr) => {
        before = tr.beforeState;
        Y.applyUpdate(this.doc, payload, conn);
      }, conn);
    } catch {
      // Decoded, but failed while integrating: whatever part did apply must be stored too.
      this.persist(Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(before)), conn);
      throw new MalformedMessageError('update');
    }
    // The client's own bytes are what is stored and relayed: applying them to the stored state
    // gives exactly this document, and Yjs need not encode every keystroke a second time (the
    // room has no 'update' listener, so Yjs skips that work).
    this.persist(payload, conn);
  }

  private handleAwareness(conn: ClientConnection, update: Uint8Array) {
    let entries;
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      throw new MalformedMessageError('awareness');
    }
    const accepted = [];
    for (const entry of entries) {
      const owner = this.awarenessOwners.get(entry.clientId);
      // A client may speak only for client ids it introduced itself.
      if (owner && owner !== conn) continue;
      if (!owner) {
        if (conn.clientIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) continue;
        const claimedBy = this.awarenessUsers.get(entry.clientId);
        if (claimedBy !== undefined && claimedBy !== conn.user.id) continue;
        this.awarenessUsers.set(entry.clientId, conn.user.id);
        this.awarenessOwners.set(entry.clientId, conn);
        conn.clientIds.add(entry.clientId);
      }
      const state =
        entry.state === null
          ? null
          : {
              ...entry.state,
              // Who it is and whether they may edit come from the session, never from the client.
              user: {
                id: conn.user.id,
                name: conn.user.name,
                color: colourFor(conn.user.id),
                access: conn.access,
              },
            };
      if (state && JSON.stringify(state).length > this.deps.limits.maxAwarenessBytes) continue;
      accepted.push({ ...entry, state });
    }
    if (accepted.length)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(accepted), conn);
  }

  /** Removes a client; its awareness states disappear for everyone. */
  leave(conn: ClientConnection) {
    this.connections.delete(conn);
    const ids = [...conn.clientIds];
    for (const id of ids) this.awarenessOwners.delete(id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /** Applies a change made by the server for a user (e.g. a version restore); persisted and relayed. */
  applyServerChange(change: (doc: Y.Doc) => void, authorId: string | null) {
    const origin: ChangeOrigin = { kind: 'server', authorId };
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array) => updates.push(update);
    // Listening only during this transaction: client updates are stored as received instead.
    this.doc.on('update', collect);
    try {
      this.doc.transact(() => change(this.doc), origin);
    } finally {
      this.doc.off('update', collect);
    }
    for (const update of updates) this.persist(update, origin);
  }

  /** Resolves when every change so far is committed and projected. */
  async flushed(): Promise<void> {
    // This room's own last commit: waiting for the whole writer would stall on other documents' load.
    await this.lastWrite.catch(() => undefined);
    await this.projecting;
    await this.compacting;
  }

  /** Flushes and releases memory. */
  async unload(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.flushed();
    if (this.compactionTimer) clearTimeout(this.compactionTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    // The deferred compaction may have started while flushing.
    await this.compacting;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Updates of one room in one group commit, relayed together once it committed. */
interface RelayGroup {
  commit: Promise<void>;
  updates: Uint8Array[];
  /** Who caused the first update; `mixed` once another origin joined. */
  source: ChangeOrigin;
  mixed: boolean;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch {
    throw new MalformedMessageError('payload');
  }
}
