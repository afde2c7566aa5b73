import { cityDocx, gridBorders, MAX_LIST_LEVEL, Numberings } from '../docx/layout.ts';
import { docx, type DocxNode, type RunOptions } from '../docx/lib.ts';
import {
  actionPlanModel,
  type ActionPlanExportInput,
  type ActionPlanModel,
  type PlanBlock,
  type PlanRun,
} from './model.ts';

const {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Header,
  HeadingLevel,
  InsertedTextRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} = docx;

/** Usable text width of the page (twips) that tables fill. */
const TEXT_WIDTH = 9000;

// User text only ever reaches the file as the `text` of a run, which docx XML-escapes into <w:t>/<w:delText>;
// no field code or hyperlink is built from it (see docx/render.ts).
function runs(list: readonly PlanRun[], extra: { bold?: boolean } = {}): DocxNode[] {
  const out: DocxNode[] = [];
  for (const run of list) {
    for (const id of run.commentStarts) out.push(new CommentRangeStart(id));
    const options: RunOptions = {
      text: run.text,
      bold: run.bold || extra.bold || undefined,
      italics: run.italic || undefined,
      break: run.break ? 1 : undefined,
    };
    const { change } = run;
    if (change) {
      const tracked = { ...options, id: change.id, author: change.author, date: change.date };
      out.push(change.kind === 'insertion' ? new InsertedTextRun(tracked) : new DeletedTextRun(tracked));
    } else {
      out.push(new TextRun(options));
    }
    for (const id of run.commentEnds) {
      out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
    }
  }
  return out;
}

function blocks(list: readonly PlanBlock[], numberings: Numberings, listLevel = 0, bold = false): DocxNode[] {
  const out: DocxNode[] = [];
  for (const block of list) {
    switch (block.kind) {
      case 'paragraph':
        out.push(new Paragraph({ children: runs(block.runs, { bold }) }));
        break;
      case 'heading':
        out.push(
          new Paragraph({
            heading: block.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2,
            keepNext: true,
            children: runs(block.runs),
          }),
        );
        break;
      case 'list': {
        const reference = block.ordered ? numberings.ordered(block.start) : numberings.bullet;
        const level = Math.min(listLevel, MAX_LIST_LEVEL);
        for (const item of block.items) {
          item.forEach((child, index) => {
            if (child.kind === 'list') {
              out.push(...blocks([child], numberings, listLevel + 1, bold));
            } else if (child.kind === 'table') {
              out.push(...blocks([child], numberings, listLevel, bold));
            } else {
              out.push(
                new Paragraph({
                  children: runs(child.runs, { bold }),
                  // Only the first paragraph of an item carries the number; later ones continue its text.
                  ...(index === 0
                    ? { numbering: { reference, level } }
                    : { indent: { left: 720 * (level + 1) } }),
                }),
              );
            }
          });
        }
        break;
      }
      case 'table': {
        const columns = Math.max(1, ...block.rows.map((row) => row.length));
        const width = Math.floor(TEXT_WIDTH / columns);
        out.push(
          new Table({
            borders: gridBorders,
            columnWidths: Array.from({ length: columns }, () => width),
            width: { size: width * columns, type: WidthType.DXA },
            rows: block.rows.map(
              (row) =>
                new TableRow({
                  tableHeader: (row.length > 0 && row.every((cell) => cell.header)) || undefined,
                  children: row.map((cell) => {
                    const children = blocks(cell.blocks, numberings, 0, cell.header);
                    // A Word table cell must end with a paragraph, even when it is empty or ends with a table.
                    if (!(children.at(-1) instanceof Paragraph)) children.push(new Paragraph({}));
                    return new TableCell({ width: { size: width, type: WidthType.DXA }, children });
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

function header(model: ActionPlanModel): DocxNode {
  return new Header({
    children: [
      new Paragraph({
        children: [new TextRun({ text: model.bodyName.toUpperCase(), bold: true, size: 32 })],
      }),
      ...model.letterhead.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] })),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `Sozialraum: ${model.sozialraum}   Stand: ${model.date}`, size: 18 })],
      }),
    ],
  });
}

/**
 * Renders an action plan as a Word document in the city layout of the papers (letterhead, "Seite X von Y",
 * Heading styles, Word numbering). With `markup`, open comment threads become Word comments (replies threaded
 * under the first comment) and suggestions tracked changes with their author and date, as Word and LibreOffice
 * show them in review mode.
 */
export async function renderActionPlanDocx(input: ActionPlanExportInput): Promise<Buffer> {
  const model = actionPlanModel(input);
  const numberings = new Numberings();
  const children = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(model.title)] }),
    ...blocks(model.blocks, numberings),
  ];
  return cityDocx({
    title: model.title,
    subject: `Sozialraum ${model.sozialraum}`,
    header: header(model),
    children,
    numbering: { config: numberings.config },
    ...(model.comments.length > 0
      ? {
          comments: {
            children: model.comments.map((comment) => ({
              id: comment.id,
              ...(comment.parentId === undefined ? {} : { parentId: comment.parentId }),
              author: comment.author,
              initials: comment.initials,
              date: comment.date,
              children: comment.text
                .split(/\r?\n/)
                .map((line) => new Paragraph({ children: [new TextRun(line)] })),
            })),
          },
        }
      : {}),
  });
}
