import type * as Y from 'yjs';

/**
 * Plain-text inputs bound to a `Y.Text`: a local edit becomes the smallest delete/insert, so
 * two people typing in the same cell both keep their characters; a remote change moves the
 * caret by what was inserted or deleted before it.
 */

// Made on first use: the first Intl object maps ICU's data into the process (a server at rest needs none).
let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

/** Start of the grapheme cluster (a user-perceived character) that holds `index`. */
function clusterStart(value: string, index: number): number {
  return graphemes().segment(value).containing(index)?.index ?? index;
}

/** `index` if a cluster starts there, otherwise the end of the cluster that holds it. */
function clusterEnd(value: string, index: number): number {
  const cluster = graphemes().segment(value).containing(index);
  return cluster && cluster.index !== index ? cluster.index + cluster.segment.length : index;
}

/** A minimal change: delete `removed` code units at `start`, then insert `inserted` there. */
export interface TextEdit {
  start: number;
  removed: number;
  inserted: string;
}

/**
 * The smallest change from `current` to `next` that cuts neither text inside a grapheme cluster:
 * an emoji (surrogate pair, skin tone, ZWJ sequence), a flag or a letter with combining marks is
 * deleted or inserted whole, so no one ever sees half of it (Yjs turns a lone surrogate into U+FFFD).
 */
export function computeTextEdit(current: string, next: string): TextEdit {
  const shorter = Math.min(current.length, next.length);
  let start = 0;
  while (start < shorter && current[start] === next[start]) start += 1;
  // Back off to a cluster boundary of both texts (the prefix is equal, the clusters after it differ).
  for (;;) {
    const boundary = Math.min(clusterStart(current, start), clusterStart(next, start));
    if (boundary === start) break;
    start = boundary;
  }
  let end = 0;
  while (end < shorter - start && current[current.length - 1 - end] === next[next.length - 1 - end]) {
    end += 1;
  }
  // `end` counts kept code units from the back; shrink it until both cuts are cluster boundaries.
  for (;;) {
    const keep = Math.min(
      current.length - clusterEnd(current, current.length - end),
      next.length - clusterEnd(next, next.length - end),
    );
    if (keep === end) break;
    end = keep;
  }
  return {
    start,
    removed: current.length - start - end,
    inserted: next.slice(start, next.length - end),
  };
}

/** Writes `next` into `text` as one minimal change (common prefix and suffix are kept). */
export function applyTextEdit(text: Y.Text, next: string, origin: unknown = null): void {
  const current = text.toString();
  if (current === next) return;
  const { start, removed, inserted } = computeTextEdit(current, next);
  const doc = text.doc;
  const run = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted) text.insert(start, inserted);
  };
  if (doc) doc.transact(run, origin);
  else run();
}

/** One entry of a `Y.YTextEvent` delta. */
export type TextDelta = ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }>;

/**
 * Where a caret at `position` stands after a change described by `delta`. Text inserted exactly
 * at the caret goes before it only when `insertBefore` (the caret's owner did not type it).
 */
export function transformPosition(delta: TextDelta, position: number, insertBefore = true): number {
  // `index` walks the text as it was before the change; `shift` is how far the caret moves.
  let index = 0;
  let shift = 0;
  for (const op of delta) {
    if (index > position) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < position || (index === position && insertBefore)) shift += length;
    } else if (op.delete !== undefined) {
      // A caret inside the deleted range lands where the range began.
      shift -= Math.max(0, Math.min(index + op.delete, position) - index);
      index += op.delete;
    }
  }
  return Math.max(0, position + shift);
}
