import { describe, expect, it } from 'vitest';
import {
  EMPTY_PAPER_FILTERS,
  hasPaperFilters,
  paperFiltersFromSearchParams,
  paperFiltersSearch,
  paperYears,
} from './filters';

const COMMITTEE = '0b0b0b0b-1111-4222-8333-444444444444';

describe('paper filters in the URL', () => {
  it('reads what the API accepts and drops the rest', () => {
    expect(
      paperFiltersFromSearchParams(
        new URLSearchParams(`q= Spielplatz &type=antrag&status=released&committeeId=${COMMITTEE}&year=2024`),
      ),
    ).toEqual({ q: 'Spielplatz', type: 'antrag', status: 'released', committeeId: COMMITTEE, year: '2024' });
    expect(
      paperFiltersFromSearchParams(new URLSearchParams('type=x&status=archived&committeeId=42&year=24')),
    ).toEqual(EMPTY_PAPER_FILTERS);
  });

  it('writes only the filters set, so the page query is the API query', () => {
    expect(paperFiltersSearch(EMPTY_PAPER_FILTERS)).toBe('');
    expect(paperFiltersSearch({ ...EMPTY_PAPER_FILTERS, q: 'Ü 100%', year: '2024' })).toBe(
      '?q=%C3%9C+100%25&year=2024',
    );
    expect(hasPaperFilters(EMPTY_PAPER_FILTERS)).toBe(false);
    expect(hasPaperFilters({ ...EMPTY_PAPER_FILTERS, status: 'draft' })).toBe(true);
  });

  it('offers the years from this one back', () => {
    expect(paperYears(2026, 2024)).toEqual([2026, 2025, 2024]);
  });
});
