import { Extension, type Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** What the comments panel tells the editor: which threads are resolved, which one is active. */
export interface CommentHighlight {
  resolved: ReadonlySet<string>;
  active: string | null;
}

const key = new PluginKey<CommentHighlight & { decorations: DecorationSet }>('commentAnchors');

/** The thread ids of the `comment` marks in a document (to notice when anchors come or go). */
export function markedThreadIds(doc: PmNode): string[] {
  const ids = new Set<string>();
  doc.descendants((node) => {
    for (const mark of node.marks) {
      if (mark.type.name === 'comment' && typeof mark.attrs.threadId === 'string')
        ids.add(mark.attrs.threadId);
    }
  });
  return [...ids].sort();
}

function decorate(doc: PmNode, highlight: CommentHighlight): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return;
    const open = node.marks
      .filter((m) => m.type.name === 'comment' && !highlight.resolved.has(String(m.attrs.threadId)))
      .map((m) => String(m.attrs.threadId));
    if (open.length === 0) return;
    const active = highlight.active !== null && open.includes(highlight.active);
    decorations.push(
      Decoration.inline(pos, pos + node.nodeSize, {
        class: active ? 'comment-anchor comment-anchor-active' : 'comment-anchor',
      }),
    );
  });
  return DecorationSet.create(doc, decorations);
}

export interface CommentAnchorsOptions {
  /** Called when someone clicks text an open thread marks (the innermost thread wins). */
  onActivate: (threadId: string) => void;
}

/**
 * Highlights the text of open comment threads (the active one stronger; resolved ones not at all) and
 * activates a thread when its text is clicked. The panel feeds it with `setCommentHighlight`.
 */
export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
  name: 'commentAnchors',
  addOptions() {
    return { onActivate: () => {} };
  },
  addProseMirrorPlugins() {
    const { onActivate } = this.options;
    return [
      new Plugin({
        key,
        state: {
          init: (_, state) => {
            const highlight: CommentHighlight = { resolved: new Set(), active: null };
            return { ...highlight, decorations: decorate(state.doc, highlight) };
          },
          apply: (tr, value, _old, state) => {
            const next = tr.getMeta(key) as CommentHighlight | undefined;
            if (next) return { ...next, decorations: decorate(state.doc, next) };
            if (!tr.docChanged) return value;
            return { ...value, decorations: decorate(state.doc, value) };
          },
        },
        props: {
          decorations: (state) => key.getState(state)?.decorations ?? null,
          handleClick: (view, pos) => {
            const highlight = key.getState(view.state);
            const $pos = view.state.doc.resolve(pos);
            const marks = [...($pos.nodeAfter?.marks ?? []), ...($pos.nodeBefore?.marks ?? [])];
            const thread = marks.find(
              (m) => m.type.name === 'comment' && !highlight?.resolved.has(String(m.attrs.threadId)),
            );
            if (thread) onActivate(String(thread.attrs.threadId));
            return false;
          },
        },
      }),
    ];
  },
});

/** Tells the editor which threads are resolved and which is active (redraws the highlights). */
export function setCommentHighlight(editor: Editor, highlight: CommentHighlight): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(key, highlight).setMeta('addToHistory', false));
}

/** The selected text range and its text as the server compares it (blocks joined by line breaks). */
export function selectionForComment(editor: Editor): { from: number; to: number; quote: string } | null {
  let { from, to } = editor.state.selection;
  if (from === to) {
    // A read-only editor may not follow the browser's selection: read it from the DOM.
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
    if (!editor.view.dom.contains(selection.anchorNode) || !editor.view.dom.contains(selection.focusNode))
      return null;
    const a = editor.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const b = editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
    from = Math.min(a, b);
    to = Math.max(a, b);
  }
  const quote = quoteBetween(editor.state.doc, from, to);
  return quote.trim() ? { from, to, quote } : null;
}

/** Text between two positions, a line break between blocks (as `@quartierplan/collab/comments` counts it). */
function quoteBetween(doc: PmNode, from: number, to: number): string {
  let out = '';
  let lastEnd = -1;
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText || !node.text) return;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.text.length);
    if (start >= end) return;
    if (lastEnd !== -1 && pos !== lastEnd && out !== '') out += '\n';
    out += node.text.slice(start - pos, end - pos);
    lastEnd = pos + node.text.length;
  });
  return out;
}
