import type { DocumentRow } from '@quartierplan/db';
import type * as Y from 'yjs';

/** A loaded collaborative document, as server-side work (versions, prefill) sees it. */
export interface LiveDocument {
  readonly doc: Y.Doc;
  /** Resolves when every change applied so far is committed. */
  flushed(): Promise<void>;
  /** Applies a change made by the server for a user; stored and relayed like a client's change. */
  applyServerChange(change: (doc: Y.Doc) => void, authorId: string | null): void;
  /**
   * After a change that replaced content: applies editors' updates to `before` too for a while,
   * and hands the result to `save`, so edits made concurrently with the change are kept there.
   */
  keepConcurrentEdits(before: Uint8Array, save: (state: Uint8Array) => Promise<void>): void;
}

/**
 * The documents the sync engine holds in memory. Services use a document through it, so what
 * they read includes every change clients made, and what they change reaches every client.
 */
export interface LiveDocuments {
  /** Runs `work` on the loaded document (loading it if needed) and unloads it again when idle. */
  withRoom<T>(document: DocumentRow, work: (room: LiveDocument) => Promise<T>): Promise<T>;
  /**
   * Folds the document's update log into its snapshot (loaded or not; safe beside the room's own
   * compaction). The snapshot keeps no authorship, so the folded rows' author ids are gone. Returns how
   * many rows it folded.
   */
  compact(documentId: string): Promise<number>;
}
