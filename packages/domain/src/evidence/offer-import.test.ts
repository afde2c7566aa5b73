import { describe, expect, it } from 'vitest';
import { readOfferTable } from './offer-import.ts';
import { decodeTableText, splitCsv } from './table-text.ts';

describe('offer CSV', () => {
  it('takes the delimiter from the header and keeps quoted cells whole', () => {
    expect(splitCsv('Name;Adresse\r\n"A; B";"Haus ""Eins"""\r\n')).toEqual([
      ['Name', 'Adresse'],
      ['A; B', 'Haus "Eins"'],
    ]);
    expect(splitCsv('name,lat\n"x","51,3"')).toEqual([
      ['name', 'lat'],
      ['x', '51,3'],
    ]);
  });

  it('reads UTF-8 (with BOM) and falls back to Windows-1252', () => {
    expect(decodeTableText(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa4]))).toBe('ä');
    expect(decodeTableText(new Uint8Array([0xe4, 0x80]))).toBe('ä€');
  });

  it('reads offers and reports refused rows with line and column', () => {
    const s = [{ id: '00000000-0000-4000-8000-000000000001', code: '712', name: 'Wehringhausen' }];
    const { offers, issues } = readOfferTable(
      [
        ['Name', 'Zielgruppen', 'Lat', 'Lon', 'Sozialraum', 'Veröffentlicht'],
        ['Treff', 'Kinder | Eltern', '51,35', '7.45', 'wehringhausen', 'ja'],
        ['', '', '', '', '', ''],
        ['Ohne Ort', '', '51', '', '', 'nein'],
      ],
      s,
    );
    expect(offers).toEqual([
      {
        line: 2,
        input: expect.objectContaining({
          name: 'Treff',
          targetGroups: ['Kinder', 'Eltern'],
          location: { lat: 51.35, lon: 7.45 },
          sozialraumId: s[0]!.id,
          published: true,
        }),
      },
    ]);
    expect(issues).toEqual([
      { line: 4, column: 'Längengrad', message: expect.stringContaining('keine Zahl') },
    ]);
  });
});
