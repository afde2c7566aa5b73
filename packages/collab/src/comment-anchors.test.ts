import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actionPlanProseMirror,
  addCommentMark,
  commentAnchors,
  removeCommentMark,
  resolveAnchor,
} from './comment-anchors.ts';
import { writeActionPlanJson } from './editor.ts';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function plan(...texts: string[]): Y.Doc {
  const doc = new Y.Doc();
  writeActionPlanJson(doc, { type: 'doc', content: texts.map(paragraph) });
  return doc;
}

const pm = (doc: Y.Doc) => actionPlanProseMirror(doc).doc;

describe('comment anchors', () => {
  it('takes the range as given when its text matches the quote, else the nearest occurrence, else none', () => {
    const doc = plan('Kita und Kita', 'Schule');
    expect(resolveAnchor(pm(doc), { from: 1, to: 5, quote: 'Kita' })).toEqual({
      ok: true,
      from: 1,
      to: 5,
      text: 'Kita',
    });
    // Someone typed before the selection: the quote is found where it moved to, nearest first.
    expect(resolveAnchor(pm(doc), { from: 8, to: 12, quote: 'Kita' })).toEqual({
      ok: true,
      from: 10,
      to: 14,
      text: 'Kita',
    });
    expect(resolveAnchor(pm(doc), { from: 1, to: 20, quote: 'Kita und Kita\nSchule' })).toMatchObject({
      ok: true,
      from: 1,
      to: 22,
    });
    expect(resolveAnchor(pm(doc), { from: 1, to: 5, quote: 'Hort' })).toEqual({ ok: false });
    expect(resolveAnchor(pm(doc), { from: 500, to: 501 })).toEqual({ ok: false });
  });

  it('writes, finds (in document order) and removes overlapping thread marks', () => {
    const doc = plan('Viele Familien brauchen Beratung.');
    expect(addCommentMark(doc, 'b', 25, 33)).toBe(true);
    expect(addCommentMark(doc, 'a', 1, 15)).toBe(true);
    expect(addCommentMark(doc, 'c', 7, 30)).toBe(true);
    expect(addCommentMark(doc, 'x', 40, 41)).toBe(false);
    const anchors = commentAnchors(pm(doc));
    expect([...anchors.keys()]).toEqual(['a', 'c', 'b']);
    expect(anchors.get('a')).toEqual({ from: 1, to: 15, text: 'Viele Familien' });
    expect(anchors.get('c')?.text).toBe('Familien brauchen Berat');
    removeCommentMark(doc, 'c');
    expect([...commentAnchors(pm(doc)).keys()]).toEqual(['a', 'b']);
    expect(pm(doc).textContent).toBe('Viele Familien brauchen Beratung.');
  });
});
