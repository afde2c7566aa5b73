import { describe, expect, it } from 'vitest';
import { suppressCounts, type DisclosureEquation } from './disclosure.ts';

/** A table of rows × columns with row totals, column totals and a grand total, as equations. */
function table(rows: number[][]): { values: Map<string, number>; equations: DisclosureEquation[] } {
  const values = new Map<string, number>();
  const equations: DisclosureEquation[] = [];
  rows.forEach((row, r) => {
    row.forEach((value, c) => values.set(`r${r}c${c}`, value));
    values.set(
      `r${r}`,
      row.reduce((a, b) => a + b, 0),
    );
    equations.push({ total: `r${r}`, members: row.map((_, c) => `r${r}c${c}`) });
  });
  rows[0]!.forEach((_, c) => {
    values.set(
      `c${c}`,
      rows.reduce((sum, row) => sum + row[c]!, 0),
    );
    equations.push({ total: `c${c}`, members: rows.map((_, r) => `r${r}c${c}`) });
  });
  values.set(
    'all',
    [...values].filter(([id]) => /^r\d+$/.test(id)).reduce((sum, [, v]) => sum + v, 0),
  );
  equations.push({ total: 'all', members: rows.map((_, r) => `r${r}`) });
  equations.push({ total: 'all', members: rows[0]!.map((_, c) => `c${c}`) });
  return { values, equations };
}

/**
 * Everything an attacker can compute from what is shown: repeatedly solve any equation with exactly one hidden
 * cell. Returns the hidden cells that became known.
 */
function attack(
  values: Map<string, number>,
  equations: DisclosureEquation[],
  hidden: Set<string>,
): Map<string, number> {
  const known = new Map([...values].filter(([id]) => !hidden.has(id)));
  const learned = new Map<string, number>();
  for (let progress = true; progress;) {
    progress = false;
    for (const { total, members } of equations) {
      const unknown = [total, ...members].filter((id) => !known.has(id));
      if (unknown.length !== 1) continue;
      const id = unknown[0]!;
      const sum = members.filter((m) => m !== id).reduce((s, m) => s + known.get(m)!, 0);
      const value = id === total ? sum : known.get(total)! - sum;
      known.set(id, value);
      learned.set(id, value);
      progress = true;
    }
  }
  return learned;
}

/** The rank of a matrix (Gaussian elimination with partial pivoting). */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (Math.abs(m[best]![c]!) < 1e-9) continue;
    [m[r], m[best]] = [m[best]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i]![c]! / m[r]![c]!;
      m[i] = m[i]!.map((x, k) => x - f * m[r]![k]!);
    }
    r++;
  }
  return r;
}

/**
 * The exact attacker: a hidden cell is computable when adding its unit vector to the equations over the hidden
 * cells does not raise their rank (it lies in their row space).
 */
function computable(equations: DisclosureEquation[], hidden: Set<string>): string[] {
  const cells = [...hidden];
  const matrix = equations
    .map(({ total, members }) => cells.map((id) => (id === total ? 1 : members.includes(id) ? -1 : 0)))
    .filter((row) => row.some((x) => x !== 0));
  const base = rank(matrix);
  return cells.filter((id) => rank([...matrix, cells.map((other) => (other === id ? 1 : 0))]) === base);
}

/** Hidden members of an equation whose total is known: their sum is known too. */
function smallKnownSums(
  values: Map<string, number>,
  equations: DisclosureEquation[],
  hidden: Set<string>,
): number[] {
  return equations
    .filter((e) => !hidden.has(e.total))
    .map((e) => e.members.filter((m) => hidden.has(m)).reduce((s, m) => s + values.get(m)!, 0))
    .filter((sum) => sum > 0 && sum < 3);
}

