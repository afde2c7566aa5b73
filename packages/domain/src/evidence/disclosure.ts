/**
 * Statistical disclosure control for published counts (Geheimhaltung): small counts are never shown, nor any
 * figure from which one could be computed.
 *
 * The published figures are cells; `equations` say which cells add up to which (a city-wide value is the sum of
 * the Sozialräume, a total population the sum of its age groups, …). Primary suppression hides every count
 * above 0 and below the threshold. Secondary suppression then hides more cells until no equation gives away a
 * hidden cell or a small hidden sum:
 * - an equation with exactly one hidden cell would let anyone compute it (total minus the rest);
 * - an equation whose total is shown and whose hidden members add up to less than the threshold (but more than
 *   0) would reveal that small sum.
 * Each step hides the smallest shown member above 0 of an unsafe equation (the total when no member is left),
 * and the steps repeat until every equation is safe, since hiding a cell can make another equation unsafe (a
 * row fixed can break its column). Every step hides one more cell, so this ends.
 */

/** Counts 1 and 2 are never shown by default (a body may set a higher threshold). */
export const DEFAULT_DISCLOSURE_THRESHOLD = 3;

/** `total` is the sum of `members`. */
export interface DisclosureEquation {
  total: string;
  members: readonly string[];
}

/** Why a cell is hidden: small itself (primary), or because it would give a small one away (secondary). */
export type SuppressionReason = 'primary' | 'secondary';

/**
 * The cells to hide, by id, with the reason. `values` holds every published cell (null: no value, never hidden
 * and never counted as known in an equation).
 */
export function suppressCounts(
  values: ReadonlyMap<string, number | null>,
  equations: readonly DisclosureEquation[],
  threshold: number = DEFAULT_DISCLOSURE_THRESHOLD,
): Map<string, SuppressionReason> {
  // Equations that share no cell cannot give each other away: each group of linked equations (one indicator
  // family at one date, say) is solved on its own, which keeps the linear algebra small.
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let at = id;
    while (parent.get(at) !== at) at = parent.get(at) ?? (parent.set(at, at), at);
    parent.set(id, at);
    return at;
  };
  for (const { total, members } of equations) {
    for (const id of members) parent.set(root(id), root(total));
  }
  const groups = new Map<string, DisclosureEquation[]>();
  for (const equation of equations) {
    const key = root(equation.total);
    groups.set(key, [...(groups.get(key) ?? []), equation]);
  }
  const hidden = new Map<string, SuppressionReason>();
  const cellsOf = new Map<string, Map<string, number | null>>();
  for (const [id, value] of values) {
    if (parent.has(id)) {
      const key = root(id);
      cellsOf.set(key, (cellsOf.get(key) ?? new Map()).set(id, value));
    } else if (value !== null && value > 0 && value < threshold) hidden.set(id, 'primary');
  }
  for (const [key, group] of groups) {
    for (const [id, reason] of suppressLinked(cellsOf.get(key) ?? new Map(), group, threshold)) {
      hidden.set(id, reason);
    }
  }
  return hidden;
}

