import { PAPER_SECTION_LABELS as L } from '@quartierplan/domain';
import { docx, type DocumentOptions, type DocxNode, type LevelOptions, type NumberingConfig } from './lib.ts';

const { AlignmentType, BorderStyle, Document, Footer, LevelFormat, Packer, PageNumber, Paragraph, TextRun } =
  docx;

/** The city layout every Word export shares (papers, action plans): Arial 11 pt like the Hagen template. */
export const FONT = 'Arial';
/** Half-points: 11 pt body text like the Hagen template. */
const BODY_SIZE = 22;
export const MAX_LIST_LEVEL = 8;

/**
 * Numbering definitions are collected while the body is built: Word restarts a list only when it uses its own
 * numbering instance, and a ProseMirror ordered list may start at any number.
 */
export class Numberings {
  readonly config: NumberingConfig[] = [];
  readonly bullet = 'bullet';

  constructor() {
    this.config.push({ reference: this.bullet, levels: this.levels(LevelFormat.BULLET, 1) });
  }

  ordered(start: number): string {
    const reference = `ordered-${this.config.length}`;
    this.config.push({ reference, levels: this.levels(LevelFormat.DECIMAL, start) });
    return reference;
  }

  private levels(format: string, start: number): LevelOptions[] {
    return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
      level,
      format,
      start: level === 0 ? start : 1,
      text: format === LevelFormat.BULLET ? (level % 2 === 0 ? '•' : '◦') : `%${level + 1}.`,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    }));
  }
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
/** Thin grey lines around and inside a table. */
export const gridBorders = {
  top: thin,
  bottom: thin,
  left: thin,
  right: thin,
  insideHorizontal: thin,
  insideVertical: thin,
};

/** Text and heading styles of the Hagen template. */
export const CITY_STYLES: DocumentOptions['styles'] = {
  default: {
    document: { run: { font: FONT, size: BODY_SIZE }, paragraph: { spacing: { after: 120 } } },
    heading1: {
      run: { font: FONT, size: 28, bold: true, color: '000000' },
      paragraph: { spacing: { after: 240 } },
    },
    heading2: {
      run: { font: FONT, size: 24, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 120 } },
    },
    heading3: { run: { font: FONT, size: 22, bold: true, color: '000000' } },
    heading4: { run: { font: FONT, size: 22, bold: true, italics: true, color: '000000' } },
    heading5: { run: { font: FONT, size: 22, italics: true, color: '000000' } },
    heading6: { run: { font: FONT, size: 22, italics: true, color: '000000' } },
  },
};

/** A4 margins (twips) leaving room for the letterhead. */
export const PAGE_MARGIN = { top: 1700, bottom: 1200, left: 1400, right: 1100, header: 500, footer: 500 };

/** "Seite X von Y" as page fields. */
export function pageFooter(): DocxNode {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: 18,
            children: [`${L.page} `, PageNumber.CURRENT, ` ${L.pageOf} `, PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/**
 * A Word file in the city layout: the city's styles and margins, the given letterhead, "Seite X von Y" below, one
 * section. Every Word export (papers, action plans, profiles, minutes) is written through it.
 */
export function cityDocx(
  options: Pick<DocumentOptions, 'numbering' | 'comments'> & {
    title: string;
    subject: string;
    header: DocxNode;
    children: readonly DocxNode[];
  },
): Promise<Buffer> {
  const { title, subject, header, children, ...rest } = options;
  const document = new Document({
    title: title.slice(0, 250),
    subject: subject.slice(0, 250),
    creator: 'Quartierplan',
    styles: CITY_STYLES,
    ...rest,
    sections: [
      {
        properties: { page: { margin: PAGE_MARGIN } },
        headers: { default: header },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
