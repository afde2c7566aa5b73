import { parseGermanNumber } from '../german-number.ts';

/**
 * Reading indicator values from a table as statistics offices deliver them (CSV or XLSX, already split into
 * cells): German numbers (`1.234,5`, `10,1 %`), dates `30.04.2023`, Sozialräume by code, name or both
 * (`712 Wehringhausen`), a row for the whole city. Two shapes:
 * - wide: a Sozialraum column, then one column per indicator (the header names it); the reference date comes
 *   from a `Stichtag`/`Datum` column or, for the whole table, from the import form;
 * - long: columns `Sozialraum`, `Indikator`, `Stichtag` (or `Datum`), `Wert`.
 * Every refused cell or row is reported with its line (1 = the header) and, where it helps, its column.
 */

export interface ImportSozialraum {
  id: string;
  code: string;
  name: string;
}

export interface IndicatorImportContext {
  sozialraeume: readonly ImportSozialraum[];
  /** The reference date (ISO) for a wide table without a date column. */
  date?: string | undefined;
  /** Put before every indicator name taken from a header (e.g. `Einwohner rumänisch – `). */
  namePrefix?: string | undefined;
}

export interface ImportedValue {
  line: number;
  indicator: string;
  /** null: the city-wide value. */
  sozialraumId: string | null;
  date: string;
  value: number;
}

export interface ImportIssue {
  line: number;
  column?: string | undefined;
  message: string;
}

export interface IndicatorImport {
  values: ImportedValue[];
  issues: ImportIssue[];
  /** The indicators the table names, in the order of their first appearance. */
  indicators: string[];
}

const CITY_ROW = /^(stadt\b.*|gesamt(stadt)?|insgesamt|summe|.*\binsgesamt)$/i;
const SOZIALRAUM_HEADER = /^(sozialraum|sozialräume|gebiet|bezirk|region)$/i;
const DATE_HEADER = /^(stichtag|datum|date|reference date)$/i;
const INDICATOR_HEADER = /^(indikator|indicator|merkmal)$/i;
const VALUE_HEADER = /^(wert|value)$/i;
/** Official statistics: `-` nothing there (0); `.`, `x`, `•` and empty: no value given. */
const NOTHING = /^[-–—]$/;
const NO_VALUE = /^([.x•…]|)$/i;

