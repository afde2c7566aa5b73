import { cityDocx } from '../docx/layout.ts';
import { docx, type DocxNode } from '../docx/lib.ts';
import { minutesModel, type MinutesExportInput, type MinutesModel } from './model.ts';

const { AlignmentType, Header, HeadingLevel, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun } =
  docx;
const { DXA } = docx.WidthType;

const LABEL_COLUMN = 2600;
const VALUE_COLUMN = 6400;

function header(model: MinutesModel): DocxNode {
  return new Header({
    children: [
      new Paragraph({
        children: [new TextRun({ text: model.bodyName.toUpperCase(), bold: true, size: 32 })],
      }),
      ...model.letterhead.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] })),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: model.headerRight.replace('\n', '   '), size: 18 })],
      }),
    ],
  });
}

function fields(model: MinutesModel): DocxNode {
  const cell = (text: string, width: number, bold: boolean) =>
    new TableCell({
      width: { size: width, type: DXA },
      children: [new Paragraph({ children: [new TextRun({ text, bold: bold || undefined })] })],
    });
  return new Table({
    borders: TableBorders.NONE,
    columnWidths: [LABEL_COLUMN, VALUE_COLUMN],
    width: { size: LABEL_COLUMN + VALUE_COLUMN, type: DXA },
    rows: model.rows.map(
      (row) =>
        new TableRow({
          children: [cell(`${row.label}:`, LABEL_COLUMN, true), cell(row.value, VALUE_COLUMN, false)],
        }),
    ),
  });
}

/** A paragraph whose lines are joined by line breaks (text runs only: nothing typed becomes a field or link). */
function paragraph(lines: readonly string[]): DocxNode {
  return new Paragraph({
    children: lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/**
 * Renders the "Auszug aus der Niederschrift" of one consultation as a Word document in the city layout of the
 * papers: letterhead, Arial, "Seite X von Y"; committee, meeting, agenda item, result, then the minutes.
 */
export async function renderMinutesDocx(input: MinutesExportInput): Promise<Buffer> {
  const model = minutesModel(input);
  const children: DocxNode[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(model.title)] }),
    fields(model),
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      keepNext: true,
      children: [new TextRun(model.minutesHeading)],
    }),
    ...model.paragraphs.map(paragraph),
  ];
  return cityDocx({
    title: `${model.title} ${input.paper.reference}`,
    subject: input.committee,
    header: header(model),
    children,
  });
}
