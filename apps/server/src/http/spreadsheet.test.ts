import { describe, expect, it } from 'vitest';
import { toCsv, type Column } from './spreadsheet.ts';

/** Splits one CSV record the way a spreadsheet does (RFC 4180 quotes) at the given separator. */
function readRecord(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}

const columns: Column<string>[] = [{ header: 'Titel', width: 20, kind: 'text', value: (row) => row }];

describe('CSV cells', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example","klick")',
    'Kosten, =1+1',
    'Kosten;=1+1',
    'Kosten\t=1+1',
    'Träger, @SUM(1)',
    'a,-2+3',
    'x,=1+1',
    'Notiz, +49 2331',
  ];

  it.each([';', ',', '\t'])(
    'start with no formula character when read with %j as the separator',
    (separator) => {
      const csv = toCsv(columns, hostile).replace(/^\uFEFF/, '');
      const records = csv.split('\r\n').slice(1, -1);
      expect(records).toHaveLength(hostile.length);
      for (const record of records) {
        for (const cell of readRecord(record, separator)) expect(cell).not.toMatch(/^[=+\-@]/);
      }
    },
  );

  it('keeps the text itself readable: one cell, only an apostrophe in front of a formula', () => {
    const csv = toCsv(columns, ['Kosten, =1+1', '=1+1', 'Quartiersbüro']).replace(/^\uFEFF/, '');
    const records = csv.split('\r\n').slice(1, -1);
    expect(records.map((r) => readRecord(r, ';'))).toEqual([['Kosten, =1+1'], ["'=1+1"], ['Quartiersbüro']]);
  });
});
