/**
 * Class breaks for choropleth maps, as KomMonitor offers them: quantiles (each class holds about as many
 * Sozialräume) and equal intervals (each class spans the same range). Suppressed or missing values are left
 * out by the caller; they are drawn hatched, never in a class.
 */
export const CLASS_METHODS = ['quantile', 'equal'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];
export const CLASS_METHOD_LABELS: Readonly<Record<ClassMethod, string>> = {
  quantile: 'Quantile',
  equal: 'Gleiche Intervalle',
};

/** The classes: `breaks` has `count + 1` ascending bounds (first = minimum, last = maximum); none without values. */
export interface ClassBreaks {
  method: ClassMethod;
  breaks: number[];
}

/**
 * Bounds of `count` classes over `values` (finite numbers). Fewer distinct values than classes give fewer
 * classes; equal bounds are merged, so every class is non-empty in range.
 */
export function classBreaks(values: readonly number[], method: ClassMethod, count: number): ClassBreaks {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0 || count < 1) return { method, breaks: [] };
  const min = sorted[0]!;
  const max = sorted.at(-1)!;
  if (min === max) return { method, breaks: [min, max] };
  const classes = Math.max(1, Math.floor(count));
  const bounds: number[] = [min];
  for (let i = 1; i < classes; i++) {
    if (method === 'equal') {
      bounds.push(min + ((max - min) * i) / classes);
    } else {
      // Type-7 quantile (linear interpolation between order statistics), as R and spreadsheets compute it.
      const position = (sorted.length - 1) * (i / classes);
      const lower = Math.floor(position);
      const upper = Math.min(lower + 1, sorted.length - 1);
      bounds.push(sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower));
    }
  }
  bounds.push(max);
  const breaks = bounds.filter((bound, i) => i === 0 || bound > bounds[i - 1]!);
  return { method, breaks };
}

/** The class (0-based) a value falls in: lower bound inclusive, the last class includes the maximum; -1 outside. */
export function classOf(value: number, breaks: readonly number[]): number {
  if (breaks.length < 2 || value < breaks[0]! || value > breaks.at(-1)!) return -1;
  for (let i = breaks.length - 2; i >= 0; i--) {
    if (value >= breaks[i]!) return i;
  }
  return -1;
}
