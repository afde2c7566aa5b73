import { berlinMinute } from '../berlin-time.ts';
import type { MilestoneStatus } from './schemas.ts';

/** What the lateness rule needs of a milestone. */
export interface MilestoneTiming {
  plannedDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * How many days a milestone is late on `today` (`YYYY-MM-DD`, the body's local date), 0 when it is not:
 * an open one (planned, in progress) past its planned date is late by the days since; one reached after
 * its planned date stays late by the days it slipped (planned vs actual, as seed 004's table shows);
 * a cancelled one is never late. The one rule: dashboard, reminders, work plan and public page use it.
 */
export function milestoneDaysLate(milestone: MilestoneTiming, today: string): number {
  if (milestone.status === 'cancelled') return 0;
  if (milestone.status === 'done') {
    return milestone.actualDate ? Math.max(0, daysBetween(milestone.plannedDate, milestone.actualDate)) : 0;
  }
  return Math.max(0, daysBetween(milestone.plannedDate, today));
}

/** Whether an open milestone falls due within `days` days of `today` (and is not yet late). */
export function milestoneDueWithin(milestone: MilestoneTiming, today: string, days: number): boolean {
  if (milestone.status === 'done' || milestone.status === 'cancelled') return false;
  const left = daysBetween(today, milestone.plannedDate);
  return left >= 0 && left <= days;
}

/** Today's date in the municipality (Europe/Berlin), `YYYY-MM-DD`: "late" turns at local midnight. */
export function localToday(now: Date = new Date()): string {
  const { year, month, day } = berlinMinute(now);
  return `${year}-${month}-${day}`;
}
