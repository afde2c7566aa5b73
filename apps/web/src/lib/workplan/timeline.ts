import type { WorkPackageDto } from '@quartierplan/domain';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (calendar days, no time zone in between). */
export const dayNumber = (date: string): number =>
  Math.round(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** The quarter a date falls in, "Q2 2026". */
export function quarterLabel(date: string): string {
  const month = Number(date.slice(5, 7));
  return `Q${Math.ceil(month / 3)} ${date.slice(0, 4)}`;
}

/** "Q1 2026 – Q3 2026" (one quarter alone when both fall in it), "–" without a start. */
export function quarterSpan(start: string | null, end: string | null): string {
  if (!start) return end ? `– ${quarterLabel(end)}` : '–';
  if (!end) return `${quarterLabel(start)} –`;
  const [from, to] = [quarterLabel(start), quarterLabel(end)];
  return from === to ? from : `${from} – ${to}`;
}

/** One quarter on the time axis: its label and where it starts and ends (day numbers, end exclusive). */
export interface Quarter {
  label: string;
  start: number;
  end: number;
}

/** The first day of the quarter holding `date`. */
function quarterStart(year: number, quarter: number): string {
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * The quarters the work plan spans: from the quarter of its earliest date to that of its latest (with today
 * in it), so every bar, milestone and the today line fit. At least four quarters, so a short plan still reads
 * as a time axis.
 */
export function timelineQuarters(packages: readonly WorkPackageDto[], today: string): Quarter[] {
  const dates = [today];
  for (const p of packages) {
    for (const d of [p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd]) if (d) dates.push(d);
    for (const milestone of p.milestones) {
      dates.push(milestone.plannedDate);
      if (milestone.actualDate) dates.push(milestone.actualDate);
    }
  }
  dates.sort();
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  let year = Number(first.slice(0, 4));
  let quarter = Math.ceil(Number(first.slice(5, 7)) / 3);
  const quarters: Quarter[] = [];
  while (quarters.length < 4 || quarterStart(year, quarter) <= last) {
    const start = quarterStart(year, quarter);
    const [nextYear, nextQuarter] = quarter === 4 ? [year + 1, 1] : [year, quarter + 1];
    quarters.push({
      label: `Q${quarter} ${year}`,
      start: dayNumber(start),
      end: dayNumber(quarterStart(nextYear, nextQuarter)),
    });
    [year, quarter] = [nextYear, nextQuarter];
    // A stray date decades away must not draw hundreds of columns.
    if (quarters.length >= 80) break;
  }
  return quarters;
}
