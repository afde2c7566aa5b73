import {
  documentStoreRepository,
  type Snapshot,
  type Sql,
  type StoredLog,
  type StoredUpdate,
} from '@quartierplan/db';
import * as Y from 'yjs';
import { writeActionPlanTemplate } from '@quartierplan/collab';
import { BatchedLookup } from '../batched-lookup.ts';
import type { DocumentKind } from '@quartierplan/domain';

/** Transaction origin of changes the store itself applies (loading), so they are not stored again. */
export const STORE_ORIGIN = Symbol('document-store');

export interface LoadedDocument {
  doc: Y.Doc;
  /** The log number the document holds every update up to (what others relay continues from it). */
  lastSeq: number;
  /** Whether its initial content was written already (then `initialise` has nothing to do). */
  initialised: boolean;
  /** The log number its needs rows were projected at. */
  projectedSeq: number;
  /** Updates in the log after the snapshot (drives compaction). */
  updatesSinceSnapshot: number;
  /** Bytes of the snapshot and the rows after it: what the document's size limit counts. */
  storedBytes: number;
  /** Ids of rows moved to quarantine because they no longer decode. */
  quarantined: string[];
}

/**
 * Reads and compacts the stored form of a Yjs document: latest snapshot + later updates.
 * Every step that changes stored data is one transaction, so a crash at any point leaves
 * a loadable document and loses no update.
 */
export class DocumentStore {
  private readonly repo;
  /** Documents opening at the same moment (every client back after a restart) are read together. */
  private readonly logs: BatchedLookup<StoredLog>;

  constructor(private readonly sql: Sql) {
    this.repo = documentStoreRepository(sql);
    const repo = this.repo;
    this.logs = new BatchedLookup((ids) =>
      repo.readLogs(ids.map((documentId) => ({ documentId, afterSeq: 0 }))),
    );
  }

  async load(documentId: string): Promise<LoadedDocument> {
    const { snapshot, updates, lastSeq, initialised, projectedSeq } = (await this.logs.get(documentId))!;
    const { doc, bad } = this.rebuild(documentId, snapshot?.state ?? null, updates);
    for (const id of bad) await this.repo.quarantine(id, 'Yjs-Update lässt sich nicht dekodieren');
    let storedBytes = snapshot?.state.byteLength ?? 0;
    for (const update of updates) storedBytes += update.data.byteLength;
    return {
      doc,
      lastSeq,
      initialised,
      projectedSeq,
      updatesSinceSnapshot: updates.length - bad.length,
      storedBytes,
      quarantined: bad,
    };
  }

  /** What a loaded document lacks after log number `afterSeq` (see the repository's `readLog`). */
  readLog(documentId: string, afterSeq: number): Promise<StoredLog> {
    return this.repo.readLog(documentId, afterSeq);
  }

  /** The last committed log number of each document (one query for all loaded rooms). */
  lastSeqs(documentIds: readonly string[]): Promise<Map<string, number>> {
    return this.repo.lastSeqs(documentIds);
  }

  /** The document's last committed log number. */
  lastSeq(documentId: string): Promise<number> {
    return this.repo.lastSeq(documentId);
  }

  /**
   * Snapshot + log as a document. Fast path: every row was validated when it was stored, so apply
   * without decoding twice, all in one transaction (observers and cleanup run once; 100k rows take
   * tens of ms). If something no longer decodes, start over checking each row; `bad` lists the
   * rows that were skipped.
   */
  private rebuild(
    documentId: string,
    state: Uint8Array | null,
    updates: StoredUpdate[],
  ): { doc: Y.Doc; bad: string[] } {
    try {
      return fromLog(documentId, state, updates, false);
    } catch {
      return fromLog(documentId, state, updates, true);
    }
  }

  /**
   * Gives a new document its initial content exactly once across all instances: the template
   * row and the "initialised" mark are written in one transaction by whoever claims it first.
   * Returns the update to apply to the loaded document with its log number, or null.
   */
  async initialise(
    documentId: string,
    kind: DocumentKind,
  ): Promise<{ update: Uint8Array; seq: number } | null> {
    // Only action plans start with content (the template); other kinds have nothing to claim.
    if (kind !== 'action_plan') return null;
    const scratch = new Y.Doc({ guid: documentId });
    writeActionPlanTemplate(scratch);
    const update = Y.encodeStateAsUpdate(scratch);
    return this.sql.begin(async (tx) => {
      const repo = documentStoreRepository(tx);
      if (!(await repo.claimInitialisation(documentId))) return null;
      const committed = await repo.append([{ documentId, data: update, authorId: null }]);
      return { update, seq: committed.get(documentId)! };
    });
  }

