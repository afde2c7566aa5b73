import type { Logger } from 'pino';
import type { SyncLimits } from '../limits.ts';
import type { DocumentStore } from './document-store.ts';

/**
 * Folds one document's update log into its snapshot in the background once the log passed the
 * threshold, at most once per interval: the log may grow past the threshold while people type
 * fast, which loading absorbs easily (100k rows load in well under a second), while compacting
 * 500 rows at a time would re-encode the whole document over and over.
 */
export class Compactor {
  private running: Promise<void> | null = null;
  private lastRunAt = -Infinity;
  /** A compaction deferred by the interval; runs even if no further update arrives. */
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Pick<DocumentStore, 'compact'>,
    private readonly documentId: string,
    private readonly limits: Pick<SyncLimits, 'compactionThreshold' | 'compactionIntervalMs'>,
    private readonly log: Logger,
    /** Log rows after the snapshot when the document was loaded. */
    private updatesSinceSnapshot: number,
  ) {}

  /** Counts committed updates and compacts when due. */
  stored(count: number) {
    this.updatesSinceSnapshot += count;
    this.maybeCompact();
  }

  maybeCompact() {
    const { compactionThreshold, compactionIntervalMs } = this.limits;
    if (this.updatesSinceSnapshot < compactionThreshold || this.running || this.timer) return;
    const wait = this.lastRunAt + compactionIntervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.maybeCompact();
      }, wait);
      this.timer.unref();
      return;
    }
    this.lastRunAt = performance.now();
    this.running = this.store
      .compact(this.documentId)
      .then((folded) => {
        this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - folded);
      })
      .catch((error: unknown) =>
        this.log.error({ err: error, documentId: this.documentId }, 'compaction failed'),
      )
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves when the running compaction (if any) finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** No deferred compaction starts any more; one already running is awaited with `idle()`. */
  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
