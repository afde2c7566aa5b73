import { cityDocx, gridBorders } from '../docx/layout.ts';
import { docx, type DocxNode } from '../docx/lib.ts';
import { profileModel, type ProfileExportInput, type ProfileModel, type ProfileTable } from './model.ts';

const { AlignmentType, Header, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun } = docx;
const { DXA } = docx.WidthType;

/** Usable text width of the page (twips) that tables fill. */
const TEXT_WIDTH = 9000;

function table(spec: ProfileTable): DocxNode {
  const total = spec.widths.reduce((sum, width) => sum + width, 0);
  const widths = spec.widths.map((width) => Math.floor((width / total) * TEXT_WIDTH));
  const row = (cells: readonly string[], header: boolean) =>
    new TableRow({
      tableHeader: header || undefined,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i]!, type: DXA },
            children: [new Paragraph({ children: [new TextRun({ text, bold: header || undefined })] })],
          }),
      ),
    });
  return new Table({
    borders: gridBorders,
    columnWidths: widths,
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: DXA },
    rows: [row(spec.header, true), ...spec.rows.map((cells) => row(cells, false))],
  });
}

function header(model: ProfileModel): DocxNode {
  return new Header({
    children: [
      new Paragraph({
        children: [new TextRun({ text: model.bodyName.toUpperCase(), bold: true, size: 32 })],
      }),
      ...model.letterhead.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] })),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `${model.subject}   Stand: ${model.date}`, size: 18 })],
      }),
    ],
  });
}

/**
 * Renders a Sozialraum profile as a Word document in the city layout of the papers (letterhead, Arial,
 * "Seite X von Y"): title, key figures with the city comparison, needs, measures; suppressed figures are "•"
 * with the footnote explaining them.
 */
export async function renderProfileDocx(input: ProfileExportInput): Promise<Buffer> {
  const model = profileModel(input);
  const children: DocxNode[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(model.title)] }),
  ];
  for (const section of model.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
        children: [new TextRun(section.heading)],
      }),
    );
    if (section.table.rows.length === 0) {
      children.push(new Paragraph({ children: [new TextRun(section.empty)] }));
      continue;
    }
    children.push(table(section.table));
    if (section === model.sections[0] && model.footnote) {
      children.push(new Paragraph({ children: [new TextRun({ text: model.footnote, size: 18 })] }));
    }
  }
  return cityDocx({ title: model.title, subject: model.subject, header: header(model), children });
}
