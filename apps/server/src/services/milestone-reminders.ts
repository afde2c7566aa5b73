import { milestoneRepository, notificationRepository } from '@quartierplan/db';
import {
  MILESTONE_DUE_REMINDER_DAYS,
  localToday,
  milestoneDaysLate,
  milestoneDueWithin,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';

const HOUR_MS = 3_600_000;

/** What one run wrote. */
export interface MilestoneReminderReport {
  due: number;
  late: number;
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Reminds each open milestone's responsible account once when it falls due within
 * `MILESTONE_DUE_REMINDER_DAYS` of `today` and once when it is late (domain `milestoneDaysLate`), as in-app
 * notifications. The unique index (user, milestone, kind) makes runs idempotent, also on several instances.
 */
export async function runMilestoneReminders(
  context: Pick<AppContext, 'sql'>,
  today = localToday(),
): Promise<MilestoneReminderReport> {
  const candidates = await milestoneRepository(context.sql).reminderCandidates(
    addDays(today, MILESTONE_DUE_REMINDER_DAYS),
  );
  const notifications = notificationRepository(context.sql);
  const report: MilestoneReminderReport = { due: 0, late: 0 };
  for (const milestone of candidates) {
    const kind =
      milestoneDaysLate(milestone, today) > 0
        ? 'milestone_late'
        : milestoneDueWithin(milestone, today, MILESTONE_DUE_REMINDER_DAYS)
          ? 'milestone_due'
          : null;
    if (!kind) continue;
    const written = await notifications.insertReminder({
      userId: milestone.userId,
      milestoneId: milestone.milestoneId,
      kind,
    });
    if (written) report[kind === 'milestone_late' ? 'late' : 'due'] += 1;
  }
  return report;
}

/** The running job; `stop()` cancels the timer and waits for a run in progress. */
export interface MilestoneReminderJob {
  stop(): Promise<void>;
}

/** Runs the reminders now and then hourly in this process (main.ts). */
export function startMilestoneReminders(context: Pick<AppContext, 'sql' | 'logger'>): MilestoneReminderJob {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runMilestoneReminders(context).then(
      (report) => {
        if (report.due + report.late > 0) context.logger.info(report, 'milestone reminders');
      },
      (error: unknown) => context.logger.error({ err: error }, 'milestone reminders failed'),
    );
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
