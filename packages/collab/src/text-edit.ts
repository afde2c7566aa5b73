import type * as Y from 'yjs';

/**
 * Plain-text inputs bound to a `Y.Text`: a local edit becomes the smallest delete/insert, so
 * two people typing in the same cell both keep their characters; a remote change moves the
 * caret by what was inserted or deleted before it.
 */

/** Writes `next` into `text` as one minimal change (common prefix and suffix are kept). */
export function applyTextEdit(text: Y.Text, next: string, origin: unknown = null): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current[start] === next[start]) start += 1;
  let end = 0;
  while (end < shorter - start && current[current.length - 1 - end] === next[next.length - 1 - end]) {
    end += 1;
  }
  const removed = current.length - start - end;
  const inserted = next.slice(start, next.length - end);
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
