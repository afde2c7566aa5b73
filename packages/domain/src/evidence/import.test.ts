import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGermanDate, parseStatisticsCell, readIndicatorTable, type ImportSozialraum } from './import.ts';

const HAGEN: ImportSozialraum[] = [
  { id: 'sr-712', code: '712', name: 'Wehringhausen-Ost/West/Villa Post' },
  { id: 'sr-713', code: '713', name: 'Altenhagen/Eckesey-Süd' },
  { id: 'sr-716', code: '716', name: 'Zentrum/Remberg' },
  { id: 'sr-741', code: '741', name: 'Eilpe/Delstern/Selbecke' },
  { id: 'sr-753', code: '753', name: 'Haspe-Zentrum' },
];

/** A semicolon file as the statistics office delivers it, split into cells (no quoted separators in these). */
function grid(file: string): string[][] {
  return readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(';'));
}

describe('reading indicator tables', () => {
  it('reads German numbers, percentages, the statistics office’s signs and real dates', () => {
    expect(parseStatisticsCell('13.137')).toBe(13137);
    expect(parseStatisticsCell('1.234,5')).toBe(1234.5);
    expect(parseStatisticsCell('10,1 %')).toBe(10.1);
    expect(parseStatisticsCell('–')).toBe(0);
    expect(parseStatisticsCell('.')).toBeNull();
    expect(parseStatisticsCell('')).toBeNull();
    expect(parseStatisticsCell('12.34')).toBeUndefined();
    expect(parseStatisticsCell('zehn')).toBeUndefined();
    expect(parseGermanDate('30.04.2023')).toBe('2023-04-30');
    expect(parseGermanDate('2023-04-30')).toBe('2023-04-30');
    expect(parseGermanDate('31.02.2023')).toBeNull();
    expect(parseGermanDate('30/04/2023')).toBeNull();
  });

  it('reads the Hagen population table: code and name in one cell, the city row, one indicator per column', () => {
    const read = readIndicatorTable(grid('hagen-einwohner-sozialraum-2023-04-30.csv'), {
      sozialraeume: HAGEN,
      date: '2023-04-30',
      namePrefix: 'Einwohner: ',
    });
    expect(read.issues).toEqual([]);
    expect(read.indicators).toEqual([
      'Einwohner: Männlich',
      'Einwohner: Weiblich',
      'Einwohner: Unter 18 Jahre',
      'Einwohner: 18 bis 25 Jahre',
      'Einwohner: 26 bis 45 Jahre',
      'Einwohner: 46 bis 65 Jahre',
      'Einwohner: 66 Jahre und älter',
      'Einwohner: Insgesamt',
    ]);
    expect(read.values).toHaveLength(6 * 8);
    expect(read.values).toContainEqual({
      line: 2,
      indicator: 'Einwohner: Insgesamt',
      sozialraumId: 'sr-712',
      date: '2023-04-30',
      value: 13137,
    });
    expect(read.values).toContainEqual({
      line: 7,
      indicator: 'Einwohner: Insgesamt',
      sozialraumId: null,
      date: '2023-04-30',
      value: 196434,
    });
  });

  it('refuses rows of places that are not Sozialräume of the body, with their lines', () => {
    // The Kreis table has towns; in Haan's body only the city row and Sozialräume match.
    const read = readIndicatorTable(grid('kreis-mettmann-sgb2-quoten.csv'), {
      sozialraeume: [{ id: 'haan-mitte', code: 'HM', name: 'Haan Mitte' }],
      date: '2023-06-30',
    });
    expect(read.issues.map((issue) => issue.line)).toEqual(expect.arrayContaining([2, 3, 4, 5]));
    expect(read.issues[0]).toEqual({
      line: 2,
      column: 'Region',
      message: 'Unbekannter Sozialraum „Mettmann (Kreis)“.',
    });
    expect(read.values.every((v) => v.sozialraumId === null)).toBe(true);
    // „Haan, Stadt“ is a town row here: not taken as the city-wide value by guesswork.
    expect(read.values).toEqual([]);
  });

  it('reads the long shape with a date per row, and names bad cells by line and column', () => {
    const read = readIndicatorTable(
      [
        ['Sozialraum', 'Indikator', 'Stichtag', 'Wert'],
        ['712', 'SGB II-Quote', '31.12.2022', '21,4 %'],
        ['712', 'SGB II-Quote', '31.12.2023', '22,0 %'],
        ['Zentrum/Remberg', 'SGB II-Quote', '31.12.2023', '19,9'],
        ['Gesamtstadt', 'SGB II-Quote', '31.12.2023', '14,2'],
        ['999', 'SGB II-Quote', '31.12.2023', '1'],
        ['713', 'SGB II-Quote', '31.02.2023', '1'],
        ['713', 'SGB II-Quote', '31.12.2023', 'viel'],
        ['713', '', '31.12.2023', '3'],
        ['712', 'SGB II-Quote', '31.12.2023', '22,5'],
      ],
      { sozialraeume: HAGEN },
    );
    expect(read.values.map((v) => [v.sozialraumId, v.date, v.value])).toEqual([
      ['sr-712', '2022-12-31', 21.4],
      ['sr-712', '2023-12-31', 22],
      ['sr-716', '2023-12-31', 19.9],
      [null, '2023-12-31', 14.2],
    ]);
    expect(read.issues).toEqual([
      { line: 6, column: 'Sozialraum', message: 'Unbekannter Sozialraum „999“.' },
      { line: 7, column: 'Stichtag', message: 'Kein gültiges Datum: „31.02.2023“.' },
      { line: 8, column: 'Wert', message: 'Keine Zahl: „viel“.' },
      { line: 9, column: 'Indikator', message: 'Der Name des Indikators fehlt.' },
      { line: 10, message: 'Derselbe Wert steht schon in Zeile 3.' },
    ]);
  });

  it('wants a reference date and a table', () => {
    expect(
      readIndicatorTable(
        [
          ['Sozialraum', 'Quote'],
          ['712', '3'],
        ],
        { sozialraeume: HAGEN },
      ).issues,
    ).toEqual([{ line: 1, message: 'Der Stichtag fehlt: eine Spalte „Stichtag“ oder im Formular angeben.' }]);
    expect(readIndicatorTable([['Sozialraum']], { sozialraeume: HAGEN, date: '2023-01-01' }).issues).toEqual([
      { line: 1, message: 'Die Tabelle braucht eine Kopfzeile und mindestens eine Datenzeile.' },
    ]);
  });
});
