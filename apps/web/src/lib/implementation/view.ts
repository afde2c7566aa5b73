import {
  parseGermanNumber,
  type EvaluationIndicatorDto,
  type MilestoneDto,
  type MilestoneStatus,
  type ReportDto,
} from '@quartierplan/domain';

/** What the milestone form edits: dates as the date inputs hold them ('' = none). */
export interface MilestoneDraft {
  title: string;
  plannedDate: string;
  actualDate: string;
  status: MilestoneStatus;
  responsible: string;
  responsibleUserId: string;
}

export function milestoneDraft(milestone?: MilestoneDto): MilestoneDraft {
  return {
    title: milestone?.title ?? '',
    plannedDate: milestone?.plannedDate ?? '',
    actualDate: milestone?.actualDate ?? '',
    status: milestone?.status ?? 'planned',
    responsible: milestone?.responsible ?? '',
    responsibleUserId: milestone?.responsibleUser?.id ?? '',
  };
}

/** The draft as the API takes it: empty optional fields become null (an empty planned date stays, to be refused). */
export function milestoneValues(draft: MilestoneDraft) {
  return {
    title: draft.title,
    plannedDate: draft.plannedDate,
    actualDate: draft.actualDate || null,
    status: draft.status,
    responsible: draft.responsible,
    responsibleUserId: draft.responsibleUserId || null,
  };
}

/** What the evaluation form edits: figures as typed ("12,5"), dates as the date inputs hold them. */
export interface EvaluationDraft {
  name: string;
  unit: string;
  indicatorId: string;
  baseline: string;
  baselineDate: string;
  target: string;
  targetDate: string;
  actual: string;
  actualDate: string;
}

const FIGURES = ['baseline', 'target', 'actual'] as const;

/** A figure as a form shows it, in the reader's locale without grouping ("1234,5"). */
export function figureText(value: number | null, locale: string): string {
  if (value === null) return '';
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/**
 * A typed figure: '' is none (null), "12,5" and "12.5" and "1.234,5" are numbers; anything else is NaN,
 * which the shared schema refuses with its message next to the field.
 */
export function parseFigure(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const german = parseGermanNumber(trimmed);
  if (german !== null) return german;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function evaluationDraft(item?: EvaluationIndicatorDto, locale = 'de-DE'): EvaluationDraft {
  return {
    name: item?.name ?? '',
    unit: item?.unit ?? '',
    indicatorId: item?.indicatorId ?? '',
    baseline: figureText(item?.baseline ?? null, locale),
    baselineDate: item?.baselineDate ?? '',
    target: figureText(item?.target ?? null, locale),
    targetDate: item?.targetDate ?? '',
    actual: figureText(item?.actual ?? null, locale),
    actualDate: item?.actualDate ?? '',
  };
}

export function evaluationValues(draft: EvaluationDraft) {
  const figures = Object.fromEntries(FIGURES.map((key) => [key, parseFigure(draft[key])])) as Record<
    (typeof FIGURES)[number],
    number | null
  >;
  return {
    name: draft.name,
    unit: draft.unit,
    indicatorId: draft.indicatorId || null,
    ...figures,
    baselineDate: draft.baselineDate || null,
    targetDate: draft.targetDate || null,
    actualDate: draft.actualDate || null,
  };
}

/** The width of an attainment bar in percent of the track: 0–100 whatever the value (it may exceed 100). */
export function barWidth(percent: number | null): number {
  if (percent === null || !Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, percent));
}

/** The ids with the one at `index` moved by `delta` places; the same order when it cannot move. */
export function moved(ids: readonly string[], index: number, delta: -1 | 1): string[] {
  const next = [...ids];
  const to = index + delta;
  if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return next;
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Whether the reader may delete a report: the author, or an admin, among those who track. */
export function canDeleteReport(
  report: ReportDto,
  me: { id: string; role: string },
  track: boolean,
): boolean {
  return track && (me.role === 'admin' || report.author?.id === me.id);
}

/** People by name, each once (several Sozialräume may share members). */
export function uniquePeople<P extends { id: string; name: string }>(lists: readonly P[][]): P[] {
  const byId = new Map<string, P>();
  for (const list of lists) for (const person of list) if (!byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
}