describe('disclosure control', () => {
  it('hides counts of 1 and 2, shows 0 and 3 and more', () => {
    const values = new Map<string, number | null>([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
      ['e', null],
    ]);
    expect([...suppressCounts(values, [])]).toEqual([
      ['b', 'primary'],
      ['c', 'primary'],
    ]);
  });

  it('takes a higher threshold per body', () => {
    const values = new Map([
      ['a', 4],
      ['b', 5],
    ]);
    expect([...suppressCounts(values, [], 5).keys()]).toEqual(['a']);
  });

  it('hides a second cell where the total would give the small one away', () => {
    // Sozialräume 1, 7, 12 and a city-wide 20: naive suppression leaves 1 = 20 − 7 − 12.
    const values = new Map([
      ['city', 20],
      ['sr1', 1],
      ['sr2', 7],
      ['sr3', 12],
    ]);
    const equations = [{ total: 'city', members: ['sr1', 'sr2', 'sr3'] }];
    const naive = new Set(['sr1']);
    expect(attack(values, equations, naive).get('sr1')).toBe(1);

    const hidden = suppressCounts(values, equations);
    expect(Object.fromEntries(hidden)).toEqual({ sr1: 'primary', sr2: 'secondary' });
    expect(attack(values, equations, new Set(hidden.keys())).size).toBe(0);
  });

  it('does not let two small hidden cells reveal their small sum', () => {
    // 1 and 1 hidden, total shown: anyone sees the two add up to 2.
    const values = new Map([
      ['city', 30],
      ['a', 1],
      ['b', 1],
      ['c', 13],
      ['d', 15],
    ]);
    const equations = [{ total: 'city', members: ['a', 'b', 'c', 'd'] }];
    const hidden = new Set(suppressCounts(values, equations).keys());
    expect(hidden).toEqual(new Set(['a', 'b', 'c']));
    expect(smallKnownSums(values, equations, hidden)).toEqual([]);
  });

  it('hides a small total too, even where the members beside the small one are 0', () => {
    const values = new Map([
      ['city', 2],
      ['a', 2],
      ['b', 0],
    ]);
    const hidden = suppressCounts(values, [{ total: 'city', members: ['a', 'b'] }]);
    expect(Object.fromEntries(hidden)).toEqual({ a: 'primary', city: 'primary' });
  });

  it('protects a table with row and column totals where fixing rows alone leaks through the columns', () => {
    // Population by Sozialraum (rows) and age group (columns), with margins.
    const rows = [
      [1, 40, 55, 60],
      [30, 48, 2, 51],
      [25, 33, 44, 70],
      [44, 38, 61, 90],
    ];
    const { values, equations } = table(rows);
    const rowEquationsOnly = equations.filter((e) => /^r\d+$/.test(e.total));
    const rowsOnly = new Set(suppressCounts(values, rowEquationsOnly).keys());
    // Fixing rows only leaves columns that give a cell away.
    expect(attack(values, equations, rowsOnly).size).toBeGreaterThan(0);

    const hidden = new Set(suppressCounts(values, equations).keys());
    expect(hidden.has('r0c0') && hidden.has('r1c2')).toBe(true);
    expect(attack(values, equations, hidden)).toEqual(new Map());
    expect(computable(equations, hidden)).toEqual([]);
    expect(smallKnownSums(values, equations, hidden)).toEqual([]);
  });

  it('stays safe on many random tables', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 400; round++) {
      const columns = 2 + Math.floor(random() * 5);
      const rows = Array.from({ length: 2 + Math.floor(random() * 5) }, () =>
        Array.from({ length: columns }, () => Math.floor(random() * random() * 40)),
      );
      const { values, equations } = table(rows);
      const hidden = new Set(suppressCounts(values, equations).keys());
      for (const [id, value] of values) if (value > 0 && value < 3) expect(hidden.has(id)).toBe(true);
      expect(computable(equations, hidden), JSON.stringify(rows)).toEqual([]);
      expect(smallKnownSums(values, equations, hidden)).toEqual([]);
    }
  });
});
