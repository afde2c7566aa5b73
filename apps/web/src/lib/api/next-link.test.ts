import { describe, expect, it } from 'vitest';
import { formatRelative } from '../labels';
import { nextLink } from './client';

describe('nextLink', () => {
  it('finds the rel="next" target among other links', () => {
    expect(nextLink('</api/notifications?limit=20&cursor=a>; rel="next"')).toBe(
      '/api/notifications?limit=20&cursor=a',
    );
    expect(nextLink('</x>; rel="prev", </y>; rel=next')).toBe('/y');
  });

  it('is null without a next link', () => {
    expect(nextLink(null)).toBeNull();
    expect(nextLink('</x>; rel="prev"')).toBeNull();
    expect(nextLink('</x>; rel="nextpage"')).toBeNull();
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  it('says how long ago, in the largest fitting unit', () => {
    expect(formatRelative('2026-12-03T11:59:30Z', 'de', now)).toBe('vor 30 Sekunden');
    expect(formatRelative('2026-12-03T11:55:00Z', 'de', now)).toBe('vor 5 Minuten');
    expect(formatRelative('2026-12-03T09:00:00Z', 'de', now)).toBe('vor 3 Stunden');
    expect(formatRelative('2026-12-02T12:00:00Z', 'de', now)).toBe('gestern');
    expect(formatRelative('2026-11-19T12:00:00Z', 'en', now)).toBe('2 weeks ago');
  });
});
