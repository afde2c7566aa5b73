import type { Need } from '@quartierplan/collab';
import { describe, expect, it } from 'vitest';
import { EMPTY_NEED_FILTER, isFiltered, viewNeeds } from './needs-view';

const need = (id: string, patch: Partial<Need>): Need => ({
  id,
  title: id,
  description: '',
  targetGroup: '',
  source: 'workshop',
  priority: 'medium',
  status: 'open',
  votes: {},
  dots: {},
  workshopId: null,
  workshopCardId: null,
  createdBy: null,
  createdAt: null,
  rank: 0,
  ...patch,
});

const list = [
  need('Spielplatz', { priority: 'low', votes: { a: 1 }, source: 'data' }),
  need('Sprachcafé', { priority: 'high', votes: { a: 1, b: 2 }, description: 'für Zugewanderte' }),
  need('Jugendtreff', {
    priority: 'high',
    status: 'addressed',
    targetGroup: 'Jugendliche',
    source: 'participation',
  }),
  need('Beratung', { priority: 'medium', votes: { b: 3 }, status: 'dropped', source: 'other' }),
];
const ids = (needs: Need[]) => needs.map((n) => n.id);

describe('viewNeeds', () => {
  it('keeps the shared order when sorted manually', () => {
    expect(ids(viewNeeds(list, EMPTY_NEED_FILTER, 'manual'))).toEqual([
      'Spielplatz',
      'Sprachcafé',
      'Jugendtreff',
      'Beratung',
    ]);
  });

  it.each([
    ['votes', ['Sprachcafé', 'Beratung', 'Spielplatz', 'Jugendtreff']],
    ['priority', ['Sprachcafé', 'Jugendtreff', 'Beratung', 'Spielplatz']],
    ['source', ['Sprachcafé', 'Jugendtreff', 'Spielplatz', 'Beratung']],
    ['status', ['Spielplatz', 'Sprachcafé', 'Jugendtreff', 'Beratung']],
  ] as const)('sorts by %s, ties in list order', (sort, expected) => {
    expect(ids(viewNeeds(list, EMPTY_NEED_FILTER, sort))).toEqual(expected);
  });

  it('filters by source, priority and status together', () => {
    expect(
      ids(viewNeeds(list, { ...EMPTY_NEED_FILTER, priority: 'high', status: 'open' }, 'manual')),
    ).toEqual(['Sprachcafé']);
    expect(ids(viewNeeds(list, { ...EMPTY_NEED_FILTER, source: 'participation' }, 'manual'))).toEqual([
      'Jugendtreff',
    ]);
  });

  it('searches title, description and target group, case- and umlaut-aware, all words', () => {
    expect(ids(viewNeeds(list, { ...EMPTY_NEED_FILTER, query: 'ZUGEWANDERTE' }, 'manual'))).toEqual([
      'Sprachcafé',
    ]);
    expect(ids(viewNeeds(list, { ...EMPTY_NEED_FILTER, query: 'jugend treff' }, 'manual'))).toEqual([
      'Jugendtreff',
    ]);
    expect(ids(viewNeeds(list, { ...EMPTY_NEED_FILTER, query: 'jugend café' }, 'manual'))).toEqual([]);
  });

  it('knows when a filter is active', () => {
    expect(isFiltered(EMPTY_NEED_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_NEED_FILTER, query: '  ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_NEED_FILTER, status: 'open' })).toBe(true);
  });
});
