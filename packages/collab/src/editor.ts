import { getSchema, type AnyExtension, type Extensions, type JSONContent } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { Comment, Deletion, Insertion, Modification, SUGGESTION_MARKS } from './marks.ts';
import { actionPlanContent } from './schema.ts';

export { SUGGESTION_MARKS, type SuggestionAuthor, type SuggestionMarkName } from './marks.ts';

/**
 * The action-plan editor schema, defined once: the browser editor, the server and the exports
 * (Beschlussvorlagen take text from action plans) all read documents through it. It holds what
 * a council paper can carry: headings, paragraphs, lists, tables, links, bold and italic; and the review
 * marks: comment anchors and suggestions (insertion, deletion, modification) with their author.
 */
export function actionPlanExtensions(): Extensions {
  return [
    withBlockSuggestions(
      StarterKit.configure({
        // Collaboration brings its own per-user undo history.
        undoRedo: false,
        heading: { levels: [2, 3] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        },
      }),
    ),
    withBlockSuggestions(TableKit.configure({ table: { resizable: false } })),
    Comment,
    Insertion,
    Deletion,
    Modification,
  ];
}

/** Nodes whose children are blocks: a suggested new or deleted paragraph, list item or row is a node mark there. */
const BLOCK_CONTAINERS = new Set([
  'doc',
  'bulletList',
  'orderedList',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
]);

/**
 * A kit whose block containers may hold suggestion marks on their children (prosemirror-suggest-changes marks
 * whole inserted or deleted blocks with node marks; its README allows them on `doc`, lists and tables need it
 * too). Textblocks keep their default: every mark on inline content.
 */
function withBlockSuggestions(kit: AnyExtension): AnyExtension {
  return kit.extend({
    addExtensions() {
      return (this.parent?.() ?? []).map((extension) =>
        extension.type === 'node' && BLOCK_CONTAINERS.has(extension.name)
          ? extension.extend({ marks: SUGGESTION_MARKS.join(' ') })
          : extension,
      );
    },
  });
}

let schema: Schema | null = null;

/** The ProseMirror schema of the action plan (built once). */
export function actionPlanSchema(): Schema {
  schema ??= getSchema(actionPlanExtensions());
  return schema;
}

/**
 * The action plan as ProseMirror JSON, read through the schema: nodes a misbehaving client
 * wrote that the schema does not know are left out, so exports only ever see valid content.
 */
export function actionPlanJson(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(
    actionPlanContent(doc),
    actionPlanSchema(),
  ).toJSON() as JSONContent;
}

/** Replaces the action plan with ProseMirror JSON, checked against the schema (seeds and tests). */
export function writeActionPlanJson(doc: Y.Doc, json: JSONContent): void {
  const content = actionPlanContent(doc);
  doc.transact(() => {
    content.delete(0, content.length);
    prosemirrorJSONToYXmlFragment(actionPlanSchema(), json, content);
  });
}

const REVIEW_MARKS = new Set<string>(['comment', ...SUGGESTION_MARKS]);

/**
 * The document as it stands, without review markup: suggestions not applied (suggested insertions left out,
 * suggested deletions kept as text), comment anchors removed. What papers and clean exports take.
 */
export function withoutMarkup(node: JSONContent): JSONContent | null {
  if (node.marks?.some((m) => m.type === 'insertion')) return null;
  // Suggestion mode marks paragraph breaks with zero-width spaces; they mean nothing outside the editor.
  if (node.type === 'text' && node.text?.includes('\u200B')) {
    const text = node.text.replaceAll('\u200B', '');
    if (!text) return null;
    node = { ...node, text };
  }
  const { marks, content, ...rest } = node;
  const kept = marks?.filter((m) => !REVIEW_MARKS.has(m.type));
  return {
    ...rest,
    ...(kept && kept.length > 0 ? { marks: kept } : {}),
    ...(content ? { content: content.map(withoutMarkup).filter((n): n is JSONContent => n !== null) } : {}),
  };
}
