import { setTimeout as sleep } from 'node:timers/promises';
import { documentStoreRepository, type CommittedSeqs, type NewUpdate, type Sql } from '@quartierplan/db';

interface Batch {
  updates: NewUpdate[];
  /**
   * Settles once the batch's INSERT committed (with each document's last log number) or failed;
   * shared by every update in the batch.
   */
  commit: Promise<CommittedSeqs>;
  resolve: (committed: CommittedSeqs) => void;
  reject: (error: unknown) => void;
}

// Under sustained load a batch waits this long, unless it already holds this many updates (see drain()).
const FILL_TARGET = 32;
const FILL_DELAY_MS = 1;

/**
 * Group commit for the update log. Updates that arrive while a write is in flight wait and go
 * into the next INSERT together, so one round trip covers many keystrokes of many documents.
 * Each `append()` resolves only after its row is committed (persist-before-relay), and
 * promises resolve in the order the updates were appended.
 */
export class UpdateWriter {
  /** Batches not yet written, oldest first; only the last one still takes updates. */
  private readonly queue: Batch[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly maxBatch = 1000,
  ) {}

  /**
   * Queues an update and returns the commit of the batch it joined. Updates of one batch get the
   * same promise object (one promise per INSERT, not per keystroke), so a caller can recognise
   * them and react once per batch. Batches are written one after the other, so their promises
   * settle in append order.
   */
  append(update: NewUpdate): Promise<CommittedSeqs> {
    let batch = this.queue.at(-1);
    if (!batch || batch.updates.length >= this.maxBatch) {
      let resolve!: (committed: CommittedSeqs) => void;
      let reject!: (error: unknown) => void;
      const commit = new Promise<CommittedSeqs>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = { updates: [], commit, resolve, reject };
      this.queue.push(batch);
    }
    batch.updates.push(update);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return batch.commit;
  }

  /** Resolves once everything appended so far is committed (or has failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    // Let the current tick's updates join the first batch.
    await Promise.resolve();
    let previousSize = 0;
    while (this.queue.length > 0) {
      // Under sustained load (the previous INSERT carried several updates) the next one gets a
      // moment to fill: each INSERT and each relay of a group costs more than the updates in it.
      // A lone keystroke never waits.
      if (previousSize > 1 && this.queue[0]!.updates.length < FILL_TARGET) await sleep(FILL_DELAY_MS);
      // Taking the batch out of the queue closes it: updates appended from now on start the next.
      const batch = this.queue.shift()!;
      previousSize = batch.updates.length;
      try {
        batch.resolve(await documentStoreRepository(this.sql).append(batch.updates));
      } catch (error) {
        batch.reject(error);
      }
    }
  }
}
