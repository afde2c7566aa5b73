import {
  WORKSHOP_ROUNDS_MAP,
  latestDots,
  needsArray,
  readNeeds,
  readRoundSummaries,
} from '@quartierplan/collab';
import { needRepository, type Sql } from '@quartierplan/db';
import { storableText, type ProjectedNeed } from '@quartierplan/domain';
import type { Logger } from 'pino';
import type * as Y from 'yjs';

/**
 * The needs of a document as table rows; `votes` is the need's result in the latest workshop
 * round it was on the ballot of (or the old in-document votes summed). Shared text may hold what PostgreSQL
 * cannot store (NUL, from a client that is not ours): it is repaired, so one odd character never
 * stops the projection of the whole list.
 */
export function needRows(doc: Y.Doc): ProjectedNeed[] {
  const rounds = readRoundSummaries(doc);
  return readNeeds(doc).map((need) => ({
    id: storableText(need.id),
    title: storableText(need.title),
    description: storableText(need.description),
    targetGroup: storableText(need.targetGroup),
    source: need.source,
    priority: need.priority,
    status: need.status,
    votes: latestDots(need, rounds) ?? 0,
    createdBy: need.createdBy === null ? null : storableText(need.createdBy),
    createdAt: need.createdAt === null ? null : storableText(need.createdAt),
  }));
}

/**
 * Rewrites the projection of one needs document from its current state, which holds its log up to
 * number `seq`, in one transaction.
 */
export async function projectNeeds(sql: Sql, documentId: string, doc: Y.Doc, seq: number): Promise<void> {
  const rows = needRows(doc);
  await sql.begin((tx) => needRepository(tx).replaceForDocument(documentId, rows, seq));
}

// While needs change continuously, the table is rewritten at most this often.
const PROJECTION_INTERVAL_MS = 100;

/**
 * Keeps the needs table of one loaded needs document current: re-projects after commits that
 * changed the needs list; runs are coalesced, one at a time, at most every 100 ms.
 */
export class NeedsProjector {
  private projecting: Promise<void> | null = null;
  private again = false;
  private changed = false;

  constructor(
    private readonly sql: Sql,
    private readonly documentId: string,
    private readonly doc: Y.Doc,
    /** The log number the document holds every update up to. */
    private readonly seq: () => number,
    /** The log number the table was projected at, as stored (see migration 0025). */
    private projectedSeq: number,
    private readonly log: Logger,
  ) {
    // Only changes to the needs list make the table stale (not, say, stray root types); a
    // closed round's summary changes which result is the latest.
    needsArray(doc).observeDeep(() => {
      this.changed = true;
    });
    doc.getMap(WORKSHOP_ROUNDS_MAP).observe(() => {
      this.changed = true;
    });
  }

  /** After a commit: re-projects if the needs list changed since the last run. */
  committed() {
    if (this.changed) this.schedule();
  }

  schedule() {
    if (this.projecting) {
      this.again = true;
      return;
    }
    this.projecting = (async () => {
      do {
        this.again = false;
        this.changed = false;
        const seq = this.seq();
        await projectNeeds(this.sql, this.documentId, this.doc, seq).then(
          () => {
            this.projectedSeq = seq;
          },
          (error: unknown) => {
            // The table is stale until a later run succeeds.
            this.changed = true;
            this.log.error({ err: error, documentId: this.documentId }, 'needs projection failed');
          },
        );
        if (this.again) await new Promise((resolve) => setTimeout(resolve, PROJECTION_INTERVAL_MS));
      } while (this.again);
    })().finally(() => {
      this.projecting = null;
    });
  }

  /** Resolves when the running projection (if any) finished. */
  async idle(): Promise<void> {
    await this.projecting;
  }

  /**
   * When the document unloads: if the needs did not change since the last projection that succeeded,
   * the table is true up to the document's last number (commits of anything else, such as a cursor
   * map or the action plan's text, leave it as it was), and is marked so. The next load then has
   * nothing to re-project; a crash skips this, and the next load re-projects.
   */
  async close(): Promise<void> {
    await this.projecting;
    const seq = this.seq();
    if (this.changed || seq <= this.projectedSeq) return;
    try {
      await needRepository(this.sql).markProjected(this.documentId, seq);
      this.projectedSeq = seq;
    } catch (error) {
      this.log.warn({ err: error, documentId: this.documentId }, 'marking the needs projection failed');
    }
  }
}
