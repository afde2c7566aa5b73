import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from './reference.ts';

describe('formatReference', () => {
  it('writes the Hagen format NNNN/YYYY with leading zeros', () => {
    expect(formatReference('NNNN/YYYY', { sequence: 745, year: 2023 })).toBe('0745/2023');
    expect(formatReference('NNNN/YYYY', { sequence: 1, year: 2024 })).toBe('0001/2024');
  });

  it('writes the Haan format OO/SSS/YYYY (office, sequence, year)', () => {
    expect(formatReference('OO/SSS/YYYY', { office: 50, sequence: 10, year: 2018 })).toBe('50/010/2018');
    expect(formatReference('OO/SSS/YYYY', { office: 5, sequence: 7, year: 2018 })).toBe('05/007/2018');
  });

  it('keeps numbers wider than their field whole instead of cutting them', () => {
    expect(formatReference('NNNN/YYYY', { sequence: 12345, year: 2023 })).toBe('12345/2023');
  });

  it('rejects impossible parts', () => {
    expect(() => formatReference('NNNN/YYYY', { sequence: 0, year: 2023 })).toThrow(RangeError);
    expect(() => formatReference('NNNN/YYYY', { sequence: 1.5, year: 2023 })).toThrow(RangeError);
    expect(() => formatReference('NNNN/YYYY', { sequence: 1, year: 23 })).toThrow(RangeError);
    expect(() => formatReference('OO/SSS/YYYY', { sequence: 1, year: 2023 })).toThrow(/office/);
  });
});

describe('parseReference', () => {
  it('reads both formats back', () => {
    expect(parseReference('NNNN/YYYY', '0745/2023')).toEqual({ sequence: 745, year: 2023 });
    expect(parseReference('OO/SSS/YYYY', '50/010/2018')).toEqual({ office: 50, sequence: 10, year: 2018 });
  });

  it('returns null for other shapes', () => {
    expect(parseReference('NNNN/YYYY', '745/23')).toBeNull();
    expect(parseReference('NNNN/YYYY', '50/010/2018')).toBeNull();
    expect(parseReference('OO/SSS/YYYY', '0745/2023')).toBeNull();
    expect(parseReference('NNNN/YYYY', '0000/2023')).toBeNull();
  });
});
