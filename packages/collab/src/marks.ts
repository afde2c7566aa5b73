import { Mark } from '@tiptap/core';

/**
 * Who made a suggestion and when, kept in the suggestion mark itself so authorship travels with the text
 * through versions and restores (the sync server checks that a new suggestion carries its sender's own id).
 */
export interface SuggestionAuthor {
  authorId: string;
  authorName: string;
  /** ISO 8601. */
  at: string;
}

/** The suggestion mark names of `@handlewithcare/prosemirror-suggest-changes`. */
export const SUGGESTION_MARKS = ['insertion', 'deletion', 'modification'] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];

const MODIFICATION_ATTRS = {
  type: { default: null, rendered: false },
  attrName: { default: null, rendered: false },
  previousValue: { default: null, rendered: false },
  newValue: { default: null, rendered: false },
};

const TAGS: Record<SuggestionMarkName, string> = { insertion: 'ins', deletion: 'del', modification: 'span' };

/**
 * A suggestion mark compatible with prosemirror-suggest-changes' own specs (same names, attrs `id` and `data`,
 * not inclusive, excluding each other), as a Tiptap extension so the one schema in editor.ts holds it.
 */
function suggestionMark(name: SuggestionMarkName) {
  return Mark.create({
    name,
    inclusive: false,
    excludes: SUGGESTION_MARKS.join(' '),
    addAttributes() {
      return {
        // What a modification changed (prosemirror-suggest-changes reverts it from these).
        ...(name === 'modification' ? MODIFICATION_ATTRS : {}),
        id: {
          default: null,
          parseHTML: (el) => el.getAttribute('data-id'),
          renderHTML: (a) => ({ 'data-id': a.id }),
        },
        data: {
          default: null,
          parseHTML: (el) => parseData(el.getAttribute('data-suggestion')),
          renderHTML: (a) => (a.data ? { 'data-suggestion': JSON.stringify(a.data) } : {}),
        },
      };
    },
    parseHTML() {
      return [{ tag: `${TAGS[name]}[data-${name}]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return [TAGS[name], { ...HTMLAttributes, [`data-${name}`]: '' }, 0];
    },
  });
}

function parseData(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export const Insertion = suggestionMark('insertion');
export const Deletion = suggestionMark('deletion');
export const Modification = suggestionMark('modification');

/**
 * The anchor of a comment thread: the thread itself (body, author, replies, resolved) lives in PostgreSQL.
 * Threads may overlap (`excludes: ''`); typing at the edge of a commented range does not extend it.
 */
export const Comment = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',
  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-thread-id'),
        renderHTML: (a) => ({ 'data-thread-id': a.threadId }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-thread-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, class: 'comment-anchor' }, 0];
  },
});