/** `30.04.2023` or `2023-04-30` as an ISO date, if it is a real date. */
export function parseGermanDate(text: string): string | null {
  const trimmed = text.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = german
    ? [german[3]!, german[2]!, german[1]!]
    : iso
      ? [iso[1]!, iso[2]!, iso[3]!]
      : [];
  if (!year) return null;
  const value = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** A cell as a number: German digits, an optional `%`; `-` is 0; null: no value given; undefined: not a number. */
export function parseStatisticsCell(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (NOTHING.test(trimmed)) return 0;
  if (NO_VALUE.test(trimmed)) return null;
  const number = parseGermanNumber(trimmed.replace(/\s*%$/, ''));
  return number ?? undefined;
}

/** Finds a Sozialraum by code, by name (any case), or by `code name`; undefined when none matches. */
function sozialraumOf(cell: string, context: IndicatorImportContext): ImportSozialraum | null | undefined {
  const text = cell.trim().replace(/\s+/g, ' ');
  const lower = text.toLocaleLowerCase('de');
  const byCode = context.sozialraeume.find((s) => s.code === text);
  if (byCode) return byCode;
  const byName = context.sozialraeume.find((s) => s.name.toLocaleLowerCase('de') === lower);
  if (byName) return byName;
  const byBoth = context.sozialraeume.find(
    (s) =>
      lower.startsWith(`${s.code.toLocaleLowerCase('de')} `) || lower === `${s.code} ${s.name}`.toLowerCase(),
  );
  if (byBoth) return byBoth;
  return CITY_ROW.test(text) ? null : undefined;
}

export function readIndicatorTable(
  grid: readonly (readonly string[])[],
  context: IndicatorImportContext,
): IndicatorImport {
  const result: IndicatorImport = { values: [], issues: [], indicators: [] };
  const header = (grid[0] ?? []).map((cell) => cell.trim());
  const column = (pattern: RegExp) => header.findIndex((cell) => pattern.test(cell));
  const sozialraumColumn = column(SOZIALRAUM_HEADER) >= 0 ? column(SOZIALRAUM_HEADER) : 0;
  const dateColumn = column(DATE_HEADER);
  const indicatorColumn = column(INDICATOR_HEADER);
  const valueColumn = column(VALUE_HEADER);
  const long = indicatorColumn >= 0 && valueColumn >= 0;
  if (grid.length < 2 || header.length < 2) {
    result.issues.push({
      line: 1,
      message: 'Die Tabelle braucht eine Kopfzeile und mindestens eine Datenzeile.',
    });
    return result;
  }
  if (dateColumn < 0 && !context.date) {
    result.issues.push({
      line: 1,
      message: 'Der Stichtag fehlt: eine Spalte „Stichtag“ oder im Formular angeben.',
    });
    return result;
  }
  const indicatorColumns = long
    ? []
    : header
        .map((name, index) => ({ name, index }))
        .filter(({ index }) => index !== sozialraumColumn && index !== dateColumn);
  const named = (name: string) => {
    const indicator = `${context.namePrefix ?? ''}${name}`.trim();
    if (!result.indicators.includes(indicator)) result.indicators.push(indicator);
    return indicator;
  };
  for (const { name, index } of indicatorColumns) {
    if (!name)
      result.issues.push({ line: 1, column: String(index + 1), message: 'Eine Spalte hat keinen Namen.' });
  }

  grid.slice(1).forEach((row, offset) => {
    const line = offset + 2;
    if (row.every((cell) => !cell.trim())) return;
    const place = row[sozialraumColumn] ?? '';
    const sozialraum = sozialraumOf(place, context);
    if (sozialraum === undefined) {
      result.issues.push({
        line,
        column: header[sozialraumColumn],
        message: `Unbekannter Sozialraum „${place.trim()}“.`,
      });
      return;
    }
    const date = dateColumn >= 0 ? parseGermanDate(row[dateColumn] ?? '') : context.date!;
    if (!date) {
      result.issues.push({
        line,
        column: header[dateColumn],
        message: `Kein gültiges Datum: „${row[dateColumn] ?? ''}“.`,
      });
      return;
    }
    const cells = long
      ? [
          {
            name: (row[indicatorColumn] ?? '').trim(),
            text: row[valueColumn] ?? '',
            columnName: header[valueColumn]!,
          },
        ]
      : indicatorColumns.map(({ name, index }) => ({ name, text: row[index] ?? '', columnName: name }));
    for (const { name, text, columnName } of cells) {
      if (!name) {
        result.issues.push({
          line,
          column: header[indicatorColumn],
          message: 'Der Name des Indikators fehlt.',
        });
        continue;
      }
      const value = parseStatisticsCell(text);
      if (value === undefined) {
        result.issues.push({ line, column: columnName, message: `Keine Zahl: „${text.trim()}“.` });
        continue;
      }
      if (value === null) continue;
      result.values.push({ line, indicator: named(name), sozialraumId: sozialraum?.id ?? null, date, value });
    }
  });

  // The same figure twice would make one of them silently win.
  const seen = new Map<string, number>();
  result.values = result.values.filter((value) => {
    const key = `${value.indicator}\u0000${value.sozialraumId}\u0000${value.date}`;
    const first = seen.get(key);
    if (first === undefined) return seen.set(key, value.line);
    result.issues.push({ line: value.line, message: `Derselbe Wert steht schon in Zeile ${first}.` });
    return false;
  });
  return result;
}
