import { PAPER_STATUSES, PAPER_TYPES, type PaperStatus, type PaperType } from '@quartierplan/domain';

/**
 * The Vorlagen list's filters as the page keeps them in its URL; empty strings mean "no filter". The names are
 * those of `GET /api/papers`, so the page's query string is the API's.
 */
export interface PaperFilters {
  q: string;
  type: PaperType | '';
  status: PaperStatus | '';
  committeeId: string;
  year: string;
}

export const EMPTY_PAPER_FILTERS: PaperFilters = { q: '', type: '', status: '', committeeId: '', year: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | '' =>
  (allowed as readonly string[]).includes(value) ? (value as T) : '';

/**
 * Reads the filters from a URL's query. Values the API would refuse are dropped rather than sent on: a
 * hand-edited link should show a list, not an error.
 */
export function paperFiltersFromSearchParams(params: URLSearchParams): PaperFilters {
  const get = (key: string) => params.get(key)?.trim() ?? '';
  const year = get('year');
  const committeeId = get('committeeId');
  return {
    q: get('q').slice(0, 200),
    type: oneOf(get('type'), PAPER_TYPES),
    status: oneOf(get('status'), PAPER_STATUSES),
    committeeId: UUID.test(committeeId) ? committeeId : '',
    year: /^\d{4}$/.test(year) && Number(year) >= 1900 && Number(year) <= 2200 ? year : '',
  };
}

/** The query of the filters set, in a stable order; empty ones are left out. */
export function paperFiltersToSearchParams(filters: PaperFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'type', 'status', 'committeeId', 'year'] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** `?…` for a link to the list with these filters, or '' without any. */
export function paperFiltersSearch(filters: PaperFilters): string {
  const query = paperFiltersToSearchParams(filters).toString();
  return query ? `?${query}` : '';
}

export function hasPaperFilters(filters: PaperFilters): boolean {
  return paperFiltersToSearchParams(filters).size > 0;
}

/** The years the year filter offers: this year back to `from`, newest first. */
export function paperYears(thisYear: number, from = 2015): number[] {
  return Array.from({ length: Math.max(1, thisYear - from + 1) }, (_, i) => thisYear - i);
}
