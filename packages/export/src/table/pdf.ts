import { formatGermanDate } from '@quartierplan/domain';
import { cleanText } from '../model.ts';
import { pdfMake, type DocumentDefinition, type TableCell } from '../pdf/pdfmake.ts';
import { breakable, cityHeader, FONT, pageFooter, setUpPdfMake } from '../pdf/render.ts';

/** A list as a table in the city layout: letterhead, title, one row per entry. */
export interface TablePdfInput {
  body: { name: string; letterhead: readonly string[] };
  title: string;
  /** Right of the letterhead, e.g. "Sozialraum: AH Altenhagen". */
  subject: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Header and relative width of each column. */
  columns: ReadonlyArray<{ header: string; width: number }>;
  rows: ReadonlyArray<ReadonlyArray<string>>;
}

/** Renders a table as a landscape A4 PDF with the look of the paper PDF; the header row repeats on each page. */
export async function renderTablePdf(input: TablePdfInput): Promise<Buffer> {
  setUpPdfMake();
  const total = input.columns.reduce((sum, c) => sum + c.width, 0);
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [55, 90, 55, 50],
    info: { title: cleanText(input.title), creator: 'Quartierplan', producer: 'Quartierplan' },
    defaultStyle: { font: FONT, fontSize: 8, lineHeight: 1.15 },
    header: cityHeader(
      { name: cleanText(input.body.name), letterhead: input.body.letterhead.map(cleanText) },
      `${cleanText(input.subject)}\nStand: ${formatGermanDate(input.date)}`,
      [55, 25, 55, 0],
    ),
    footer: pageFooter(15),
    content: [
      { text: cleanText(input.title), fontSize: 14, bold: true, margin: [0, 0, 0, 10] },
      {
        layout: 'lightHorizontalLines',
        table: {
          headerRows: 1,
          widths: input.columns.map((c) => `${((c.width / total) * 100).toFixed(2)}%`),
          body: [
            input.columns.map((c): TableCell => ({ text: c.header, bold: true })),
            ...input.rows.map((row) =>
              input.columns.map((_, i): TableCell => ({ text: breakable(cleanText(row[i] ?? '')) })),
            ),
          ],
        },
      },
    ],
  };
  return pdfMake.createPdf(definition).getBuffer();
}
