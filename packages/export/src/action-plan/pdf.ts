import { pdfMake, type Content, type DocumentDefinition, type TableCell } from '../pdf/pdfmake.ts';
import { breakable, cityHeader, FONT, pageFooter, setUpPdfMake } from '../pdf/render.ts';
import { actionPlanModel, type ActionPlanExportInput, type PlanBlock, type PlanRun } from './model.ts';

// pdfmake knows no break run; a leading newline in the text does the same.
function runs(list: readonly PlanRun[]): Content[] {
  return list.map((run) => ({
    text: `${run.break ? '\n' : ''}${breakable(run.text)}`,
    bold: Boolean(run.bold),
    italics: Boolean(run.italic),
  }));
}

function blocks(list: readonly PlanBlock[]): Content[] {
  return list.map((block): Content => {
    switch (block.kind) {
      case 'paragraph':
        return { text: runs(block.runs), margin: [0, 0, 0, 6] };
      case 'heading':
        return { text: runs(block.runs), style: block.level === 3 ? 'h3' : 'h2' };
      case 'list':
        return block.ordered
          ? {
              ol: block.items.map((item) => ({ stack: blocks(item) })),
              start: block.start,
              margin: [0, 0, 0, 6],
            }
          : { ul: block.items.map((item) => ({ stack: blocks(item) })), margin: [0, 0, 0, 6] };
      case 'table': {
        const columns = Math.max(1, ...block.rows.map((row) => row.length));
        const header =
          (block.rows[0]?.length ?? 0) > 0 && (block.rows[0]?.every((cell) => cell.header) ?? false);
        return {
          margin: [0, 0, 0, 6],
          table: {
            headerRows: header ? 1 : 0,
            widths: Array.from({ length: columns }, () => '*'),
            // pdfmake needs every row to have all columns; short rows are padded with empty cells.
            body: block.rows.map((row) =>
              Array.from({ length: columns }, (_, i): TableCell => {
                const cell = row[i];
                return cell ? { stack: blocks(cell.blocks), bold: cell.header } : { text: '' };
              }),
            ),
          },
        };
      }
    }
  });
}

/**
 * Renders an action plan as PDF with the look of the paper PDF (letterhead, "Seite X von Y", DejaVu Sans).
 * Always the clean document: PDF has no review mode, so markup is never drawn.
 */
export async function renderActionPlanPdf(input: ActionPlanExportInput): Promise<Buffer> {
  setUpPdfMake();
  const model = actionPlanModel({ ...input, markup: false });
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageMargins: [70, 100, 55, 60],
    info: {
      title: model.title,
      subject: `Sozialraum ${model.sozialraum}`,
      creator: 'Quartierplan',
      producer: 'Quartierplan',
    },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
    },
    header: cityHeader(
      { name: model.bodyName, letterhead: model.letterhead },
      `Sozialraum: ${model.sozialraum}\nStand: ${model.date}`,
      [70, 30, 55, 0],
    ),
    footer: pageFooter(20),
    content: [{ text: model.title, style: 'h1' }, ...blocks(model.blocks)],
  };
  return pdfMake.createPdf(definition).getBuffer();
}
