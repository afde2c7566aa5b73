import {
  applySuggestion,
  enableSuggestChanges,
  transformToSuggestionTransaction,
  isSuggestChangesEnabled,
  revertSuggestion,
  suggestChanges,
  suggestChangesKey,
  withSuggestChanges,
} from '@handlewithcare/prosemirror-suggest-changes';
import { Extension } from '@tiptap/core';
import type { Mark, Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Mapping } from '@tiptap/pm/transform';
import { SUGGESTION_MARKS, type SuggestionAuthor, type SuggestionMarkName } from './marks.ts';

export {
  disableSuggestChanges,
  enableSuggestChanges,
  isSuggestChangesEnabled,
  selectSuggestion,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
export type { SuggestionAuthor } from './marks.ts';

/** Who is suggesting (the time is stamped per suggestion). */
export interface Suggester {
  authorId: string;
  authorName: string;
}

const SUGGESTION_MARK_SET = new Set<string>(SUGGESTION_MARKS);
const ZERO_WIDTH_SPACE = /\u200B/g;

/**
 * A suggestion id no one else will pick: several people suggest at once in their own browsers, so the library's
 * default (highest number in the document + 1) would hand two of them the same id.
 */
export function newSuggestionId(): string {
  const random =
    typeof globalThis.crypto?.randomUUID === 'function'
      ? globalThis.crypto.randomUUID()
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `s-${random}`;
}

const generateId = () => newSuggestionId();

function isSuggestionMark(mark: Mark): boolean {
  return SUGGESTION_MARK_SET.has(mark.type.name);
}

export function suggestionAuthor(mark: Mark): SuggestionAuthor | null {
  const data = mark.attrs.data as Partial<SuggestionAuthor> | null;
  if (!data || typeof data.authorId !== 'string' || typeof data.authorName !== 'string') return null;
  return {
    authorId: data.authorId,
    authorName: data.authorName,
    at: typeof data.at === 'string' ? data.at : '',
  };
}

/** A change the remote side (another person via Yjs) or the Yjs undo manager made: never re-attributed. */
function isSyncTransaction(tr: Transaction): boolean {
  const meta = tr.getMeta('y-sync$') as { isChangeOrigin?: boolean } | undefined;
  return !!meta?.isChangeOrigin;
}

interface Unstamped {
  pos: number;
  node: PmNode;
  mark: Mark;
}

/**
 * Stamps every suggestion mark this person's transaction left without `data` with {authorId, authorName, at}.
 * The library only knows ids and reuses the id of an adjacent suggestion; so that one's own text never joins
 * another person's suggestion (the sync server refuses that from commenters), a new mark next to or inside
 * someone else's suggestion gets a fresh id, and text that merely got re-marked keeps the mark it had before.
 */
export function suggestionAuthorship(getAuthor: () => Suggester | null): Plugin {
  return new Plugin({
    key: new PluginKey('suggestionAuthorship'),
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged && !isSyncTransaction(tr))) return null;
      const author = getAuthor();
      if (!author) return null;
      const unstamped: Unstamped[] = [];
      const stamped = new Map<string, SuggestionAuthor>();
      newState.doc.descendants((node, pos) => {
        for (const mark of node.marks) {
          if (!isSuggestionMark(mark)) continue;
          const data = suggestionAuthor(mark);
          if (data) stamped.set(String(mark.attrs.id), data);
          else unstamped.push({ pos, node, mark });
        }
      });
      if (unstamped.length === 0) return null;

      const back = new Mapping();
      for (const tr of transactions) back.appendMapping(tr.mapping);
      const toOld = back.invert();
      const at = new Date().toISOString();
      const fresh = new Map<string, string>();
      const tr = newState.tr;
      for (const { pos, node, mark } of unstamped) {
        let replacement =
          node.isInline && node.isText ? markBefore(oldState.doc, toOld, pos, node, mark.type.name) : null;
        if (!replacement) {
          const id = String(mark.attrs.id);
          const owner = stamped.get(id);
          const mine = !owner || owner.authorId === author.authorId;
          let newId = id;
          if (!mine) {
            newId = fresh.get(id) ?? newSuggestionId();
            fresh.set(id, newId);
          }
          const data =
            mine && owner ? owner : { authorId: author.authorId, authorName: author.authorName, at };
          replacement = mark.type.create({ ...mark.attrs, id: newId, data });
        }
        if (node.isInline) {
          tr.removeMark(pos, pos + node.nodeSize, mark.type);
          tr.addMark(pos, pos + node.nodeSize, replacement);
        } else {
          tr.removeNodeMark(pos, mark);
          tr.addNodeMark(pos, replacement);
        }
      }
      return tr.setMeta(suggestChangesKey, { skip: true });
    },
  });
}

