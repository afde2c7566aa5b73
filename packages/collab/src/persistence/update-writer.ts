import { documentStoreRepository, type NewUpdate, type Sql } from '@quartierplan/db';

interface Pending extends NewUpdate {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the update log. Updates that arrive while a write is in flight wait and go
 * into the next INSERT together, so one round trip covers many keystrokes of many documents.
 * Each `append()` resolves only after its row is committed (persist-before-relay), and
 * promises resolve in the order the updates were appended.
 */
export class UpdateWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly maxBatch = 1000,
  ) {}

  append(update: NewUpdate): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...update, resolve, reject });
      this.running ??= this.drain().finally(() => {
        this.running = null;
      });
    });
  }

  /** Resolves once everything appended so far is committed (or has failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    // Let the current tick's updates join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await documentStoreRepository(this.sql).append(batch);
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  }
}
