import type { PaperConsultationDto } from './dto.ts';
import { formatGermanDate } from './format.ts';

/** Today in Europe/Berlin as `YYYY-MM-DD`: the calendar the council and its papers live in. */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);
}

/** Why a result date is refused, or null. A result is recorded after the session, never ahead of it. */
export function resultDateIssue(date: string, today: string): string | null {
  // ISO dates compare correctly as strings.
  return date > today
    ? 'Das Datum des Ergebnisses darf nicht in der Zukunft liegen; Ergebnisse werden nach der Sitzung erfasst.'
    : null;
}

type ConsultationState = Pick<PaperConsultationDto, 'id' | 'role' | 'order' | 'result'>;

/**
 * Whether the result of a consultation may still be recorded or changed: once the deciding committee
 * has a result other than "vertagt", the results of the consultations before it are history and stay
 * as they are (they led to the decision). Later lines, e.g. an information after the decision, stay open.
 */
export function isResultEditable(
  consultations: readonly ConsultationState[],
  consultation: Pick<ConsultationState, 'id' | 'order'>,
): boolean {
  const deciding = consultations.find((c) => c.role === 'decision');
  if (!deciding || deciding.id === consultation.id) return true;
  if (!deciding.result || deciding.result === 'postponed') return true;
  return consultation.order > deciding.order;
}

/** A Beratungsfolge line that runs backwards in time: it is dated before the line above it. */
export interface DateOrderIssue {
  /** Position of the earlier-dated line in the list. */
  index: number;
  date: string;
  /** Position and date of the line above it. */
  previousIndex: number;
  previousDate: string;
}

/**
 * Lines of a Beratungsfolge dated before the line above them. Committees advise in the listed order,
 * so a backwards date is usually a typo; it may also be a deliberate exception, hence a warning only.
 */
export function consultationDateOrderIssues(list: readonly { date: string }[]): DateOrderIssue[] {
  const issues: DateOrderIssue[] = [];
  list.forEach((line, index) => {
    const previous = list[index - 1];
    if (previous && line.date < previous.date) {
      issues.push({ index, date: line.date, previousIndex: index - 1, previousDate: previous.date });
    }
  });
  return issues;
}

/** The warning for one backwards line, naming both lines by their position (1-based, as the form shows them). */
export function dateOrderWarning(issue: DateOrderIssue): string {
  return `Beratung ${issue.index + 1} (${formatGermanDate(issue.date)}) liegt vor Beratung ${issue.previousIndex + 1} (${formatGermanDate(issue.previousDate)}); die Beratungsfolge läuft zeitlich rückwärts.`;
}
