import type { PaperDocumentInput, RichTextBlock, RichTextDoc } from '@quartierplan/domain';
import { PAPER_SECTION_LABELS as L } from '@quartierplan/domain';
import {
  CHECKED_BOX,
  inlineRuns,
  paperBlocks,
  paperMeta,
  toPaperDocument,
  type FieldRow,
  type PaperBlock,
  type TextRun as Run,
} from '../model.ts';
import { cityDocx, gridBorders, MAX_LIST_LEVEL, Numberings } from './layout.ts';
import { docx, type DocxNode } from './lib.ts';

const {
  AlignmentType,
  Header,
  HeadingLevel,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} = docx;

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
const LABEL_COLUMN = 2600;
const VALUE_COLUMN = 6400;

// Every piece of user text goes through `new TextRun({ text })`, which XML-escapes it into a plain <w:t>.
// Field codes and hyperlinks only exist as w:fldChar/w:instrText/w:fldSimple/w:hyperlink elements, which this
// file never builds from user input, so braces, "HYPERLINK" or "w:fldSimple" in a text stay literal text.
function runs(list: readonly Run[], extra: { bold?: boolean } = {}): DocxNode[] {
  return list.map(
    (run) =>
      new TextRun({
        text: run.text,
        bold: run.bold || extra.bold || undefined,
        italics: run.italic || undefined,
        break: run.break ? 1 : undefined,
      }),
  );
}

function plain(text: string, options: { bold?: boolean } = {}): DocxNode {
  return new Paragraph({ children: [new TextRun({ text, bold: options.bold })] });
}

const noBorders = TableBorders.NONE;

function fieldsTable(rows: readonly FieldRow[]): DocxNode {
  return new Table({
    borders: noBorders,
    columnWidths: [LABEL_COLUMN, VALUE_COLUMN],
    width: { size: LABEL_COLUMN + VALUE_COLUMN, type: WidthType.DXA },
    rows: rows.map(
      (row) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: LABEL_COLUMN, type: WidthType.DXA },
              children: [plain(row.label, { bold: true })],
            }),
            new TableCell({
              width: { size: VALUE_COLUMN, type: WidthType.DXA },
              children: (row.lines.length > 0 ? row.lines : ['']).map((line) => plain(line)),
            }),
          ],
        }),
    ),
  });
}

function consultationTable(block: Extract<PaperBlock, { kind: 'consultations' }>): DocxNode[] {
  const label = plain(block.label, { bold: true });
  if (block.rows.length === 0) return [label, plain('–')];
  const widths = [1400, 4200, 1700, 1700];
  const cell = (text: string, index: number, bold = false) =>
    new TableCell({
      width: { size: widths[index] ?? 1700, type: WidthType.DXA },
      children: [plain(text, { bold })],
    });
  const header = new TableRow({
    tableHeader: true,
    children: ['Datum', 'Gremium', 'Rolle', 'Ergebnis'].map((text, i) => cell(text, i, true)),
  });
  return [
    label,
    new Table({
      borders: gridBorders,
      columnWidths: widths,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      rows: [
        header,
        ...block.rows.map(
          (row) =>
            new TableRow({
              children: [row.date, row.committee, row.role, row.result].map((t, i) => cell(t, i)),
            }),
        ),
      ],
    }),
  ];
}

/** Renders ProseMirror blocks; headings inside the Begründung sit below the section heading (level 2). */
function richBlocks(blocks: readonly RichTextBlock[], numberings: Numberings, listLevel = 0): DocxNode[] {
  const out: DocxNode[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        out.push(new Paragraph({ children: runs(inlineRuns(block.content)) }));
        break;
      case 'heading':
        out.push(
          new Paragraph({
            heading: HEADINGS[Math.min(block.attrs.level + 2, 6) - 1],
            children: runs(inlineRuns(block.content)),
          }),
        );
        break;
      case 'bulletList':
      case 'orderedList': {
        const reference =
          block.type === 'bulletList' ? numberings.bullet : numberings.ordered(block.attrs?.start ?? 1);
        const level = Math.min(listLevel, MAX_LIST_LEVEL);
        for (const item of block.content) {
          item.content.forEach((child, index) => {
            if (child.type === 'paragraph' || child.type === 'heading') {
              out.push(
                new Paragraph({
                  children: runs(inlineRuns(child.content)),
                  // Only the first paragraph of an item carries the number; later ones continue its text.
                  ...(index === 0
                    ? { numbering: { reference, level } }
                    : { indent: { left: 720 * (level + 1) } }),
                }),
              );
            } else if (child.type === 'bulletList' || child.type === 'orderedList') {
              out.push(...richBlocks([child], numberings, listLevel + 1));
            } else {
              out.push(...richBlocks([child], numberings, listLevel));
            }
          });
        }
        break;
      }
      case 'table': {
        const columns = Math.max(1, ...block.content.map((row) => row.content.length));
        const width = Math.floor(9000 / columns);
        out.push(
          new Table({
            borders: gridBorders,
            columnWidths: Array.from({ length: columns }, () => width),
            width: { size: width * columns, type: WidthType.DXA },
            rows: block.content.map(
              (row) =>
                new TableRow({
                  tableHeader: row.content.every((cell) => cell.type === 'tableHeader') || undefined,
                  children: row.content.map((cell) => {
                    const children = richBlocks(cell.content, numberings);
                    // A Word table cell must end with a paragraph, even when it is empty or ends with a table.
                    if (!(children.at(-1) instanceof Paragraph)) children.push(new Paragraph({}));
                    return new TableCell({
                      width: { size: width, type: WidthType.DXA },
                      children:
                        cell.type === 'tableHeader' ? boldCell(cell.content, numberings, children) : children,
                    });
                  }),
                }),
            ),
          }),
        );
        break;
      }
    }
  }
  return out;
}

