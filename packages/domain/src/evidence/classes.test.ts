import { describe, expect, it } from 'vitest';
import { classBreaks, classOf } from './classes.ts';

describe('classBreaks', () => {
  it('splits equal intervals over the range', () => {
    expect(classBreaks([0, 10, 3, 7], 'equal', 5).breaks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('splits quantiles so each class holds about as many values', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const { breaks } = classBreaks(values, 'quantile', 4);
    expect(breaks).toEqual([1, 3, 5, 7, 9]);
    const counts = [0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]!++;
    expect(counts).toEqual([2, 2, 2, 3]);
  });

  it('follows a skewed distribution with quantiles, not with equal intervals', () => {
    const values = [1, 1, 2, 2, 3, 100];
    const quantiles = classBreaks(values, 'quantile', 3).breaks;
    expect(quantiles).toHaveLength(4);
    expect(quantiles[1]).toBeCloseTo(5 / 3);
    expect(quantiles[2]).toBeCloseTo(7 / 3);
    expect(quantiles[3]).toBe(100);
    expect(classBreaks(values, 'equal', 3).breaks).toEqual([1, 34, 67, 100]);
  });

  it('merges equal bounds and handles one value, no value and non-finite values', () => {
    expect(classBreaks([2, 2, 2, 5], 'quantile', 4).breaks).toEqual([2, 2.75, 5]);
    expect(classBreaks([4], 'equal', 5).breaks).toEqual([4, 4]);
    expect(classBreaks([], 'quantile', 5).breaks).toEqual([]);
    expect(classBreaks([Number.NaN, 1, 3, Number.POSITIVE_INFINITY], 'equal', 2).breaks).toEqual([1, 2, 3]);
  });

  it('puts the maximum into the last class and values outside into none', () => {
    const breaks = [0, 5, 10];
    expect(classOf(0, breaks)).toBe(0);
    expect(classOf(5, breaks)).toBe(1);
    expect(classOf(10, breaks)).toBe(1);
    expect(classOf(11, breaks)).toBe(-1);
    expect(classOf(-1, breaks)).toBe(-1);
    expect(classOf(3, [])).toBe(-1);
  });
});
