import { pdfMake, type Content, type DocumentDefinition } from '../pdf/pdfmake.ts';
import { breakable, cityHeader, FONT, pageFooter, setUpPdfMake } from '../pdf/render.ts';
import { minutesModel, type MinutesExportInput } from './model.ts';

/**
 * Renders the "Auszug aus der Niederschrift" of one consultation as PDF with the look of the paper PDF
 * (letterhead, DejaVu Sans, "Seite X von Y").
 */
export async function renderMinutesPdf(input: MinutesExportInput): Promise<Buffer> {
  setUpPdfMake();
  const model = minutesModel(input);
  const content: Content[] = [
    { text: model.title, style: 'h1' },
    {
      layout: 'noBorders',
      margin: [0, 0, 0, 6],
      table: {
        widths: [110, '*'],
        body: model.rows.map((row) => [
          { text: `${row.label}:`, bold: true },
          { text: breakable(row.value) },
        ]),
      },
    },
    { text: model.minutesHeading, style: 'h2' },
    ...model.paragraphs.map((lines): Content => ({
      text: breakable(lines.join('\n')),
      margin: [0, 0, 0, 6],
    })),
  ];
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageMargins: [70, 100, 55, 60],
    info: {
      title: `${model.title} ${input.paper.reference}`,
      subject: input.committee,
      creator: 'Quartierplan',
      producer: 'Quartierplan',
    },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
    },
    header: cityHeader(
      { name: model.bodyName, letterhead: model.letterhead },
      model.headerRight,
      [70, 30, 55, 0],
    ),
    footer: pageFooter(20),
    content,
  };
  return pdfMake.createPdf(definition).getBuffer();
}
