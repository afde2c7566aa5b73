import { randomUUID } from 'node:crypto';
import {
  applySuggestions,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import type { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { actionPlanSchema, type SuggestionAuthor } from './editor.ts';
import { SUGGESTION_MARKS } from './marks.ts';
import { actionPlanContent } from './schema.ts';

const SUGGESTION_NAMES = new Set<string>(SUGGESTION_MARKS);

/** The action plan of `doc` as the editor reads it. */
export function editorState(doc: Y.Doc): EditorState {
  return EditorState.create({
    doc: yXmlFragmentToProseMirrorRootNode(actionPlanContent(doc), actionPlanSchema()),
  });
}

/**
 * Edits the action plan of `doc` as the Tiptap editor does (tests): `edit` builds a transaction on the current
 * state; with an `author` it goes through the suggestion library's transform and the new suggestion marks get
 * the author's data; the result is written into `doc` by y-tiptap (so a connected provider sends it).
 */
export function editAsEditor(
  doc: Y.Doc,
  edit: (state: EditorState) => Transaction,
  author?: SuggestionAuthor,
): Node {
  let state = editorState(doc);
  const tr = edit(state);
  state = state.apply(author ? transformToSuggestionTransaction(tr, state, () => randomUUID()) : tr);
  if (author) state = state.apply(stampAuthor(state, author));
  updateYFragment(doc, actionPlanContent(doc), state.doc, { mapping: new Map(), isOMark: new Map() });
  return state.doc;
}

/** Gives every suggestion mark without data the author's (what the editor does after the library's transform). */
export function stampAuthor(state: EditorState, author: SuggestionAuthor): Transaction {
  const tr = state.tr;
  state.doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (SUGGESTION_NAMES.has(mark.type.name) && mark.attrs.data === null) {
        tr.removeMark(pos, pos + node.nodeSize, mark);
        tr.addMark(pos, pos + node.nodeSize, mark.type.create({ ...mark.attrs, data: author }));
      }
    }
  });
  return tr;
}

/** Where `needle` first starts in the action plan, in ProseMirror positions. */
export function textPosition(state: EditorState, needle: string): number {
  let found = -1;
  state.doc.descendants((node, pos) => {
    const index = found < 0 && node.isText ? (node.text ?? '').indexOf(needle) : -1;
    if (index >= 0) found = pos + index;
    return found < 0;
  });
  if (found < 0) throw new Error(`${needle} not found`);
  return found;
}

/** An editor accepting every suggestion (the library's applySuggestions), as a transaction. */
export function acceptAll(state: EditorState): Transaction {
  let accepted = state.tr;
  applySuggestions(state, (tr) => (accepted = tr));
  return accepted;
}
