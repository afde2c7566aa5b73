import { describe, expect, it } from 'vitest';
import { BatchedLookup } from './batched-lookup.ts';

describe('BatchedLookup', () => {
  it('looks up the keys asked for together in one call, each key once', async () => {
    const calls: string[][] = [];
    const lookup = new BatchedLookup(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'unknown').map((k) => [k, k.toUpperCase()]));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'unknown'].map((k) => lookup.get(k)));
    expect(answers).toEqual(['A', 'B', 'A', undefined]);
    expect(calls).toEqual([['a', 'b', 'unknown']]);
    // A later round is a lookup of its own.
    expect(await lookup.get('c')).toBe('C');
    expect(calls).toEqual([['a', 'b', 'unknown'], ['c']]);
  });

  it('lets a key asked for again while its lookup runs wait for that lookup', async () => {
    const calls: string[][] = [];
    let answer!: () => void;
    const lookup = new BatchedLookup(async (keys) => {
      calls.push(keys);
      await new Promise<void>((resolve) => (answer = resolve));
      return new Map(keys.map((k) => [k, k.length]));
    });
    const first = lookup.get('doc');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['doc']]);
    const again = lookup.get('doc');
    answer();
    expect(await Promise.all([first, again])).toEqual([3, 3]);
    expect(calls).toEqual([['doc']]);
  });

  it('splits a large round into lookups of at most 500 keys', async () => {
    const sizes: number[] = [];
    const lookup = new BatchedLookup(async (keys) => {
      sizes.push(keys.length);
      return new Map(keys.map((k) => [k, Number(k)]));
    });
    const keys = Array.from({ length: 1201 }, (_, i) => String(i));
    expect(await Promise.all(keys.map((k) => lookup.get(k)))).toEqual(keys.map(Number));
    expect(sizes).toEqual([500, 500, 201]);
  });

  it('rejects every request of a failed lookup, and the next round tries again', async () => {
    let fail = true;
    const lookup = new BatchedLookup(async (keys) => {
      if (fail) throw new Error('database away');
      return new Map(keys.map((k) => [k, 1]));
    });
    const failed = await Promise.allSettled([lookup.get('a'), lookup.get('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await lookup.get('a')).toBe(1);
  });
});
