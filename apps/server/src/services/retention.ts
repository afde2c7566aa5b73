import { personalDataRepository, sessionRepository } from '@quartierplan/db';
import type { AppContext } from '../context.ts';
import type { LiveDocuments } from './live-documents.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Client addresses in the audit log are kept this long (logins, failed logins). */
export const AUDIT_ADDRESS_DAYS = 90;
/** A document with no change for this long has its update log folded into the snapshot. */
export const IDLE_DOCUMENT_HOURS = 1;
/** Log rows older than this are folded even in a document still being edited ("at least daily"). */
const OLDEST_LOG_ROW_HOURS = 24;
/** Documents compacted per query; the run repeats until none is due. */
const BATCH = 100;

/** What one retention run did. */
export interface RetentionReport {
  sessionsDeleted: number;
  throttleRowsPurged: number;
  auditAddressesCleared: number;
  documentsCompacted: number;
  updatesFolded: number;
  ms: number;
}

type RetentionContext = Pick<AppContext, 'sql' | 'throttle'>;

/**
 * The daily retention run: expired sessions deleted; expired login-throttle rows purged; client addresses
 * of audit events older than {@link AUDIT_ADDRESS_DAYS} days cleared (a sanctioned update of the append-only
 * log); documents idle for {@link IDLE_DOCUMENT_HOURS} h, or with log rows older than a day, compacted, so the
 * author ids of the update log are gone at the latest a day after the change. Safe on several instances at
 * once (compaction locks per document and skips a snapshot someone else replaced).
 */
export async function runRetention(
  context: RetentionContext,
  documents: Pick<LiveDocuments, 'compact'>,
  now = new Date(),
): Promise<RetentionReport> {
  const started = performance.now();
  const sessionsDeleted = await sessionRepository(context.sql).deleteExpired(now);
  const throttleRowsPurged = await context.throttle.purgeExpired(now);
  const auditAddressesCleared = await context.sql.begin(async (tx) => {
    const repo = personalDataRepository(tx);
    await repo.sanctionErasure();
    return repo.clearAuditAddresses(new Date(now.getTime() - AUDIT_ADDRESS_DAYS * DAY_MS));
  });
  const { documentsCompacted, updatesFolded } = await compactIdleDocuments(context, documents, now);
  return {
    sessionsDeleted,
    throttleRowsPurged,
    auditAddressesCleared,
    documentsCompacted,
    updatesFolded,
    ms: Math.round(performance.now() - started),
  };
}

/** Compacts every document whose log is due (see {@link runRetention}). */
export async function compactIdleDocuments(
  context: Pick<AppContext, 'sql'>,
  documents: Pick<LiveDocuments, 'compact'>,
  now = new Date(),
): Promise<{ documentsCompacted: number; updatesFolded: number }> {
  const repo = personalDataRepository(context.sql);
  const idleBefore = new Date(now.getTime() - IDLE_DOCUMENT_HOURS * HOUR_MS);
  const oldBefore = new Date(now.getTime() - OLDEST_LOG_ROW_HOURS * HOUR_MS);
  let documentsCompacted = 0;
  let updatesFolded = 0;
  const seen = new Set<string>();
  for (;;) {
    // A document compacted concurrently by its room may come back once; never loop on it.
    const due = (await repo.documentsDueForCompaction(idleBefore, oldBefore, BATCH)).filter(
      (id) => !seen.has(id),
    );
    if (due.length === 0) break;
    for (const id of due) {
      seen.add(id);
      const folded = await documents.compact(id);
      if (folded > 0) documentsCompacted += 1;
      updatesFolded += folded;
    }
  }
  return { documentsCompacted, updatesFolded };
}

/** The running job; `stop()` cancels the timer and waits for a run in progress. */
export interface DailyRetentionJob {
  stop(): Promise<void>;
}

/** Runs the retention now and then daily in this process (main.ts). */
export function startRetention(
  context: RetentionContext & Pick<AppContext, 'logger'>,
  documents: Pick<LiveDocuments, 'compact'>,
): DailyRetentionJob {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runRetention(context, documents).then(
      (report) => context.logger.info(report, 'retention run'),
      (error: unknown) => context.logger.error({ err: error }, 'retention failed'),
    );
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
