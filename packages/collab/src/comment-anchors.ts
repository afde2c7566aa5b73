import type { Node as PmNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import {
  absolutePositionToRelativePosition,
  initProseMirrorDoc,
  relativePositionToAbsolutePosition,
  updateYFragment,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { actionPlanSchema } from './editor.ts';
import { actionPlanContent } from './schema.ts';

/** Where a thread's `comment` mark stands now, in ProseMirror positions. */
export interface CommentAnchorRange {
  from: number;
  to: number;
  /** The text between `from` and `to`, blocks separated by a line break. */
  text: string;
}

/** The document's characters with their ProseMirror positions; a '\n' stands for each block boundary. */
interface TextIndex {
  text: string;
  /** Position of each character of `text` (-1 for the block separators). */
  positions: number[];
}

function textIndex(doc: PmNode): TextIndex {
  let text = '';
  const positions: number[] = [];
  let lastEnd = -1;
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    if (lastEnd !== -1 && pos !== lastEnd) {
      text += '\n';
      positions.push(-1);
    }
    for (let i = 0; i < node.text.length; i += 1) positions.push(pos + i);
    text += node.text;
    lastEnd = pos + node.text.length;
  });
  return { text, positions };
}

/** The text between two positions as `textIndex` spells it (what the editor sends as the quote). */
export function textBetween(doc: PmNode, from: number, to: number): string {
  const { text, positions } = textIndex(doc);
  let out = '';
  let inside = false;
  for (let i = 0; i < text.length; i += 1) {
    const pos = positions[i]!;
    if (pos === -1) {
      if (inside) out += '\n';
      continue;
    }
    inside = pos >= from && pos < to;
    if (inside) out += text[i];
  }
  return out.replace(/\n+$/, '');
}

export type AnchorResolution = { ok: true; from: number; to: number; text: string } | { ok: false };

/**
 * Finds the range to anchor a new thread to: `from`–`to` when its text is `quote` (or no quote was given
 * and it holds text); otherwise the occurrence of `quote` nearest to `from`; otherwise none.
 */
export function resolveAnchor(
  doc: PmNode,
  anchor: { from: number; to: number; quote?: string },
): AnchorResolution {
  const size = doc.content.size;
  const inRange = anchor.from >= 0 && anchor.to <= size && anchor.from < anchor.to;
  const here = inRange ? textBetween(doc, anchor.from, anchor.to) : '';
  const quote = anchor.quote?.replace(/\r\n/g, '\n');
  if (here.trim() !== '' && (quote === undefined || here === quote)) {
    return { ok: true, from: anchor.from, to: anchor.to, text: here };
  }
  if (!quote || quote.trim() === '') return { ok: false };
  const { text, positions } = textIndex(doc);
  let best: { from: number; to: number } | null = null;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    const start = positions.slice(i).find((p) => p !== -1);
    const last = positions
      .slice(i, i + quote.length)
      .filter((p) => p !== -1)
      .at(-1);
    if (start === undefined || last === undefined) continue;
    const candidate = { from: start, to: last + 1 };
    if (!best || Math.abs(candidate.from - anchor.from) < Math.abs(best.from - anchor.from)) best = candidate;
  }
  return best ? { ok: true, ...best, text: quote } : { ok: false };
}

/** The action plan as ProseMirror sees it, with the binding metadata `updateYFragment` needs. */
export function actionPlanProseMirror(doc: Y.Doc) {
  return initProseMirrorDoc(actionPlanContent(doc), actionPlanSchema());
}

/**
 * Rewrites the action plan to `next` (a transform of the document `actionPlanProseMirror` gave), touching
 * only what differs, so concurrent edits elsewhere are kept. Call inside the change of a live document.
 */
function writeProseMirror(doc: Y.Doc, next: PmNode, meta: ReturnType<typeof actionPlanProseMirror>['meta']) {
  updateYFragment(doc, actionPlanContent(doc), next, meta);
}

/** A range as Yjs relative positions: it moves with edits made while the server works on it. */
export interface RelativeRange {
  from: Y.RelativePosition;
  to: Y.RelativePosition;
}

export function relativeRange(doc: Y.Doc, from: number, to: number): RelativeRange {
  const { meta } = actionPlanProseMirror(doc);
  const fragment = actionPlanContent(doc);
  return {
    from: absolutePositionToRelativePosition(from, fragment, meta.mapping) as Y.RelativePosition,
    to: absolutePositionToRelativePosition(to, fragment, meta.mapping) as Y.RelativePosition,
  };
}

/** Where a relative range stands now; null when its text is gone. */
export function absoluteRange(doc: Y.Doc, range: RelativeRange): { from: number; to: number } | null {
  const { meta } = actionPlanProseMirror(doc);
  const fragment = actionPlanContent(doc);
  const from = relativePositionToAbsolutePosition(doc, fragment, range.from, meta.mapping);
  const to = relativePositionToAbsolutePosition(doc, fragment, range.to, meta.mapping);
  return from !== null && to !== null && from < to ? { from, to } : null;
}

/** Marks `from`–`to` with the thread's `comment` mark; false when the range holds no text. */
export function addCommentMark(doc: Y.Doc, threadId: string, from: number, to: number): boolean {
  const { doc: pm, meta } = actionPlanProseMirror(doc);
  if (from < 0 || to > pm.content.size || from >= to || textBetween(pm, from, to).trim() === '') return false;
  const markType = actionPlanSchema().marks.comment!;
  const tr = new Transform(pm).addMark(from, to, markType.create({ threadId }));
  writeProseMirror(doc, tr.doc, meta);
  return true;
}

/** Removes the thread's `comment` mark wherever it is (a thread deleted with its only comment). */
export function removeCommentMark(doc: Y.Doc, threadId: string): void {
  const { doc: pm, meta } = actionPlanProseMirror(doc);
  const markType = actionPlanSchema().marks.comment!;
  const tr = new Transform(pm);
  pm.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (mark.type === markType && mark.attrs.threadId === threadId) {
        tr.removeMark(pos, pos + node.nodeSize, mark);
      }
    }
  });
  if (tr.docChanged) writeProseMirror(doc, tr.doc, meta);
}

/**
 * Where each thread's mark stands, in document order: from its first marked character to its last.
 * Threads whose marked text is gone are absent (orphaned).
 */
export function commentAnchors(pm: PmNode): Map<string, CommentAnchorRange> {
  const spans = new Map<string, { from: number; to: number }>();
  pm.descendants((node, pos) => {
    if (!node.isText) return;
    for (const mark of node.marks) {
      if (mark.type.name !== 'comment' || typeof mark.attrs.threadId !== 'string') continue;
      const id = mark.attrs.threadId;
      const seen = spans.get(id);
      spans.set(id, { from: seen?.from ?? pos, to: pos + node.nodeSize });
    }
  });
  const anchors = new Map<string, CommentAnchorRange>();
  const ordered = [...spans.entries()].sort((a, b) => a[1].from - b[1].from);
  for (const [id, span] of ordered) anchors.set(id, { ...span, text: textBetween(pm, span.from, span.to) });
  return anchors;
}