  /** Folds the log into the snapshot; the number of folded updates (0 when another fold won). */
  async compact(documentId: string): Promise<number> {
    const fold = await this.prepareFold(documentId);
    return fold ? this.commitFold(fold) : 0;
  }

  /**
   * The first half of a compaction, outside any transaction: snapshot + log as one new state.
   * Its `baseSeq` is the fencing token: the fold may only replace the snapshot it was built on.
   */
  async prepareFold(documentId: string): Promise<Fold | null> {
    const snapshot = await this.repo.snapshot(documentId);
    const baseSeq = snapshot?.lastSeq ?? 0;
    const updates = await this.repo.updatesAfter(documentId, baseSeq);
    if (updates.length === 0) return null;
    // Undecodable rows are left out of the snapshot (and deleted with the folded rows), as before.
    const { doc } = this.rebuild(documentId, snapshot?.state ?? null, updates);
    const fold: Fold = {
      documentId,
      baseSeq,
      snapshot: {
        state: Y.encodeStateAsUpdate(doc),
        stateVector: Y.encodeStateVector(doc),
        lastSeq: updates.at(-1)!.seq,
      },
      folded: updates.length,
    };
    doc.destroy();
    return fold;
  }

  /**
   * The second half, in one transaction under the document's advisory lock (one writer of the
   * snapshot at a time, on any instance): writes the fold only if the snapshot is still the one
   * it was built on. A fold prepared by an instance that paused meanwhile (a long GC, a frozen VM)
   * finds a newer snapshot and is refused, so it can neither overwrite it with an older state nor
   * delete rows it never read. Rows appended meanwhile have higher numbers and stay.
   */
  async commitFold(fold: Fold): Promise<number> {
    return this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${fold.documentId}))`;
      const current = await documentStoreRepository(tx).snapshot(fold.documentId);
      if ((current?.lastSeq ?? 0) !== fold.baseSeq) return 0;
      await documentStoreRepository(tx).replaceSnapshot(fold.documentId, fold.snapshot);
      return fold.folded;
    });
  }
}

/** A compaction built but not yet written (see `prepareFold` and `commitFold`). */
export interface Fold {
  documentId: string;
  /** The snapshot's log number the fold was built on: its fencing token. */
  baseSeq: number;
  snapshot: Snapshot;
  folded: number;
}

/**
 * Decodes an update completely, so a malformed one is refused before it half-applies, and tells
 * whether it carries anything (a client's sync step 2 is often empty).
 */
export function inspectUpdate(update: Uint8Array): 'empty' | 'content' | 'malformed' {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0 ? 'empty' : 'content';
  } catch {
    return 'malformed';
  }
}

/**
 * A document from its stored form. Its guid is the document's id: Yjs would otherwise draw a random
 * uuid, 31 calls to the system's random source, for every document a server loads.
 */
function fromLog(documentId: string, state: Uint8Array | null, updates: StoredUpdate[], checked: boolean) {
  const doc = new Y.Doc({ gc: true, guid: documentId });
  const bad: string[] = [];
  if (state) Y.applyUpdate(doc, state, STORE_ORIGIN);
  doc.transact(() => {
    for (const update of updates) {
      if (!checked) Y.applyUpdate(doc, update.data, STORE_ORIGIN);
      else if (!applyIfDecodable(doc, update.data)) bad.push(update.id);
    }
  }, STORE_ORIGIN);
  return { doc, bad };
}

/** Applies a stored update; false when it does not decode (the document is left as it was). */
function applyIfDecodable(doc: Y.Doc, update: Uint8Array): boolean {
  if (inspectUpdate(update) === 'malformed') return false;
  try {
    Y.applyUpdate(doc, update, STORE_ORIGIN);
    return true;
  } catch {
    return false;
  }
}
