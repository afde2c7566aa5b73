import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  exportHref,
  filtersFromSearchParams,
  filtersToSearchParams,
  hasFilters,
  pageSearch,
  viewFromSearchParams,
} from './filters';

describe('measure filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = {
      sozialraumId: '12',
      status: ['planned' as const, 'in_consultation' as const],
      handlungsfeld: 'Bildung',
      responsible: 'Jugendamt',
      fundingSource: ['land' as const],
      q: 'Sprachcafé',
      needId: 'need-1',
    };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe(
      'sozialraumId=12&status=planned%2Cin_consultation&handlungsfeld=Bildung&responsible=Jugendamt&fundingSource=land&q=Sprachcaf%C3%A9&needId=need-1',
    );
    expect(filtersFromSearchParams(params)).toEqual(filters);
  });

  it('reads nothing as no filter and writes no filter as nothing', () => {
    expect(filtersFromSearchParams(new URLSearchParams())).toEqual(EMPTY_FILTERS);
    expect(filtersToSearchParams(EMPTY_FILTERS).toString()).toBe('');
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, q: 'x' })).toBe(true);
  });

  it('accepts repeated and comma-separated lists, keeps workflow order, drops unknown values', () => {
    const params = new URLSearchParams('status=decided,idea&status=fertig&fundingSource=eu&fundingSource=xy');
    const filters = filtersFromSearchParams(params);
    expect(filters.status).toEqual(['idea', 'decided']);
    expect(filters.fundingSource).toEqual(['eu']);
  });

  it('trims text and leaves blank text out', () => {
    expect(filtersFromSearchParams(new URLSearchParams('q=%20Treff%20')).q).toBe('Treff');
    expect(filtersToSearchParams({ ...EMPTY_FILTERS, q: '   ' }).size).toBe(0);
  });

  it('adds the view and builds export links with the same filters', () => {
    const filters = { ...EMPTY_FILTERS, sozialraumId: 'city', status: ['planned' as const] };
    expect(pageSearch(filters, 'board')).toBe('?sozialraumId=city&status=planned&view=board');
    expect(pageSearch(EMPTY_FILTERS, 'list')).toBe('');
    expect(viewFromSearchParams(new URLSearchParams('view=board'))).toBe('board');
    expect(viewFromSearchParams(new URLSearchParams('view=other'))).toBe('list');
    expect(exportHref(filters, 'xlsx')).toBe(
      '/api/measures/export?sozialraumId=city&status=planned&format=xlsx',
    );
  });
});
