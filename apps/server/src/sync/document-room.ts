import { CLOSE_CODES } from '@quartierplan/collab';
import type { CommittedSeqs, DocumentRow, Sql } from '@quartierplan/db';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocumentBus, DocumentBusListener } from './cluster/document-bus.ts';
import { LogPosition } from './cluster/log-position.ts';
import type { SyncLimits } from './limits.ts';
import { Compactor } from './persistence/compactor.ts';
import { inspectUpdate, type DocumentStore } from './persistence/document-store.ts';
import { NeedsProjector } from './persistence/needs-projection.ts';
import type { UpdateWriter } from './persistence/update-writer.ts';
import { MalformedMessageError, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts';
import { RoomAwareness } from './room-awareness.ts';
import type { RoomClient } from './room-client.ts';

/** Who caused a change to the document: a client, or the server acting for a user (restore). */
export type ChangeOrigin = RoomClient | { kind: 'server'; authorId: string | null };

/**
 * Decides, against the room's current document, whether a client's update may be applied (a commenter's:
 * suggestions only). Refused updates are not applied at all and the client is closed with 4422.
 */
export type UpdateReview = (
  doc: Y.Doc,
  payload: Uint8Array,
  conn: RoomClient,
) => { allowed: true } | { allowed: false; reason: string };

export interface RoomDeps<C extends RoomClient> {
  sql: Sql;
  store: Pick<DocumentStore, 'load' | 'initialise' | 'compact' | 'readLog' | 'lastSeq'>;
  writer: Pick<UpdateWriter, 'append'>;
  /** The other instances (null when this is the only one). */
  bus: DocumentBus | null;
  limits: SyncLimits;
  log: Logger;
  /** A commit of this room failed: it must be retired at once, so reconnecting clients load a fresh one. */
  onPersistenceFailure: (room: DocumentRoom<C>) => void;
}

// Applied-but-uncommitted updates a room may hold. Beyond it, writers wait for the commit, so a
// flood cannot build a backlog that a newly connecting client's sync step 2 would have to wait for.
const MAX_PENDING_WRITES = 256;

/**
 * How long after a restore the editors' updates are also applied to the state before it. An
 * update typed before its editor received the restore arrives within this window (a reconnecting
 * editor's arrives at once; the unload settles the window early if everyone left).
 */
const CONCURRENT_WINDOW_MS = 10_000;

/**
 * How long a gap in the log numbers may stay open before the room reads it from the database: the
 * missing update is usually a Redis message still on its way.
 */
const GAP_GRACE_MS = 50;
/** Updates from other instances kept while the room is still loading (beyond: read from the log). */
const MAX_EARLY_UPDATES = 1_000;

/**
 * A room's document until it loaded, shared by every room: no message is handled before then, and a Y.Doc
 * of its own per room would cost a draw from the system's random source (its client id) for nothing.
 */
const NOT_LOADED = new Y.Doc();

/** Transaction origin of updates another instance committed (applied, relayed, never stored again). */
const REMOTE_ORIGIN = Symbol('other-instance');

/**
 * One loaded document and its connected clients: loads once; every change is written to the
 * update log and relayed only after the commit; sync step 2 waits for pending commits, so no
 * client ever sees state the database does not have; unloads once everything is stored. What a
 * client's message means is `message-receiver.ts`'s job; who is here, `RoomAwareness`'s.
 */
export class DocumentRoom<C extends RoomClient = RoomClient> implements DocumentBusListener {
  readonly connections = new Set<C>();
  /** Empty until the room loaded; then the stored document. */
  doc: Y.Doc;
  /** Who is here; made once the document loaded (nobody's messages are handled before). */
  private presence: RoomAwareness | null = null;
  readonly ready: Promise<void>;
  /** Set while the room flushes and unloads; a new connection waits for it and opens a fresh room. */
  closing: Promise<void> | null = null;

  private lastWrite: Promise<unknown> = Promise.resolve();
  private pendingWrites = 0;
  /** The updates waiting for the batch commit that was appended to last. */
  private openGroup: RelayGroup | null = null;
  private storedBytes = 0;
  private compactor: Compactor | null = null;
  private projector: NeedsProjector | null = null;
  private loaded = false;
  /** A commit failed: the document holds changes the database lacks, so the room serves nothing more. */
  private failed = false;
  /** The state before the last restore, collecting edits made concurrently with it. */
  private shadow: ConcurrentShadow | null = null;
  private shadowSaves: Promise<void> = Promise.resolve();
  /** Which numbers of the document's log the in-memory document holds. */
  private position = new LogPosition(0);
  /** The highest log number another instance announced (it may not have arrived yet). */
  private announcedSeq = 0;
  /** Other instances' updates that arrived while loading. */
  private early: { from: number; to: number; update: Uint8Array }[] = [];
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private gapTimer: NodeJS.Timeout | null = null;
  private unloading = false;

  constructor(
    readonly document: DocumentRow,
    private readonly deps: RoomDeps<C>,
  ) {
    this.doc = NOT_LOADED;
    this.ready = this.load();
  }

  get awareness(): RoomAwareness {
    if (!this.presence) throw new Error('the room has not loaded yet');
    return this.presence;
  }

  get id(): string {
    return this.document.id;
  }

  /** Whether the stored state is loaded (messages before that wait for `ready`). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Whether a commit failed: the room then answers nothing more and is being replaced. */
  get hasFailed(): boolean {
    return this.failed;
  }

  /** Whether `unload()` began: a room unloads once. */
  get isUnloading(): boolean {
    return this.unloading;
  }

  private async load(): Promise<void> {
    const { store, log, limits, bus } = this.deps;
    // Subscribed before reading, so whatever commits after the read is heard (or is a gap).
    await bus?.join(this.id, this);
    const loaded = await store.load(this.id);
    if (loaded.quarantined.length) {
      log.error({ documentId: this.id, quarantined: loaded.quarantined }, 'undecodable updates quarantined');
    }
    this.doc = loaded.doc;
    this.compactor = new Compactor(store, this.id, limits, log, loaded.updatesSinceSnapshot);
    // A long log (e.g. compaction kept failing before a restart) is folded right away.
    this.compactor.maybeCompact();
    this.storedBytes = loaded.storedBytes;
    this.position = new LogPosition(loaded.lastSeq);
    // Only a document never initialised needs the transaction that claims it.
    const initial = loaded.initialised ? null : await store.initialise(this.id, this.document.kind);
    if (initial) {
      Y.applyUpdate(this.doc, initial.update);
      this.position.add(initial.seq, initial.seq);
      bus?.publishUpdates(this.id, initial.seq, initial.seq, initial.update);
    }
    const publish = bus ? (update: Uint8Array) => bus.publishAwareness(this.id, update) : null;
    this.presence = new RoomAwareness(this.doc, this.connections, limits.maxAwarenessBytes, publish);
    if (this.document.kind === 'needs') {
      const seq = () => this.position.through;
      this.projector = new NeedsProjector(this.deps.sql, this.id, this.doc, seq, loaded.projectedSeq, log);
      // The table lags the log only after a crash between a commit and its projection.
      if (loaded.projectedSeq !== loaded.lastSeq) this.projector.schedule();
    }
    this.loaded = true;
    for (const { from, to, update } of this.early.splice(0)) this.receiveUpdates(from, to, update);
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
        (committed) => this.relay(opened, committed.get(this.id)),
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
  private relay(group: RelayGroup, lastSeq: number | undefined) {
    if (this.openGroup === group) this.openGroup = null;
    const { updates } = group;
    this.pendingWrites -= updates.length;
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    const message = encodeUpdate(update);
    // A client gets its own changes back only when they are merged with others' (applying is a no-op).
    const onlySource = group.mixed ? undefined : group.source;
    for (const conn of this.connections) if (conn !== onlySource) conn.send(message);
    // The group's rows are this document's only rows in its batch, numbered in append order.
    if (lastSeq !== undefined) {
      const from = lastSeq - updates.length + 1;
      this.position.add(from, lastSeq);
      this.deps.bus?.publishUpdates(this.id, from, lastSeq, update);
      if (this.position.hasGap) this.scheduleGapCheck();
    }
    this.compactor?.stored(updates.length);
    this.projector?.committed();
  }

  /**
   * Updates another instance committed: applied and relayed to this instance's clients at once
   * (Yjs needs no order; an update whose dependencies are missing waits inside the document).
   * Numbers below them that have not arrived are read from the log if they do not follow soon.
   */
  receiveUpdates(from: number, to: number, update: Uint8Array): void {
    if (this.unloading || this.failed) return;
    if (!this.loaded) {
      if (this.early.length < MAX_EARLY_UPDATES) this.early.push({ from, to, update });
      this.announcedSeq = Math.max(this.announcedSeq, to);
      return;
    }
    if (this.position.holds(from, to)) return;
    if (!this.applyCommitted(update)) {
      void this.catchUp();
      return;
    }
    this.position.add(from, to);
    if (this.position.hasGap) this.scheduleGapCheck();
  }

  /** Another instance's presence changes, for this instance's clients. */
  receiveAwareness(update: Uint8Array): void {
    if (this.loaded && !this.unloading) this.awareness.applyRemote(update);
  }

  /** The log reached `seq` (a NOTIFY while Redis is away, or the periodic check). */
  noticeLastSeq(seq: number): void {
    this.announcedSeq = Math.max(this.announcedSeq, seq);
    if (this.loaded && this.isBehind) this.scheduleGapCheck();
  }

  private get isBehind(): boolean {
    return this.position.hasGap || this.announcedSeq > this.position.through;
  }

  /**
   * Reads the log if what is missing now is still missing after the grace. Under steady typing on
   * several instances new gaps open all the time and close within milliseconds; only a gap that
   * outlives the grace is read, not whichever gap happens to be open at that moment.
   */
  private scheduleGapCheck() {
    if (this.gapTimer || this.unloading) return;
    const target = Math.max(this.position.highest, this.announcedSeq);
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.position.through < target) void this.catchUp();
      else if (this.isBehind) this.scheduleGapCheck();
    }, GAP_GRACE_MS);
    this.gapTimer.unref();
  }

  /** Applies committed updates from elsewhere and relays them to this instance's clients. */
  private applyCommitted(update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (error) {
      this.deps.log.warn({ err: error, documentId: this.id }, 'update from another instance not applied');
      return false;
    }
    // Counts toward the document's size limit like this instance's own writes.
    this.storedBytes += update.byteLength;
    const message = encodeUpdate(update);
    for (const conn of this.connections) conn.send(message);
    this.applyToShadow(update);
    this.projector?.committed();
    return true;
  }

  /**
   * Reads from the log whatever this room lacks (missed messages, a gap, everything while Redis
   * was away), applies and relays it. One read at a time; a request meanwhile reads again after.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        await this.readMissing();
      } while (this.catchUpAgain && !this.unloading);
    })()
      .catch((error: unknown) =>
        this.deps.log.error({ err: error, documentId: this.id }, 'catching up failed'),
      )
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  private async readMissing() {
    const { snapshot, updates, lastSeq } = await this.deps.store.readLog(this.id, this.position.through);
    if (this.unloading || this.failed) return;
    // A snapshot folded rows this room never saw: merging it in is idempotent (Yjs), so it is applied whole.
    const missing = snapshot ? [snapshot.state] : [];
    for (const row of updates) if (!this.position.holds(row.seq, row.seq)) missing.push(row.data);
    // One frame for the clients; if the merge refuses a row, row by row (the load quarantines it later).
    let merged: Uint8Array | null = null;
    try {
      merged = missing.length > 1 ? Y.mergeUpdates(missing) : (missing[0] ?? null);
    } catch {
      for (const update of missing) this.applyCommitted(update);
    }
    if (merged) this.applyCommitted(merged);
    this.position.advanceTo(lastSeq);
    this.announcedSeq = Math.max(this.announcedSeq, lastSeq);
  }

  /**
   * With other instances: reads the log up to its current end first, so what a client is sent
   * (sync step 2, server-side work) includes everything committed anywhere before it asked.
   */
  async catchUpWithLog(): Promise<void> {
    if (!this.deps.bus || this.failed) return;
    try {
      this.noticeLastSeq(await this.deps.store.lastSeq(this.id));
    } catch (error) {
      this.deps.log.warn({ err: error, documentId: this.id }, 'reading the log position failed');
      return;
    }
    if (this.isBehind) await this.catchUp();
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

  /** Called once the client is admitted and the room is loaded. */
  welcome(conn: C) {
    conn.send(encodeSyncStep1(this.doc));
    if (!this.awareness.isEmpty) conn.send(this.awareness.allStates());
  }

  /**
   * Answers with stored state only. Every change applied so far is in a commit up to `lastWrite`,
   * so the answer is built now and sent once that committed; built later, it could carry changes
   * that arrived meanwhile and are not committed yet.
   */
  async answerSyncStep1(conn: C, stateVector: Uint8Array) {
    // Only with other instances: alone, the answer is built at once from what this room holds.
    if (this.deps.bus) await this.catchUpWithLog();
    const committed = this.lastWrite;
    const message = encodeSyncStep2(this.doc, stateVector);
    const stored = await committed.then(
      () => true,
      () => false,
    );
    if (stored && !this.failed) conn.send(message);
  }

  /**
   * Applies an editor's update, then stores and relays it. Returns a promise only when the room
   * holds too many uncommitted updates and the update has to wait for a commit first.
   */
  applyClientUpdate(conn: C, payload: Uint8Array, review?: UpdateReview): Promise<void> | void {
    if (this.pendingWrites >= MAX_PENDING_WRITES) return this.applyAfterBackpressure(conn, payload, review);
    this.apply(conn, payload, review);
  }

  private async applyAfterBackpressure(conn: C, payload: Uint8Array, review?: UpdateReview) {
    while (this.pendingWrites >= MAX_PENDING_WRITES) await this.lastWrite.catch(() => undefined);
    this.apply(conn, payload, review);
  }

  private apply(conn: C, payload: Uint8Array, review?: UpdateReview) {
    if (this.storedBytes + payload.byteLength > this.deps.limits.maxDocumentBytes) {
      conn.close(CLOSE_CODES.documentTooLarge, 'Dokument zu groß');
      return;
    }
    const content = inspectUpdate(payload);
    if (content === 'malformed') throw new MalformedMessageError('update');
    if (content === 'empty') return;
    // Reviewed against the document as it is now, after any wait above, so nothing slips in between.
    const verdict = review?.(this.doc, payload, conn);
    if (verdict && !verdict.allowed) {
      this.deps.log.info(
        { documentId: this.id, userId: conn.user.id, reason: verdict.reason },
        'commenter update refused',
      );
      conn.close(CLOSE_CODES.directEditRefused, 'Nur Vorschläge erlaubt');
      return;
    }
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
    this.applyToShadow(payload);
  }

  /**
   * An update typed before its editor received a restore integrates into content the restore
   * deleted, so it is invisible in the document. Applied to the state before the restore, it
   * shows; updates that follow the restore stay pending there (their dependencies are missing).
   */
  private applyToShadow(payload: Uint8Array) {
    const shadow = this.shadow;
    if (!shadow) return;
    try {
      Y.applyUpdate(shadow.doc, payload);
    } catch (error) {
      // The document accepted it; the shadow is only a second copy, so it must not refuse the editor.
      this.deps.log.warn({ err: error, documentId: this.id }, 'update not applied to the pre-restore state');
    }
  }

  /**
   * Keeps edits made concurrently with a restore: from now on, for a while and until unload,
   * every editor update is also applied to `before` (the state the restore replaced), and the
   * result is handed to `save` when the window ends.
   */
  keepConcurrentEdits(before: Uint8Array, save: (state: Uint8Array) => Promise<void>): void {
    this.settleShadow();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, before);
    const timer = setTimeout(() => this.settleShadow(), CONCURRENT_WINDOW_MS);
    timer.unref();
    this.shadow = { doc, save, timer };
  }

  private settleShadow() {
    const shadow = this.shadow;
    if (!shadow) return;
    this.shadow = null;
    clearTimeout(shadow.timer);
    const state = Y.encodeStateAsUpdate(shadow.doc);
    this.shadowSaves = this.shadowSaves
      .then(() => shadow.save(state))
      .catch((error: unknown) =>
        this.deps.log.error({ err: error, documentId: this.id }, 'storing concurrent edits failed'),
      );
    shadow.doc.destroy();
  }

  /** Removes a client; its awareness states disappear for everyone. */
  leave(conn: C) {
    this.connections.delete(conn);
    this.presence?.leave(conn);
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
    await this.projector?.idle();
    await this.compactor?.idle();
    await this.shadowSaves;
  }

  /** Flushes and releases memory. */
  async unload(): Promise<void> {
    this.unloading = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.deps.bus?.leave(this.id, this);
    await this.ready.catch(() => undefined);
    this.settleShadow();
    await this.flushed();
    if (!this.failed) await this.projector?.close();
    this.compactor?.stop();
    // The deferred compaction may have started while flushing.
    await this.compactor?.idle();
    this.presence?.destroy();
    if (this.doc !== NOT_LOADED) this.doc.destroy();
  }
}

/** Updates of one room in one group commit, relayed together once it committed. */
interface RelayGroup {
  commit: Promise<CommittedSeqs>;
  updates: Uint8Array[];
  /** Who caused the first update; `mixed` once another origin joined. */
  source: ChangeOrigin;
  mixed: boolean;
}

/** The state before a restore and what to do with it once the concurrent window ends. */
interface ConcurrentShadow {
  doc: Y.Doc;
  save: (state: Uint8Array) => Promise<void>;
  timer: ReturnType<typeof setTimeout>;
}
