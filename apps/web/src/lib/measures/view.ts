import {
  MEASURE_STATUSES,
  parseGermanNumber,
  type MeasureDashboardDto,
  type MeasureDto,
  type MeasureEventDto,
  type MeasureStatus,
} from '@quartierplan/domain';

/** The board's columns: one per workflow state, main line first, then rejected and deferred. */
export const BOARD_COLUMNS: readonly MeasureStatus[] = MEASURE_STATUSES;

/** Measures by status, every status present (empty columns are columns too). */
export function groupByStatus(measures: readonly MeasureDto[]): Record<MeasureStatus, MeasureDto[]> {
  const groups = Object.fromEntries(BOARD_COLUMNS.map((s) => [s, [] as MeasureDto[]])) as Record<
    MeasureStatus,
    MeasureDto[]
  >;
  for (const measure of measures) groups[measure.status].push(measure);
  return groups;
}

/** Replaces a measure in a list by a newer version of it; older or equal versions change nothing. */
export function upsertMeasure(list: readonly MeasureDto[], next: MeasureDto): MeasureDto[] {
  const index = list.findIndex((m) => m.id === next.id);
  if (index < 0) return [next, ...list];
  if (list[index]!.version >= next.version) return [...list];
  return list.map((m, i) => (i === index ? next : m));
}

/** The chain a measure travels, from the need to its implementation. */
export const CHAIN_STAGES = [
  'need',
  'recommendation',
  'measure',
  'paper',
  'decision',
  'implementation',
] as const;
export type ChainStage = (typeof CHAIN_STAGES)[number];

const STAGE_OF: Record<Exclude<MeasureStatus, 'deferred'>, ChainStage> = {
  idea: 'need',
  recommended: 'recommendation',
  planned: 'measure',
  in_consultation: 'paper',
  decided: 'decision',
  rejected: 'decision',
  in_implementation: 'implementation',
  completed: 'implementation',
  evaluated: 'implementation',
};

/** The stage of a status; a deferred measure stays at the stage it left. */
export function stageOf(status: MeasureStatus, deferredFrom: MeasureStatus | null = null): ChainStage {
  if (status === 'deferred')
    return deferredFrom && deferredFrom !== 'deferred' ? STAGE_OF[deferredFrom] : 'need';
  return STAGE_OF[status];
}

/** One entry of the audit timeline with the stage of the chain the measure was in. */
export interface TimelineEntry {
  event: MeasureEventDto;
  stage: ChainStage;
}

/**
 * The audit trail along the chain: a transition or correction belongs to the stage it reached,
 * creation and edits to the stage the measure stood at then. Events arrive oldest first.
 */
export function timeline(events: readonly MeasureEventDto[]): TimelineEntry[] {
  let status: MeasureStatus = 'idea';
  let deferredFrom: MeasureStatus | null = null;
  return events.map((event) => {
    if ((event.kind === 'transition' || event.kind === 'correction') && event.toStatus) {
      deferredFrom = event.toStatus === 'deferred' ? event.fromStatus : null;
      status = event.toStatus;
    }
    return { event, stage: stageOf(status, deferredFrom) };
  });
}

/** One row of the dashboard's status matrix: a Sozialraum (or the whole city) and its counts. */
export interface StatusRow {
  sozialraumId: string | null;
  name: string;
  counts: Record<MeasureStatus, number>;
  total: number;
}

/** The dashboard's status counts as a matrix, Sozialräume by name, city-wide measures last. */
export function statusMatrix(counts: MeasureDashboardDto['statusCounts']): StatusRow[] {
  const rows = new Map<string, StatusRow>();
  for (const item of counts) {
    const key = item.sozialraumId ?? '';
    let row = rows.get(key);
    if (!row) {
      row = {
        sozialraumId: item.sozialraumId,
        name: item.sozialraumName,
        counts: Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>,
        total: 0,
      };
      rows.set(key, row);
    }
    row.counts[item.status] += item.count;
    row.total += item.count;
  }
  return [...rows.values()].sort((a, b) =>
    a.sozialraumId === null ? 1 : b.sozialraumId === null ? -1 : a.name.localeCompare(b.name, 'de'),
  );
}

/** Euro amounts as the locale writes them, without cents when there are none. */
export function formatEuro(value: number | null, locale: string): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/**
 * Parses a Euro amount typed the German way (`1.234,50`); empty → null, anything else → NaN so
 * the shared schema reports it as not a number.
 */
export function parseEuro(text: string): number | null {
  const trimmed = text.replace(/[\s€]/g, '');
  if (!trimmed) return null;
  return parseGermanNumber(trimmed) ?? Number.NaN;
}

/** The text an amount is edited as (German decimal comma). */
export function euroInput(value: number | null): string {
  return value === null ? '' : String(value).replace('.', ',');
}

/**
 * A freshly loaded list, with any measure the page already holds in a newer version (from the
 * live stream or its own transition) kept: a load that started before a change must not undo it.
 */
export function mergeNewer(fresh: readonly MeasureDto[], local: readonly MeasureDto[]): MeasureDto[] {
  const known = new Map(local.map((m) => [m.id, m]));
  return fresh.map((m) => {
    const mine = known.get(m.id);
    return mine && mine.version > m.version ? mine : m;
  });
}

/** The choices for "unchanged for more than N days" on the dashboard. */
export const STALE_DAY_OPTIONS = [7, 30, 60, 90, 180, 365] as const;
const DEFAULT_STALE_DAYS = 90;

/** N of the dashboard's URL (`?staleDays=N`), any whole number the API accepts (1–3650). */
export function staleDaysFromSearchParams(params: URLSearchParams): number {
  const value = Number(params.get('staleDays'));
  return Number.isInteger(value) && value >= 1 && value <= 3650 ? value : DEFAULT_STALE_DAYS;
}
