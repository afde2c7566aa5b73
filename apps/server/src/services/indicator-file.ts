import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.ts';

/** The largest statistics table an import takes. */
export const INDICATOR_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const unreadable = () =>
  new AppError(
    400,
    'validation_failed',
    'Die Datei ist weder eine CSV-Tabelle noch eine Excel-Arbeitsmappe (XLSX).',
    { issues: [{ path: 'file', message: 'Bitte eine CSV- oder XLSX-Datei wählen.' }] },
  );

/**
 * Text as statistics offices export it: UTF-8 (with or without BOM), else Windows-1252 (German Excel's
 * "CSV (Trennzeichen-getrennt)"), whose bytes are never invalid, so UTF-8 is tried strictly first.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** `;` (German Excel) or `,`, whichever the header line holds more of outside quotes. */
function delimiterOf(text: string): string {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

/** Splits CSV text into rows of cells (RFC 4180 quoting, `""` inside quotes). */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A spreadsheet cell as the text a statistics table would show (German numbers and dates). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'WAHR' : 'FALSCH';
  if (value instanceof Date) {
    return `${two(value.getUTCDate())}.${two(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/**
 * The cells of an uploaded table: XLSX (a ZIP, recognised by its first bytes) through exceljs, the first
 * worksheet; anything else as CSV text. Bytes that are no text at all (NUL, control characters) are refused.
 */
export async function readUploadedTable(bytes: Uint8Array): Promise<string[][]> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return readXlsx(bytes);
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  // Control characters other than tab and line breaks do not occur in a table someone exported.
  if (hasControlCharacters(text)) throw unreadable();
  return parseCsv(text);
}
