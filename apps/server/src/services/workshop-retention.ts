import { workshopRetentionRepository } from '@quartierplan/db';
import type { AppContext } from '../context.ts';

/** Workshops anonymised per transaction: a long backlog never holds one long transaction. */
const BATCH = 50;
const HOURLY_MS = 3_600_000;

/**
 * Removes the personal data of every workshop closed more than `WORKSHOP_RETENTION_DAYS` ago
 * (guests with their sessions and card authorship, names members gave); cards and round results
 * stay. Safe to run on several instances at once and again at any time. Returns how many
 * workshops it anonymised.
 */
export async function anonymiseExpiredWorkshops(
  context: Pick<AppContext, 'sql' | 'config'>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await context.sql.begin(async (tx) => {
      const repository = workshopRetentionRepository(tx);
      const ids = await repository.lockDue(context.config.workshopRetentionDays, BATCH);
      if (ids.length > 0) await repository.anonymise(ids);
      return ids.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

/** The running job; `stop()` cancels the timer and waits for a run in progress. */
export interface RetentionJob {
  stop(): Promise<void>;
}

/** Runs the retention job now and then hourly in this process. */
export function startWorkshopRetention(context: Pick<AppContext, 'sql' | 'config' | 'logger'>): RetentionJob {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = anonymiseExpiredWorkshops(context).then(
      (anonymised) => {
        if (anonymised > 0) context.logger.info({ anonymised }, 'workshops anonymised (retention)');
      },
      (error: unknown) => context.logger.error({ err: error }, 'workshop retention failed'),
    );
  };
  run();
  const timer = setInterval(run, HOURLY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
