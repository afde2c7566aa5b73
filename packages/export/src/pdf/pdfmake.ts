import { createRequire } from 'node:module';

/**
 * The part of pdfmake's API the renderer uses, typed by hand. `@types/pdfmake` declares
 * `/// <reference lib="dom" />`, which would pull the DOM library into every program that imports this
 * package (the server's `fetch` types then clash), so its types stay out of the public import graph.
 */
export type Content = string | Content[] | ContentObject;

/** A pdfmake node: text, table, columns, stack … with their style properties. */
export interface ContentObject {
  [property: string]: unknown;
}

/** A table cell is any content. */
export type TableCell = Content;

/** A pdfmake document definition. */
export interface DocumentDefinition {
  [property: string]: unknown;
  content: Content[];
}

type FontFiles = Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>;

interface PdfMake {
  setFonts(fonts: Record<string, FontFiles>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: DocumentDefinition): { getBuffer(): Promise<Buffer> };
}

/** pdfmake's server build (CommonJS). */
export const pdfMake = createRequire(import.meta.url)('pdfmake') as PdfMake;
