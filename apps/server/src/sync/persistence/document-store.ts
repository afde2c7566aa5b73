import { documentStoreRepository, type Sql, type StoredUpdate } from '@quartierplan/db';
import * as Y from 'yjs';
import { writeActionPlanTemplate } from '@quartierplan/collab';
import type { DocumentKind } from '@quartierplan/domain';

/** Transaction origin of changes the store itself applies (loading), so they are not stored again. */
export const STORE_ORIGIN = Symbol('document-store');

export interface LoadedDocument {
  doc: Y.Doc;
  /** Updates in the log after the snapshot (drives compaction). */
  updatesSinceSnapshot: number;
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

  constructor(private readonly sql: Sql) {
    this.repo = documentStoreRepository(sql);
  }

  async load(documentId: string): Promise<LoadedDocument> {
    // One snapshot of the database for both reads: a compaction committing between them would
    // otherwise delete rows the older snapshot still needs.
    const { snapshot, updates } = await this.sql.begin(
      'isolation level repeatable read read only',
      async (tx) => {
        const repo = documentStoreRepository(tx);
        const snapshot = await repo.snapshot(documentId);
        return { snapshot, updates: await repo.updatesAfter(documentId, snapshot?.lastUpdateId ?? '0') };
      },
    );
    const { doc, bad } = this.rebuild(snapshot?.state ?? null, updates);
    for (const id of bad) await this.repo.quarantine(id, 'Yjs-Update lässt sich nicht dekodieren');
    return { doc, updatesSinceSnapshot: updates.length - bad.length, quarantined: bad };
  }

  /**
   * Snapshot + log as a document. Fast path: every row was validated when it was stored, so apply
   * without decoding twice, all in one transaction (observers and cleanup run once; 100k rows take
   * tens of ms). If something no longer decodes, start over checking each row; `bad` lists the
   * rows that were skipped.
   */
  private rebuild(state: Uint8Array | null, updates: StoredUpdate[]): { doc: Y.Doc; bad: string[] } {
    try {
      return this.fromLog(state, updates, false);
    } catch {
      return this.fromLog(state, updates, true);
    }
  }

  private fromLog(state: Uint8Array | null, updates: StoredUpdate[], checked: boolean) {
    const doc = new Y.Doc({ gc: true });
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

  /**
   * Gives a new document its initial content exactly once across all instances: the template
   * row and the "initialised" mark are written in one transaction by whoever claims it first.
   * Returns the update to apply to the loaded document, or null.
   */
  async initialise(documentId: string, kind: DocumentKind): Promise<Uint8Array | null> {
    const scratch = new Y.Doc();
    if (kind === 'action_plan') writeActionPlanTemplate(scratch);
    const update = Y.encodeStateAsUpdate(scratch);
    const hasContent = kind === 'action_plan';
    return this.sql.begin(async (tx) => {
      const repo = documentStoreRepository(tx);
      if (!(await repo.claimInitialisation(documentId))) return null;
      if (hasContent) await repo.append([{ documentId, data: update, authorId: null }]);
      return hasContent ? update : null;
    });
  }

  /**
   * Folds the log into the snapshot. Reads outside the transaction; inside it, under a
   * per-document advisory lock, checks the snapshot is still the one it started from (two
   * compactions must not overwrite a newer snapshot with an older one), then replaces the
   * snapshot and deletes exactly the folded rows. Updates appended meanwhile have larger ids
   * and stay. Returns the number of folded updates.
   */
  async compact(documentId: string): Promise<number> {
    const snapshot = await this.repo.snapshot(documentId);
    const base = snapshot?.lastUpdateId ?? '0';
    const updates = await this.repo.updatesAfter(documentId, base);
    if (updates.length === 0) return 0;
    // Undecodable rows are left out of the snapshot (and deleted with the folded rows), as before.
    const { doc } = this.rebuild(snapshot?.state ?? null, updates);
    const state = Y.encodeStateAsUpdate(doc);
    const stateVector = Y.encodeStateVector(doc);
    const lastUpdateId = updates.at(-1)!.id;
    doc.destroy();
    return this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${documentId}))`;
      const current = await documentStoreRepository(tx).snapshot(documentId);
      if ((current?.lastUpdateId ?? '0') !== base) return 0;
      await documentStoreRepository(tx).replaceSnapshot(documentId, { state, stateVector, lastUpdateId });
      return updates.length;
    });
  }
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
