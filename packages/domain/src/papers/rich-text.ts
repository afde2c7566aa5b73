import { z } from 'zod';

/**
 * Rich text as the Tiptap/ProseMirror editor saves it (`editor.getJSON()`), limited to what a council paper
 * needs: paragraphs, headings, lists, tables, bold, italic and links. Unknown attributes (text alignment, link
 * targets, column widths) are dropped; unknown nodes and marks are rejected so that nothing reaches an export
 * that the renderers do not handle on purpose.
 */
export type RichTextMark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };

/** A run of text with its marks. */
export interface RichTextText {
  type: 'text';
  text: string;
  marks?: RichTextMark[];
}

/** A line break inside a paragraph (Shift+Enter in the editor). */
export interface RichTextHardBreak {
  type: 'hardBreak';
}

export type RichTextInline = RichTextText | RichTextHardBreak;

export interface RichTextParagraph {
  type: 'paragraph';
  content?: RichTextInline[];
}

export interface RichTextHeading {
  type: 'heading';
  attrs: { level: number };
  content?: RichTextInline[];
}

export interface RichTextListItem {
  type: 'listItem';
  content: RichTextBlock[];
}

export interface RichTextBulletList {
  type: 'bulletList';
  content: RichTextListItem[];
}

export interface RichTextOrderedList {
  type: 'orderedList';
  attrs?: { start?: number };
  content: RichTextListItem[];
}

export interface RichTextTableCell {
  type: 'tableCell' | 'tableHeader';
  content: RichTextBlock[];
}

export interface RichTextTableRow {
  type: 'tableRow';
  content: RichTextTableCell[];
}

export interface RichTextTable {
  type: 'table';
  content: RichTextTableRow[];
}

export type RichTextBlock =
  RichTextParagraph | RichTextHeading | RichTextBulletList | RichTextOrderedList | RichTextTable;

/** The root node of a rich-text field. */
export interface RichTextDoc {
  type: 'doc';
  content: RichTextBlock[];
}

/** Bounds that keep a single field renderable: a paper is long, but not a book. */
export const RICH_TEXT_LIMITS = { textLength: 100_000, nodes: 20_000, depth: 12, hrefLength: 2_000 } as const;

const markSchema: z.ZodType<RichTextMark> = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('bold') }),
    z.object({ type: z.literal('italic') }),
    z.object({
      type: z.literal('link'),
      attrs: z.object({
        href: z.string().max(RICH_TEXT_LIMITS.hrefLength, { message: 'Der Link ist zu lang.' }),
      }),
    }),
  ],
  { message: 'Nicht unterstützte Formatierung im Text (erlaubt: fett, kursiv, Link).' },
);

const inlineSchema: z.ZodType<RichTextInline> = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('text'),
      text: z.string().max(RICH_TEXT_LIMITS.textLength, { message: 'Der Textabschnitt ist zu lang.' }),
      marks: z.array(markSchema).max(10).optional(),
    }),
    z.object({ type: z.literal('hardBreak') }),
  ],
  { message: 'Nicht unterstütztes Element in einer Zeile.' },
);

const inlineContent = z.array(inlineSchema).optional();

const listItemSchema: z.ZodType<RichTextListItem> = z.object({
  type: z.literal('listItem', { message: 'Eine Liste darf nur Listenpunkte enthalten.' }),
  get content() {
    return z.array(blockSchema);
  },
});

const tableCellSchema: z.ZodType<RichTextTableCell> = z.object({
  type: z.enum(['tableCell', 'tableHeader'], { message: 'Eine Tabellenzeile darf nur Zellen enthalten.' }),
  get content() {
    return z.array(blockSchema);
  },
});

const tableRowSchema: z.ZodType<RichTextTableRow> = z.object({
  type: z.literal('tableRow', { message: 'Eine Tabelle darf nur Zeilen enthalten.' }),
  content: z.array(tableCellSchema),
});