/** The stamped mark this very text carried before the transaction, if it is old text that was only re-marked. */
function markBefore(old: PmNode, toOld: Mapping, pos: number, node: PmNode, type: string): Mark | null {
  const from = toOld.mapResult(pos, 1);
  const to = toOld.mapResult(pos + node.nodeSize, -1);
  if (from.deleted || to.deleted || to.pos - from.pos !== node.nodeSize) return null;
  if (old.textBetween(from.pos, to.pos) !== node.text) return null;
  const before = old.nodeAt(from.pos)?.marks.find((m) => m.type.name === type);
  return before && suggestionAuthor(before) ? before : null;
}

/** One open suggestion, for the review list: what it inserts and deletes, and who suggested it when. */
export interface SuggestionSummary {
  id: string;
  author: SuggestionAuthor | null;
  inserted: string;
  deleted: string;
  /** Formatting or a block's type changed (a modification mark). */
  modified: boolean;
  /** The first position the suggestion covers (to jump there). */
  from: number;
}

/** The open suggestions of a document in document order, one per id. */
export function listSuggestions(doc: PmNode): SuggestionSummary[] {
  const byId = new Map<string, SuggestionSummary>();
  doc.descendants((node, pos) => {
    let descend = true;
    for (const mark of node.marks) {
      if (!isSuggestionMark(mark)) continue;
      const id = String(mark.attrs.id);
      let entry = byId.get(id);
      if (!entry) {
        entry = { id, author: suggestionAuthor(mark), inserted: '', deleted: '', modified: false, from: pos };
        byId.set(id, entry);
      }
      const text = (node.isText ? (node.text ?? '') : blockText(node)).replace(ZERO_WIDTH_SPACE, '');
      const kind = mark.type.name as SuggestionMarkName;
      if (kind === 'insertion') entry.inserted += text;
      else if (kind === 'deletion') entry.deleted += text;
      else entry.modified = true;
      // A whole suggested block: its text is counted once, with the block.
      if (!node.isInline && kind !== 'modification') descend = false;
    }
    return descend;
  });
  return [...byId.values()];
}

function blockText(node: PmNode): string {
  return node.textBetween(0, node.content.size, ' ', ' ') + (node.isTextblock ? ' ¶ ' : ' ');
}

/**
 * Accepts (`accept`) or rejects the suggestions with these ids as one transaction (one undo step), which the
 * suggestion mode lets through as it is. Null when none of them is in the document any more.
 */
export function resolveSuggestions(
  state: EditorState,
  ids: readonly string[],
  how: 'accept' | 'reject',
): Transaction | null {
  const tr = state.tr;
  for (const id of ids) {
    const markers = zeroWidthMarkers(tr.doc, id);
    const before = tr.steps.length;
    removeWholeBlocks(tr, id, how === 'accept' ? 'deletion' : 'insertion');
    const command = how === 'accept' ? applySuggestion(id) : revertSuggestion(id);
    command(state.apply(tr), (step) => {
      for (const s of step.steps) tr.step(s);
    });
    removeLeftMarkers(tr, markers, before);
  }
  if (!tr.docChanged) return null;
  return tr.setMeta(suggestChangesKey, { skip: true }).setMeta(RESOLVE_META, how);
}

const RESOLVE_META = 'suggestionResolve';

/**
 * Where the library put zero-width spaces into this suggestion: it marks a suggested paragraph break with one,
 * and its own apply/revert removes it only when it stands alone in its text node, so typed text after it would
 * keep an invisible character for good.
 */
function zeroWidthMarkers(doc: PmNode, id: string): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const text = node.text ?? '';
    if (!text.includes('\u200B')) return false;
    if (!node.marks.some((m) => SUGGESTION_MARK_SET.has(m.type.name) && String(m.attrs.id) === id))
      return false;
    for (let i = text.indexOf('\u200B'); i !== -1; i = text.indexOf('\u200B', i + 1)) positions.push(pos + i);
    return false;
  });
  return positions;
}

/** Deletes the markers that are still there after the suggestion was resolved (mapped through its steps). */
function removeLeftMarkers(tr: Transaction, markers: readonly number[], fromStep: number): void {
  const mapping = tr.mapping.slice(fromStep);
  const left = markers
    .map((pos) => mapping.mapResult(pos, 1))
    .filter((r) => !r.deleted && tr.doc.textBetween(r.pos, r.pos + 1) === '\u200B')
    .map((r) => r.pos)
    .sort((a, b) => b - a);
  for (const pos of left) tr.delete(pos, pos + 1);
}

/**
 * Removes the blocks that carry this suggestion as a node mark (an accepted block deletion, a rejected block
 * insertion) before the library's command runs: its own removal reads past the end of the document when the
 * block is the last one.
 */
function removeWholeBlocks(tr: Transaction, id: string, markName: 'insertion' | 'deletion'): void {
  const ranges: { from: number; to: number }[] = [];
  tr.doc.descendants((node, pos) => {
    if (node.isInline) return false;
    const marked = node.marks.some((m) => m.type.name === markName && String(m.attrs.id) === id);
    if (marked) ranges.push({ from: pos, to: pos + node.nodeSize });
    return !marked;
  });
  for (const { from, to } of ranges.reverse()) tr.delete(from, to);
}

