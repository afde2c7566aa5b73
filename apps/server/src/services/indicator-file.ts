import type ExcelJS from 'exceljs';
import { decodeTableText, splitCsv } from '@quartierplan/domain';
import { AppError } from '../http/errors.ts';
import { loadExcelJs } from '../http/spreadsheet.ts';

/** The largest statistics table an import takes. */
export const INDICATOR_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const unreadable = () =>
  new AppError(
    400,
    'validation_failed',
    'Die Datei ist weder eine CSV-Tabelle noch eine Excel-Arbeitsmappe (XLSX).',
    { issues: [{ path: 'file', message: 'Bitte eine CSV- oder XLSX-Datei wählen.' }] },
  );

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
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
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
  const text = decodeTableText(bytes).replace(/^\uFEFF/, '');
  // Control characters other than tab and line breaks do not occur in a table someone exported.
  if (hasControlCharacters(text)) throw unreadable();
  return splitCsv(text);
}
