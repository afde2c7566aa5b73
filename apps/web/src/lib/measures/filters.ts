import {
  FUNDING_SOURCES,
  MEASURE_STATUSES,
  type FundingSource,
  type MeasureStatus,
} from '@quartierplan/domain';

/** How the measures page shows its list. */
export type MeasureView = 'list' | 'board';

/**
 * The list filters as the page keeps them in its URL. Empty strings and lists mean "no filter";
 * the names are those of `GET /api/measures`, so the same query string feeds the list and the export.
 */
export interface MeasureFilters {
  /** A Sozialraum id, `city` for city-wide measures, or empty for all. */
  sozialraumId: string;
  status: MeasureStatus[];
  handlungsfeld: string;
  responsible: string;
  fundingSource: FundingSource[];
  q: string;
  needId: string;
}

export const EMPTY_FILTERS: MeasureFilters = {
  sozialraumId: '',
  status: [],
  handlungsfeld: '',
  responsible: '',
  fundingSource: [],
  q: '',
  needId: '',
};

const TEXT_KEYS = ['sozialraumId', 'handlungsfeld', 'responsible', 'q', 'needId'] as const;

/** Values of a list parameter that may repeat or be comma-separated, unknown ones dropped. */
function listValues<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  const values = params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim());
  return allowed.filter((value) => values.includes(value));
}

/**
 * Reads the filters from a URL's query. Unknown statuses and funding sources are dropped rather
 * than sent on: a hand-edited link should show a list, not a validation error.
 */
export function filtersFromSearchParams(params: URLSearchParams): MeasureFilters {
  const filters: MeasureFilters = {
    ...EMPTY_FILTERS,
    status: listValues(params, 'status', MEASURE_STATUSES),
    fundingSource: listValues(params, 'fundingSource', FUNDING_SOURCES),
  };
  for (const key of TEXT_KEYS) filters[key] = params.get(key)?.trim() ?? '';
  return filters;
}

/** The query parameters of the filters (only those set), in a stable order. */
export function filtersToSearchParams(filters: MeasureFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.sozialraumId) params.set('sozialraumId', filters.sozialraumId);
  if (filters.status.length > 0) params.set('status', filters.status.join(','));
  if (filters.handlungsfeld.trim()) params.set('handlungsfeld', filters.handlungsfeld.trim());
  if (filters.responsible.trim()) params.set('responsible', filters.responsible.trim());
  if (filters.fundingSource.length > 0) params.set('fundingSource', filters.fundingSource.join(','));
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.needId) params.set('needId', filters.needId);
  return params;
}

/** Whether any filter is set. */
export function hasFilters(filters: MeasureFilters): boolean {
  return filtersToSearchParams(filters).size > 0;
}

/** The view a URL asks for; the list unless it says `board`. */
export function viewFromSearchParams(params: URLSearchParams): MeasureView {
  return params.get('view') === 'board' ? 'board' : 'list';
}

/** The page's query string (`?…`, or empty) for filters and view. */
export function pageSearch(filters: MeasureFilters, view: MeasureView): string {
  const params = filtersToSearchParams(filters);
  if (view === 'board') params.set('view', 'board');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The export link for the filtered list. */
export function exportHref(filters: MeasureFilters, format: 'csv' | 'xlsx'): string {
  const params = filtersToSearchParams(filters);
  params.set('format', format);
  return `/api/measures/export?${params.toString()}`;
}
