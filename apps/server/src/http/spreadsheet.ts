import type ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { berlinMinute } from '@quartierplan/domain';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { contentDisposition } from './content-disposition.ts';

/** exceljs (some 20 MB resident), loaded by the first XLSX export or import. */
export const loadExcelJs = loadOnFirstUse(async () => (await import('exceljs')).default);

/** A cell before formatting: text, a number, or nothing. */
export type Cell = string | number | null;

/**
 * How a column is written. `date` holds `YYYY-MM-DD`; `datetime` an ISO 8601 instant, shown in
 * Europe/Berlin (the municipality's clock) to the minute.
 */
export type ColumnKind = 'text' | 'money' | 'number' | 'date' | 'datetime';

/** One column of an export: its German header, width in characters, kind and how to read a row. */
export interface Column<T> {
  header: string;
  width: number;
  kind: ColumnKind;
  value: (row: T) => Cell;
}

/** A worksheet: its name and the rows under typed columns. */
export interface Sheet<T> {
  name: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
}

/**
 * Neutralises text a spreadsheet would run as a formula (CSV/formula injection, OWASP): a cell
 * starting with = + - @ or a tab or carriage return gets a leading apostrophe.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** `YYYY-MM-DD HH:MM` in Europe/Berlin. */
function berlinDateTime(iso: string): string {
  const { year, month, day, hour, minute } = berlinMinute(new Date(iso));
  return `${year}-${month}-${day} ${hour}:${minute}`;
}

/**
 * Quotes a field whenever it holds a character some program splits at (`;` for German Excel, `,` for most
 * others, tab for pasting), so no part of a neutralised cell can become a cell of its own starting with `=`.
 */
function csvField(value: string): string {
  return /[;,\t"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvCell(kind: ColumnKind, value: Cell): string {
  if (value === null || value === '') return '';
  // German Excel reads a decimal comma; money always with cents.
  if (typeof value === 'number') {
    return kind === 'money' ? value.toFixed(2).replace('.', ',') : String(value).replace('.', ',');
  }
  if (kind === 'datetime') return berlinDateTime(value);
  return csvField(kind === 'text' ? neutraliseFormula(value) : value);
}

/** CSV for German Excel: UTF-8 with BOM (umlauts), semicolons, CRLF, formulas neutralised. */
export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const lines = [
    columns.map((c) => csvField(c.header)).join(';'),
    ...rows.map((row) => columns.map((c) => csvCell(c.kind, c.value(row))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  money: '#,##0.00 "€"',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
};

function xlsxCell(kind: ColumnKind, value: Cell): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  // Spreadsheet times have no zone: the serial holds the Berlin wall-clock time.
  if (kind === 'datetime' && typeof value === 'string') {
    return new Date(`${berlinDateTime(value).replace(' ', 'T')}:00Z`);
  }
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

function addSheet<T>(workbook: ExcelJS.Workbook, sheet: Sheet<T>): void {
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of sheet.rows) {
    const added = worksheet.addRow(sheet.columns.map((c) => xlsxCell(c.kind, c.value(row))));
    sheet.columns.forEach((c, i) => {
      const format = NUMBER_FORMATS[c.kind];
      if (format) added.getCell(i + 1).numFmt = format;
    });
  }
}

/**
 * XLSX with typed cells (numbers stay numbers, dates dates), formulas neutralised. Sheets of
 * different row types go in as `sheet(...)` values.
 */
export async function toXlsx(sheets: readonly ((workbook: ExcelJS.Workbook) => void)[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'Quartierplan';
  for (const add of sheets) add(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A worksheet for `toXlsx`, typed by its own rows. */
export function sheet<T>(definition: Sheet<T>): (workbook: ExcelJS.Workbook) => void {
  return (workbook) => addSheet(workbook, definition);
}

/** A spreadsheet file's format. */
export type SpreadsheetFormat = 'csv' | 'xlsx';

const MEDIA_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Answers with a download: media type, file name (RFC 6266), no sniffing. */
export function spreadsheetDownload(
  c: Context,
  format: SpreadsheetFormat,
  filename: string,
  content: string | Buffer,
): Response {
  c.header('Content-Type', MEDIA_TYPES[format]);
  c.header('Content-Disposition', contentDisposition(filename));
  c.header('X-Content-Type-Options', 'nosniff');
  return typeof content === 'string' ? c.body(content) : c.body(new Uint8Array(content));
}