// Named, so the OpenAPI document shows the recursive block once as `RichTextBlock`.
const blockSchema: z.ZodType<RichTextBlock> = z
  .lazy(() =>
    z.discriminatedUnion(
      'type',
      [
        z.object({ type: z.literal('paragraph'), content: inlineContent }),
        z.object({
          type: z.literal('heading'),
          attrs: z.object({
            level: z.number().int().min(1).max(6, { message: 'Überschriften haben die Ebenen 1 bis 6.' }),
          }),
          content: inlineContent,
        }),
        z.object({ type: z.literal('bulletList'), content: z.array(listItemSchema) }),
        z.object({
          type: z.literal('orderedList'),
          attrs: z.object({ start: z.number().int().min(0).max(100_000).optional() }).optional(),
          content: z.array(listItemSchema),
        }),
        z.object({ type: z.literal('table'), content: z.array(tableRowSchema) }),
      ],
      {
        message:
          'Nicht unterstütztes Element im Text (erlaubt: Absätze, Überschriften, Listen, Tabellen, fett, kursiv, Links).',
      },
    ),
  )
  .meta({ id: 'RichTextBlock' });

type AnyNode =
  RichTextDoc | RichTextBlock | RichTextListItem | RichTextTableRow | RichTextTableCell | RichTextInline;

function childrenOf(node: AnyNode): readonly AnyNode[] {
  return 'content' in node && Array.isArray(node.content) ? node.content : [];
}

/** Counts nodes and measures depth without recursion, so a hostile document cannot exhaust the stack here. */
function measure(doc: RichTextDoc): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack: Array<[AnyNode, number]> = [[doc, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop() as [AnyNode, number];
    nodes += 1;
    depth = Math.max(depth, level);
    for (const child of childrenOf(node)) stack.push([child, level + 1]);
  }
  return { nodes, depth };
}

/** Zod schema of a rich-text field (a ProseMirror `doc`), with German messages. */
export const richTextDocSchema: z.ZodType<RichTextDoc> = z
  .object({
    type: z.literal('doc', { message: 'Rich-Text muss ein Dokument (type "doc") sein.' }),
    content: z.array(blockSchema),
  })
  .superRefine((doc, ctx) => {
    const { nodes, depth } = measure(doc);
    if (nodes > RICH_TEXT_LIMITS.nodes)
      ctx.addIssue({ code: 'custom', message: 'Der Text ist zu umfangreich.' });
    if (depth > RICH_TEXT_LIMITS.depth)
      ctx.addIssue({ code: 'custom', message: 'Der Text ist zu tief verschachtelt.' });
  });

/** Plain text of an inline run list; links keep their address in parentheses, as in the exports. */
export function inlinePlainText(content: readonly RichTextInline[] | undefined): string {
  return (content ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '\n';
      const link = node.marks?.find((mark) => mark.type === 'link');
      return link && link.attrs.href && link.attrs.href !== node.text
        ? `${node.text} (${link.attrs.href})`
        : node.text;
    })
    .join('');
}

function blockPlainText(block: RichTextBlock | RichTextListItem | RichTextTableCell): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [inlinePlainText(block.content)];
    case 'bulletList':
    case 'orderedList':
      return block.content.map((item, index) => {
        const marker = block.type === 'bulletList' ? '-' : `${(block.attrs?.start ?? 1) + index}.`;
        return `${marker} ${item.content.flatMap(blockPlainText).join('\n')}`;
      });
    case 'table':
      return block.content.map((row) =>
        row.content.map((cell) => cell.content.flatMap(blockPlainText).join(' ')).join('\t'),
      );
    case 'listItem':
    case 'tableCell':
    case 'tableHeader':
      return block.content.flatMap(blockPlainText);
  }
}

/** The text of a rich-text document, blocks separated by blank lines (for OParl, search and previews). */
export function richTextToPlainText(doc: RichTextDoc | undefined): string {
  return (doc?.content ?? []).flatMap(blockPlainText).join('\n\n');
}

/** A rich-text document from plain text: one paragraph per block of lines separated by a blank line. */
export function richTextFromPlainText(text: string): RichTextDoc {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split(/\r?\n/).flatMap((line, i): RichTextInline[] => {
        const text: RichTextInline = { type: 'text', text: line };
        return i === 0 ? [text] : [{ type: 'hardBreak' }, text];
      }),
    })),
  };
}