export interface SuggestModeOptions {
  /** Who suggests: stamped into every suggestion this editor makes. */
  author: Suggester | null;
  /** Suggestion mode on from the start. */
  enabled: boolean;
  /**
   * Comment access: suggestion mode cannot be turned off and nothing changes the text except as a suggestion,
   * and of the existing suggestions only one's own can be rejected (withdrawn).
   */
  locked: boolean;
  /** Called when a commenter's change was not let through (it would change another person's suggestion). */
  onRefused?: () => void;
}

/**
 * Suggestion mode for the Tiptap editor: the library's plugin (state, pilcrow decorations), its transaction
 * transform as a Tiptap 3 `dispatchTransaction` hook (y-sync and undo transactions pass as they are), string ids
 * and authorship.
 */
export const SuggestMode = Extension.create<SuggestModeOptions>({
  name: 'suggestMode',
  addOptions() {
    return { author: null, enabled: false, locked: false };
  },
  addProseMirrorPlugins() {
    return [suggestChanges(), suggestionAuthorship(() => this.options.author)];
  },
  addStorage() {
    return { created: false };
  },
  onCreate() {
    if (this.options.enabled || this.options.locked)
      enableSuggestChanges(this.editor.state, this.editor.view.dispatch);
    this.storage.created = true;
  },
  dispatchTransaction({ transaction, next }) {
    const view = this.editor.view;
    // Tiptap turns the mode on only after creation (a timeout): until then, suggesting means suggesting anyway.
    const starting = this.options.enabled && !this.storage.created;
    const { locked, author } = this.options;
    if (!locked && !starting) {
      withSuggestChanges(next, generateId).call(view, transaction);
      return;
    }
    if (locked && !allowedWhenLocked(transaction, author)) {
      this.options.onRefused?.();
      return;
    }
    if (untracked(transaction)) {
      next(transaction);
      return;
    }
    const tracked = transformToSuggestionTransaction(transaction, view.state, generateId);
    // The library really deletes inside an insertion; inside someone else's that would change their suggestion.
    if (locked && tracked.docChanged && author) {
      const after = view.state.applyTransaction(tracked).state.doc;
      if (!sameOthers(view.state.doc, after, author.authorId)) {
        this.options.onRefused?.();
        return;
      }
    }
    next(tracked);
  },
});

/** What the library leaves as it is: remote and Yjs-undo changes, and its own accept/reject/toggle. */
function untracked(tr: Transaction): boolean {
  return (
    isSyncTransaction(tr) ||
    !!tr.getMeta('history$') ||
    'skip' in ((tr.getMeta(suggestChangesKey) as object | undefined) ?? {})
  );
}

/** For commenters: no turning suggestion mode off, no direct changes, no deciding on others' suggestions. */
function allowedWhenLocked(tr: Transaction, author: Suggester | null): boolean {
  const meta = tr.getMeta(suggestChangesKey) as { enabled?: boolean; skip?: boolean } | undefined;
  if (meta && meta.enabled === false) return false;
  if (!tr.docChanged || isSyncTransaction(tr) || !meta?.skip) return true;
  // A skipped (untransformed) change from a commenter is only ever withdrawing their own suggestions.
  if (tr.getMeta(RESOLVE_META) !== 'reject' || !author) return false;
  return onlyOwnSuggestionsTouched(tr, author.authorId);
}

/** Every suggestion mark the transaction removed or changed was the author's own. */
function onlyOwnSuggestionsTouched(tr: Transaction, authorId: string): boolean {
  const before = ownership(tr.before);
  const after = ownership(tr.doc);
  for (const [id, owner] of before) {
    if (owner !== authorId && after.get(id) !== owner) return false;
  }
  return true;
}

/** Whether every suggestion of other people covers the same text before and after. */
function sameOthers(before: PmNode, after: PmNode, authorId: string): boolean {
  const a = othersText(before, authorId);
  const b = othersText(after, authorId);
  return a.size === b.size && [...a].every(([key, text]) => b.get(key) === text);
}

function othersText(doc: PmNode, authorId: string): Map<string, string> {
  const texts = new Map<string, string>();
  doc.descendants((node) => {
    for (const mark of node.marks) {
      if (!isSuggestionMark(mark) || suggestionAuthor(mark)?.authorId === authorId) continue;
      const key = `${mark.type.name}:${String(mark.attrs.id)}`;
      texts.set(
        key,
        (texts.get(key) ?? '') + (node.isText ? node.text : `[${node.type.name}:${node.textContent}]`),
      );
    }
  });
  return texts;
}

function ownership(doc: PmNode): Map<string, string | undefined> {
  const owners = new Map<string, string | undefined>();
  doc.descendants((node) => {
    for (const mark of node.marks) {
      if (isSuggestionMark(mark)) owners.set(String(mark.attrs.id), suggestionAuthor(mark)?.authorId);
    }
  });
  return owners;
}

/** Whether the editor currently suggests instead of editing. */
export function suggesting(state: EditorState): boolean {
  return isSuggestChangesEnabled(state);
}
