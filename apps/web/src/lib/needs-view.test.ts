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

  it('sorts by the latest workshop round a need was on, before old in-document votes', () => {
    const round = (roundId: string, closedAt: string) => ({
      roundId,
      workshopId: 'w1',
      workshopTitle: 'Forum',
      number: 1,
      closedAt,
      dotsPerPerson: 5,
    });
    const rounds = [round('r1', '2026-12-01T10:00:00Z'), round('r2', '2026-12-02T10:00:00Z')];
    const voted = [
      need('A', { dots: { r1: 9, r2: 1 } }),
      need('B', { dots: { r1: 0, r2: 4 } }),
      need('C', { votes: { a: 2 } }),
    ];
    // A had 9 dots once, but its latest result is 1: B (4) and C (2, old votes) come first.
    expect(ids(viewNeeds(voted, EMPTY_NEED_FILTER, 'votes', rounds))).toEqual(['B', 'C', 'A']);
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
