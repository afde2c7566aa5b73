import { describe, expect, it } from 'vitest';
import { berlinMinute } from './berlin-time.ts';

describe('berlinMinute', () => {
  it('shows the Berlin clock in winter and summer time, midnight as 00', () => {
    expect(berlinMinute(new Date('2026-01-15T23:05:00Z'))).toEqual({
      year: '2026',
      month: '01',
      day: '16',
      hour: '00',
      minute: '05',
    });
    // The night summer time begins: 01:00 UTC is 03:00 in Berlin.
    expect(berlinMinute(new Date('2026-03-29T01:00:00Z'))).toMatchObject({
      day: '29',
      hour: '03',
      minute: '00',
    });
    expect(berlinMinute(new Date('2026-12-31T22:59:00Z'))).toMatchObject({
      year: '2026',
      hour: '23',
      minute: '59',
    });
  });
});
