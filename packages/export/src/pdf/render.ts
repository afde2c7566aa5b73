import { createRequire } from 'node:module';
import { PAPER_SECTION_LABELS as L, type PaperDocumentInput, type RichTextBlock } from '@quartierplan/domain';
import {
  CHECKED_BOX,
  inlineRuns,
  paperBlocks,
  paperMeta,
  toPaperDocument,
  type FieldRow,
  type PaperBlock,
  type TextRun,
} from '../model.ts';
import { pdfMake, type Content, type DocumentDefinition, type TableCell } from './pdfmake.ts';

export const FONT = 'DejaVuSans';

let fontsLoaded = false;

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` package: it covers German (ä ö ü ß Ä Ö Ü) and the ballot box ☒, needs
 * no system fonts, and pdfmake embeds the used subset. pdfmake loads fonts by path, so the local access policy
 * admits exactly these four files and no URL at all: paper content can never make the renderer fetch or read
 * anything else.
 */
export function setUpPdfMake(): void {
  if (fontsLoaded) return;
  const require = createRequire(import.meta.url);
  const allowed = new Set<string>();
  const font = (file: string) => {
    const path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
    allowed.add(path);
    return path;
  };
  pdfMake.setFonts({
    [FONT]: {
      normal: font('DejaVuSans.ttf'),
      bold: font('DejaVuSans-Bold.ttf'),
      italics: font('DejaVuSans-Oblique.ttf'),
      bolditalics: font('DejaVuSans-BoldOblique.ttf'),
    },
  });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => allowed.has(path));
  fontsLoaded = true;
}

/**
 * The city letterhead at the top of every page of our PDFs: the body in capitals over its address
 * lines, and `right` (reference, Sozialraum, date) beside them.
 */
export function cityHeader(
  body: { name: string; letterhead: readonly string[] },
  right: string,
  margin: [number, number, number, number],
): () => Content {
  return () => ({
    margin,
    columns: [
      {
        width: '*',
        stack: [
          { text: body.name.toUpperCase(), bold: true, fontSize: 16 },
          ...body.letterhead.map((line): Content => ({ text: line, fontSize: 8 })),
        ],
      },
      { width: 'auto', alignment: 'right', fontSize: 8, text: right },
    ],
  });
}

/** "Seite X von Y" at the foot of every page. */
export function pageFooter(top: number): (currentPage: number, pageCount: number) => Content {
  return (currentPage, pageCount) => ({
    text: `${L.page} ${currentPage} ${L.pageOf} ${pageCount}`,
    alignment: 'center',
    fontSize: 8,
    margin: [0, top, 0, 0],
  });
}

/**
 * pdfmake never breaks inside a word, so a word wider than the column (a pasted URL, a long compound) would
 * run off the page. Zero-width spaces give the line breaker places to break such words; they print nothing.
 */
export function breakable(text: string): string {
  return text.replace(/\S{40,}/gu, (word) => (word.match(/.{1,30}/gu) ?? [word]).join('\u200B'));
}

// pdfmake knows no break run; a leading newline in the text does the same.
function runs(list: readonly TextRun[]): Content[] {
  return list.map((run) => ({
    text: `${run.break ? '\n' : ''}${breakable(run.text)}`,
    bold: Boolean(run.bold),
    italics: Boolean(run.italic),
  }));
}

function fields(rows: readonly FieldRow[]): Content {
  return {
    layout: 'noBorders',
    margin: [0, 0, 0, 8],
    table: {
      widths: [150, '*'],
      body: rows.map((row): TableCell[] => [
        { text: row.label, bold: true },
        { text: row.lines.length > 0 ? breakable(row.lines.join('\n')) : ' ' },
      ]),
    },
  };
}

function consultations(block: Extract<PaperBlock, { kind: 'consultations' }>): Content[] {
  const label: Content = { text: block.label, bold: true, margin: [0, 0, 0, 4] };
  if (block.rows.length === 0) return [label, { text: '–', margin: [0, 0, 0, 8] }];
  return [
    label,
    {
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
      table: {
        headerRows: 1,
        widths: [65, '*', 80, 95],
        body: [
          ['Datum', 'Gremium', 'Rolle', 'Ergebnis'].map((text): TableCell => ({ text, bold: true })),
          ...block.rows.map((row): TableCell[] => [row.date, breakable(row.committee), row.role, row.result]),
        ],
      },
    },
  ];
}

/** ProseMirror blocks as pdfmake content; headings inside the Begründung rank below the section headings. */
function richBlocks(blocks: readonly RichTextBlock[]): Content[] {
  return blocks.map((block): Content => {
    switch (block.type) {
      case 'paragraph':
        return { text: runs(inlineRuns(block.content)), margin: [0, 0, 0, 6] };
      case 'heading':
        return { text: runs(inlineRuns(block.content)), style: block.attrs.level <= 1 ? 'h3' : 'h4' };
      case 'bulletList':
        return {
          ul: block.content.map((item) => ({ stack: richBlocks(item.content) })),
          margin: [0, 0, 0, 6],
        };
      case 'orderedList':
        return {
          ol: block.content.map((item) => ({ stack: richBlocks(item.content) })),
          start: block.attrs?.start ?? 1,
          margin: [0, 0, 0, 6],
        };
      case 'table': {
        const columns = Math.max(1, ...block.content.map((row) => row.content.length));
        const header = block.content[0]?.content.every((cell) => cell.type === 'tableHeader') ?? false;
        return {
          margin: [0, 0, 0, 6],
          table: {
            headerRows: header ? 1 : 0,
            widths: Array.from({ length: columns }, () => '*'),
            // pdfmake needs every row to have all columns; short rows are padded with empty cells.
            body: block.content.map((row) =>
              Array.from({ length: columns }, (_, i): TableCell => {
                const cell = row.content[i];
                if (!cell) return { text: '' };
                return { stack: richBlocks(cell.content), bold: cell.type === 'tableHeader' };
              }),
            ),
          },
        };
      }
    }
  });
}

function signatures(list: ReadonlyArray<{ name: string; role: string }>): Content[] {
  const rows: Content[] = [];
  for (let i = 0; i < list.length; i += 2) {
    rows.push({
      margin: [0, 24, 0, 0],
      unbreakable: true,
      columns: [0, 1].map((k): Content => {
        const signature = list[i + k];
        return signature ? { text: `${signature.name}\n${signature.role}` } : { text: '' };
      }),
    });
  }
  return rows;
}

function body(blocks: readonly PaperBlock[]): Content[] {
  return blocks.flatMap((block): Content[] => {
    switch (block.kind) {
      case 'title':
        return [
          { text: block.text, style: 'h1' },
          ...(block.note
            ? [{ text: block.note, italics: true, color: '#C00000', margin: [0, 0, 0, 8] } as Content]
            : []),
        ];
      case 'fields':
        return [fields(block.rows)];
      case 'consultations':
        return consultations(block);
      case 'heading':
        return [{ text: block.text, style: 'h2' }];
      case 'paragraph':
        return [{ text: runs(block.runs), margin: [0, 0, 0, 6] }];
      case 'numbered':
        return [{ ol: block.items.map((text) => ({ text: breakable(text) })), margin: [0, 0, 0, 6] }];
      case 'bullets':
        return [{ ul: block.items.map((text) => ({ text: breakable(text) })), margin: [0, 0, 0, 6] }];
      case 'checkbox':
        return [{ text: `${CHECKED_BOX} ${block.text}`, margin: [0, 0, 0, 6] }];
      case 'richText':
        return richBlocks(block.doc.content);
      case 'signatures':
        return signatures(block.signatures);
    }
  });
}

/**
 * Renders a paper as PDF with the same blocks, in the same order, as the DOCX: letterhead and Drucksachennummer in
 * the page header, "Seite X von Y" in the footer, DejaVu Sans embedded. Validates the input first (throws a
 * `ZodError` with German messages).
 */
export async function renderPaperPdf(input: PaperDocumentInput): Promise<Buffer> {
  setUpPdfMake();
  const paper = toPaperDocument(input);
  const meta = paperMeta(paper);
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageMargins: [70, 100, 55, 60],
    info: {
      title: `${meta.reference} ${meta.subject}`,
      subject: meta.title,
      creator: 'Quartierplan',
      producer: 'Quartierplan',
    },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      h4: { fontSize: 10, bold: true, italics: true, margin: [0, 6, 0, 4] },
    },
    header: cityHeader(
      { name: meta.bodyName, letterhead: meta.letterhead },
      `${L.reference}: ${meta.reference}\n${L.date}: ${meta.date}`,
      [70, 30, 55, 0],
    ),
    footer: pageFooter(20),
    content: body(paperBlocks(paper)),
  };
  return pdfMake.createPdf(definition).getBuffer();
}