function boldCell(
  content: readonly RichTextBlock[],
  numberings: Numberings,
  fallback: DocxNode[],
): DocxNode[] {
  if (!content.every((b) => b.type === 'paragraph')) return fallback;
  const paragraphs = content.map(
    (b) =>
      new Paragraph({ children: runs(inlineRuns(b.type === 'paragraph' ? b.content : []), { bold: true }) }),
  );
  return paragraphs.length > 0 ? paragraphs : fallback;
}

function richText(doc: RichTextDoc, numberings: Numberings): DocxNode[] {
  return richBlocks(doc.content, numberings);
}

function signatures(list: ReadonlyArray<{ name: string; role: string }>): DocxNode {
  const pairs: Array<Array<{ name: string; role: string }>> = [];
  for (let i = 0; i < list.length; i += 2) pairs.push(list.slice(i, i + 2));
  return new Table({
    borders: noBorders,
    columnWidths: [4500, 4500],
    width: { size: 9000, type: WidthType.DXA },
    rows: pairs.map(
      (pair) =>
        new TableRow({
          children: [0, 1].map(
            (i) =>
              new TableCell({
                width: { size: 4500, type: WidthType.DXA },
                children: pair[i]
                  ? [
                      new Paragraph({ spacing: { before: 480 }, children: [new TextRun(pair[i].name)] }),
                      plain(pair[i].role),
                    ]
                  : [new Paragraph({})],
              }),
          ),
        }),
    ),
  });
}

function body(blocks: readonly PaperBlock[], numberings: Numberings): DocxNode[] {
  const out: DocxNode[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.text)] }));
        if (block.note)
          out.push(
            new Paragraph({ children: [new TextRun({ text: block.note, italics: true, color: 'C00000' })] }),
          );
        break;
      case 'fields':
        out.push(fieldsTable(block.rows), new Paragraph({}));
        break;
      case 'consultations':
        out.push(...consultationTable(block), new Paragraph({}));
        break;
      case 'heading':
        out.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            keepNext: true,
            children: [new TextRun(block.text)],
          }),
        );
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: runs(block.runs) }));
        break;
      case 'numbered': {
        const reference = numberings.ordered(1);
        for (const item of block.items) {
          out.push(new Paragraph({ numbering: { reference, level: 0 }, children: runs([{ text: item }]) }));
        }
        break;
      }
      case 'bullets':
        for (const item of block.items) {
          out.push(
            new Paragraph({
              numbering: { reference: numberings.bullet, level: 0 },
              children: [new TextRun(item)],
            }),
          );
        }
        break;
      case 'checkbox':
        out.push(
          new Paragraph({
            children: [
              new TextRun({ text: `${CHECKED_BOX} `, font: 'Segoe UI Symbol' }),
              new TextRun(block.text),
            ],
          }),
        );
        break;
      case 'richText':
        out.push(...richText(block.doc, numberings));
        break;
      case 'signatures':
        out.push(signatures(block.signatures));
        break;
    }
  }
  return out;
}

/**
 * Renders a paper as a Word document laid out like the Hagen Beschlussvorlage: letterhead and Drucksachennummer
 * in the page header, "Seite X von Y" in the footer, real Heading 1/2 styles, Word numbering for lists.
 * Validates the input first (throws a `ZodError` with German messages).
 */
export async function renderPaperDocx(input: PaperDocumentInput): Promise<Buffer> {
  const paper = toPaperDocument(input);
  const meta = paperMeta(paper);
  const numberings = new Numberings();
  const children = body(paperBlocks(paper), numberings);

  const header = new Header({
    children: [
      new Paragraph({ children: [new TextRun({ text: meta.bodyName.toUpperCase(), bold: true, size: 32 })] }),
      ...meta.letterhead.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] })),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${L.reference}: ${meta.reference}   ${L.date}: ${meta.date}`, size: 18 }),
        ],
      }),
    ],
  });
  return cityDocx({
    title: `${meta.reference} ${meta.subject}`,
    subject: meta.title,
    header,
    children,
    numbering: { config: numberings.config },
  });
}
