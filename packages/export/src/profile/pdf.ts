import { pdfMake, type Content, type DocumentDefinition, type TableCell } from '../pdf/pdfmake.ts';
import { breakable, cityHeader, FONT, pageFooter, setUpPdfMake } from '../pdf/render.ts';
import { profileModel, type ProfileExportInput } from './model.ts';

/** Renders a Sozialraum profile as PDF with the look of the paper PDF (letterhead, DejaVu Sans). */
export async function renderProfilePdf(input: ProfileExportInput): Promise<Buffer> {
  setUpPdfMake();
  const model = profileModel(input);
  const content: Content[] = [{ text: model.title, style: 'h1' }];
  for (const section of model.sections) {
    content.push({ text: section.heading, style: 'h2' });
    if (section.table.rows.length === 0) {
      content.push({ text: section.empty, margin: [0, 0, 0, 6] });
      continue;
    }
    const total = section.table.widths.reduce((sum, width) => sum + width, 0);
    content.push({
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 6],
      fontSize: 9,
      table: {
        headerRows: 1,
        widths: section.table.widths.map((width) => `${((width / total) * 100).toFixed(2)}%`),
        body: [
          section.table.header.map((text): TableCell => ({ text: breakable(text), bold: true })),
          ...section.table.rows.map((row) => row.map((text): TableCell => ({ text: breakable(text) }))),
        ],
      },
    });
    if (section === model.sections[0] && model.footnote) {
      content.push({ text: model.footnote, fontSize: 8, margin: [0, 0, 0, 6] });
    }
  }
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageMargins: [70, 100, 55, 60],
    info: { title: model.title, subject: model.subject, creator: 'Quartierplan', producer: 'Quartierplan' },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
    },
    header: cityHeader(
      { name: model.bodyName, letterhead: model.letterhead },
      `${model.subject}\nStand: ${model.date}`,
      [70, 30, 55, 0],
    ),
    footer: pageFooter(20),
    content,
  };
  return pdfMake.createPdf(definition).getBuffer();
}
