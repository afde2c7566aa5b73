import {
  NEED_PRIORITIES,
  NEED_SOURCES,
  NEED_STATUSES,
  latestDots,
  type Need,
  type NeedPriority,
  type NeedSource,
  type NeedStatus,
  type RoundSummary,
} from '@quartierplan/collab';

/** How the needs list is ordered: `manual` is the shared order people arrange by moving needs. */
export const NEED_SORTS = ['manual', 'votes', 'priority', 'source', 'status'] as const;
export type NeedSort = (typeof NEED_SORTS)[number];

export interface NeedFilter {
  query: string;
  source: NeedSource | '';
  priority: NeedPriority | '';
  status: NeedStatus | '';
}

export const EMPTY_NEED_FILTER: NeedFilter = { query: '', source: '', priority: '', status: '' };

export const isFiltered = (filter: NeedFilter): boolean =>
  filter.query.trim() !== '' || filter.source !== '' || filter.priority !== '' || filter.status !== '';

/**
 * The needs a person sees with this filter and sort; the shared list order breaks ties. `votes`
 * sorts by each need's latest workshop result (`rounds` from the document's round summaries).
 */
export function viewNeeds(
  needs: readonly Need[],
  filter: NeedFilter,
  sort: NeedSort,
  rounds: readonly RoundSummary[] = [],
): Need[] {
  const words = filter.query.toLocaleLowerCase('de').split(/\s+/).filter(Boolean);
  const shown = needs.filter((need) => {
    if (filter.source && need.source !== filter.source) return false;
    if (filter.priority && need.priority !== filter.priority) return false;
    if (filter.status && need.status !== filter.status) return false;
    const haystack = `${need.title} ${need.description} ${need.targetGroup}`.toLocaleLowerCase('de');
    return words.every((word) => haystack.includes(word));
  });
  const position = new Map(needs.map((need, index) => [need.id, index]));
  const byList = (a: Need, b: Need) => position.get(a.id)! - position.get(b.id)!;
  const rank =
    <T extends string>(order: readonly T[]) =>
    (a: T, b: T) =>
      order.indexOf(a) - order.indexOf(b);
  const compare: Record<NeedSort, (a: Need, b: Need) => number> = {
    manual: () => 0,
    votes: (a, b) => (latestDots(b, rounds) ?? 0) - (latestDots(a, rounds) ?? 0),
    priority: (a, b) => rank(NEED_PRIORITIES)(a.priority, b.priority),
    source: (a, b) => rank(NEED_SOURCES)(a.source, b.source),
    status: (a, b) => rank(NEED_STATUSES)(a.status, b.status),
  };
  return shown.sort((a, b) => compare[sort](a, b) || byList(a, b));
}
