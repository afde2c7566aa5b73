import {
  MEASURE_STATUS_LABELS,
  MILESTONE_STATUS_LABELS,
  formatGermanDate,
  type MilestoneDto,
  type WorkPackageDto,
  type WorkplanDto,
} from '@quartierplan/domain';

/** What the work plan exports print: the plan as the API answers it, and the city layout around it. */
export interface WorkplanExportInput {
  body: { name: string; letterhead: readonly string[] };
  /** The filters applied, as a line for the page header ("Sozialraum: AH Altenhagen"); "" for none. */
  filters: string;
  plan: WorkplanDto;
}

/** The quarter a day falls in, as planning documents write it: `2024-08-15` → `Q3/2024`; "" without a day. */
export function quarterOf(date: string | null): string {
  if (!date) return '';
  const [year, month] = date.split('-');
  return `Q${Math.floor((Number(month) - 1) / 3) + 1}/${year}`;
}

/** `15.08.2024 (Q3/2024)`, or "–". */
export function dayAndQuarter(date: string | null): string {
  return date ? `${formatGermanDate(date)} (${quarterOf(date)})` : '–';
}

/** Where a work package's measure is: its Sozialräume by code, or city-wide. */
export function packagePlace(p: WorkPackageDto): string {
  return p.measure.cityWide
    ? 'stadtweit'
    : p.measure.sozialraeume.map((s) => `${s.code} ${s.name}`).join(', ');
}

export const packageStatus = (p: WorkPackageDto): string => MEASURE_STATUS_LABELS[p.measure.status];

/** One milestone in a line: title, status, planned and actual day, lateness. */
export function milestoneLine(m: MilestoneDto): string {
  return [
    `${m.title} (${MILESTONE_STATUS_LABELS[m.status]})`,
    `geplant ${formatGermanDate(m.plannedDate)}`,
    m.actualDate ? `erreicht ${formatGermanDate(m.actualDate)}` : null,
    m.late ? `${m.daysLate} ${m.daysLate === 1 ? 'Tag' : 'Tage'} verspätet` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The file name of an export made on `today`. */
export function workplanFileName(today: string, format: 'pdf' | 'xlsx'): string {
  return `Arbeitsplan-${today}.${format}`;
}