/** `suppressCounts` for one group of equations linked by shared cells, and the values of their cells. */
function suppressLinked(
  values: ReadonlyMap<string, number | null>,
  equations: readonly DisclosureEquation[],
  threshold: number,
): Map<string, SuppressionReason> {
  const hidden = new Map<string, SuppressionReason>();
  const valueOf = (id: string) => values.get(id) ?? null;
  for (const [id, value] of values) {
    if (value !== null && value > 0 && value < threshold) hidden.set(id, 'primary');
  }

  /** The cell to hide next for an unsafe equation, or null when it is safe. */
  function fix(equation: DisclosureEquation): string | null {
    const cells = [equation.total, ...equation.members];
    // An equation with a cell of no value lets nobody compute the others.
    if (cells.some((id) => valueOf(id) === null)) return null;
    const hiddenCells = cells.filter((id) => hidden.has(id));
    if (hiddenCells.length === 0) return null;
    const hiddenMemberSum = equation.members
      .filter((id) => hidden.has(id))
      .reduce((sum, id) => sum + (valueOf(id) ?? 0), 0);
    const revealsOne = hiddenCells.length === 1;
    const revealsSmallSum = !hidden.has(equation.total) && hiddenMemberSum > 0 && hiddenMemberSum < threshold;
    if (!revealsOne && !revealsSmallSum) return null;
    const candidates = equation.members
      .filter((id) => !hidden.has(id) && (valueOf(id) ?? 0) > 0)
      .sort((a, b) => valueOf(a)! - valueOf(b)! || a.localeCompare(b));
    if (candidates[0]) return candidates[0];
    // No member left to hide (the rest are 0): hiding the total is the only way to keep the small ones unknown.
    if (!hidden.has(equation.total)) return equation.total;
    // The total is hidden too, and the members left are all 0: hiding a 0 as well is all there is.
    return equation.members.find((id) => !hidden.has(id)) ?? null;
  }

  /** Hides one more cell of an equation that holds `cell`: the smallest shown member above 0, else any shown. */
  function hideBeside(cell: string): boolean {
    for (const equation of equations) {
      const cells = [equation.total, ...equation.members];
      if (!cells.includes(cell) || cells.some((id) => valueOf(id) === null)) continue;
      const shown = cells.filter((id) => !hidden.has(id));
      const next =
        shown
          .filter((id) => id !== equation.total && valueOf(id)! > 0)
          .sort((a, b) => valueOf(a)! - valueOf(b)! || a.localeCompare(b))[0] ?? shown[0];
      if (next) {
        hidden.set(next, 'secondary');
        return true;
      }
    }
    return false;
  }

  for (let changed = true; changed;) {
    changed = false;
    for (const equation of equations) {
      const next = fix(equation);
      if (next) {
        hidden.set(next, 'secondary');
        changed = true;
      }
    }
    // Equations with two hidden cells each may still pin one down together: solve them as one linear system
    // and widen the suppression where a hidden cell is determined.
    if (!changed) {
      const determined = determinedCells(values, equations, new Set(hidden.keys()));
      if (determined[0] !== undefined) changed = hideBeside(determined[0]);
    }
  }
  return hidden;
}

/**
 * The hidden cells anyone can compute exactly from the shown ones through the equations. A hidden cell is
 * determined when its unit vector lies in the row space of the equations over the hidden cells: after
 * Gauss–Jordan elimination, its pivot row holds no other entry.
 */
export function determinedCells(
  values: ReadonlyMap<string, number | null>,
  equations: readonly DisclosureEquation[],
  hidden: ReadonlySet<string>,
): string[] {
  const columns = [...hidden];
  const index = new Map(columns.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const { total, members } of equations) {
    const cells = [total, ...members];
    if (cells.some((id) => (values.get(id) ?? null) === null) || !cells.some((id) => hidden.has(id)))
      continue;
    const row = new Array<number>(columns.length).fill(0);
    if (hidden.has(total)) row[index.get(total)!] = 1;
    for (const id of members) if (hidden.has(id)) row[index.get(id)!]! -= 1;
    rows.push(row);
  }
  const EPSILON = 1e-9;
  const pivotRowOf = new Map<number, number>();
  let rank = 0;
  for (let column = 0; column < columns.length && rank < rows.length; column++) {
    const pivot = rows.findIndex((row, r) => r >= rank && Math.abs(row[column]!) > EPSILON);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const lead = rows[rank]![column]!;
    const pivotRow = rows[rank]!.map((x) => x / lead);
    rows[rank] = pivotRow;
    for (let r = 0; r < rows.length; r++) {
      const factor = rows[r]![column]!;
      if (r !== rank && Math.abs(factor) > EPSILON)
        rows[r] = rows[r]!.map((x, c) => x - factor * pivotRow[c]!);
    }
    pivotRowOf.set(column, rank);
    rank++;
  }
  return columns.filter((_, column) => {
    const r = pivotRowOf.get(column);
    return r !== undefined && rows[r]!.every((x, c) => c === column || Math.abs(x) <= EPSILON);
  });
}
