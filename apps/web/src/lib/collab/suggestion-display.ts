import { colourFor } from '@quartierplan/collab';
import { suggestionAuthor, type SuggestionAuthor } from '@quartierplan/collab/suggestions';
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

const KINDS = new Set(['insertion', 'deletion', 'modification']);

/** The attributes that show who suggested something: their presence colour and „Vorschlag von …, …“. */
function attrsFor(
  kind: string,
  author: SuggestionAuthor | null,
  title: (author: SuggestionAuthor) => string,
) {
  return {
    class: `suggestion suggestion-${kind}`,
    style: `--suggestion-colour: ${author ? colourFor(author.authorId) : '#475569'}`,
    ...(author ? { title: title(author) } : {}),
  };
}

export function suggestionDecorations(
  doc: PmNode,
  title: (author: SuggestionAuthor) => string,
): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (!KINDS.has(mark.type.name)) continue;
      const attrs = attrsFor(mark.type.name, suggestionAuthor(mark), title);
      decorations.push(
        node.isInline
          ? Decoration.inline(pos, pos + node.nodeSize, attrs)
          : Decoration.node(pos, pos + node.nodeSize, attrs),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Shows suggestions in their author's colour with a tooltip naming author and time; used by the editor and by
 * the version view (a version shows what was suggested then).
 */
export const SuggestionDisplay = Extension.create<{ title: (author: SuggestionAuthor) => string }>({
  name: 'suggestionDisplay',
  addOptions() {
    return { title: (author) => author.authorName };
  },
  addProseMirrorPlugins() {
    const title = this.options.title;
    return [
      new Plugin({
        key: new PluginKey('suggestionDisplay'),
        state: {
          init: (_, state) => suggestionDecorations(state.doc, title),
          apply: (tr, old) => (tr.docChanged ? suggestionDecorations(tr.doc, title) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});
