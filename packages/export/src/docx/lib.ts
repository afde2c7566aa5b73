import { createRequire } from 'node:module';

/**
 * The part of the `docx` library (9.x) this package uses, typed by hand. docx's own declarations use
 * extensionless directory imports that TypeScript's NodeNext resolution (used across this monorepo, also by the
 * apps that import this package's source) cannot follow, so every export would look missing. The shapes below
 * follow the installed declarations (dist/file/**.d.ts); keep them in step when upgrading docx.
 */
export interface DocxNode {
  readonly __docxNode?: never;
}

export interface RunOptions {
  text?: string;
  children?: ReadonlyArray<string | DocxNode>;
  bold?: boolean;
  italics?: boolean;
  break?: number;
  size?: number;
  font?: string;
  color?: string;
}

export interface ParagraphOptions {
  children?: readonly DocxNode[];
  heading?: string;
  alignment?: string;
  keepNext?: boolean;
  numbering?: { reference: string; level: number };
  indent?: { left?: number; hanging?: number };
  spacing?: { before?: number; after?: number };
}

interface Width {
  size: number;
  type: string;
}

interface Border {
  style: string;
  size: number;
  color: string;
}

type Borders = Partial<
  Record<'top' | 'bottom' | 'left' | 'right' | 'insideHorizontal' | 'insideVertical', Border>
>;

export interface TableOptions {
  rows: readonly DocxNode[];
  width?: Width;
  columnWidths?: readonly number[];
  borders?: Borders;
}

export interface LevelOptions {
  level: number;
  format: string;
  text: string;
  start: number;
  alignment: string;
  style: { paragraph: { indent: { left: number; hanging: number } } };
}

export interface NumberingConfig {
  reference: string;
  levels: readonly LevelOptions[];
}

interface RunStyle {
  font?: string;
  size?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
}

interface ParagraphStyle {
  run?: RunStyle;
  paragraph?: { spacing?: { before?: number; after?: number } };
}

/** A Word comment; a reply names its thread's first comment as `parentId`. */
export interface CommentOptions {
  id: number;
  children: readonly DocxNode[];
  initials?: string;
  author?: string;
  date?: Date;
  parentId?: number;
}

/** Author and date of a tracked change (`w:ins`/`w:del`); `id` unique among the file's annotations. */
export interface ChangeOptions {
  id: number;
  author: string;
  date: string;
}

export interface DocumentOptions {
  title?: string;
  subject?: string;
  creator?: string;
  styles?: {
    default?: Partial<
      Record<
        'document' | 'heading1' | 'heading2' | 'heading3' | 'heading4' | 'heading5' | 'heading6',
        ParagraphStyle
      >
    >;
  };
  numbering?: { config: readonly NumberingConfig[] };
  comments?: { children: readonly CommentOptions[] };
  sections: ReadonlyArray<{
    properties?: {
      page?: { margin?: Partial<Record<'top' | 'bottom' | 'left' | 'right' | 'header' | 'footer', number>> };
    };
    headers?: { default: DocxNode };
    footers?: { default: DocxNode };
    children: readonly DocxNode[];
  }>;
}

type Ctor<O> = new (options: O) => DocxNode;

/** The runtime exports used here. */
export interface Docx {
  AlignmentType: { START: string; RIGHT: string; CENTER: string };
  BorderStyle: { SINGLE: string };
  HeadingLevel: Record<
    'HEADING_1' | 'HEADING_2' | 'HEADING_3' | 'HEADING_4' | 'HEADING_5' | 'HEADING_6',
    string
  >;
  LevelFormat: { BULLET: string; DECIMAL: string };
  PageNumber: { CURRENT: string; TOTAL_PAGES: string };
  TableBorders: { NONE: Borders };
  WidthType: { DXA: string };
  Document: Ctor<DocumentOptions>;
  Header: Ctor<{ children: readonly DocxNode[] }>;
  Footer: Ctor<{ children: readonly DocxNode[] }>;
  Paragraph: Ctor<ParagraphOptions>;
  TextRun: Ctor<RunOptions | string>;
  InsertedTextRun: Ctor<RunOptions & ChangeOptions>;
  DeletedTextRun: Ctor<RunOptions & ChangeOptions>;
  CommentRangeStart: new (id: number) => DocxNode;
  CommentRangeEnd: new (id: number) => DocxNode;
  CommentReference: new (id: number) => DocxNode;
  Table: Ctor<TableOptions>;
  TableRow: Ctor<{ children: readonly DocxNode[]; tableHeader?: boolean }>;
  TableCell: Ctor<{ children: readonly DocxNode[]; width?: Width }>;
  Packer: { toBuffer(document: DocxNode): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
/** docx's CommonJS build; the same code as its ESM build. */
export const docx = require('docx') as Docx;
