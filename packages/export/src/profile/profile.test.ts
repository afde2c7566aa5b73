import type { SozialraumProfileDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { convertWithLibreOffice } from '../testing/libreoffice.ts';
import { readPdf } from '../testing/read-pdf.ts';
import { positionsInOrder, readDocx } from '../testing/read.ts';
import { renderProfileDocx } from './docx.ts';
import { profileModel, type ProfileExportInput } from './model.ts';
import { renderProfilePdf } from './pdf.ts';

const indicator = (id: string, name: string, unit = '', precision = 0) => ({
  id,
  name,
  unit,
  kind: 'count' as const,
  topic: 'Bevölkerung',
  source: 'Statistikstelle',
  description: '',
  precision,
  partOf: null,
  dates: ['2022-12-31', '2023-04-30'],
});

const PROFILE: SozialraumProfileDto = {
  sozialraum: { id: 's1', code: 'AH', name: 'Altenhagen' },
  keyFigures: [
    {
      indicator: indicator('i1', 'Einwohner gesamt'),
      date: '2023-04-30',
      here: { value: 13137, suppressed: false },
      city: { value: 196434, suppressed: false },
      previous: { date: '2022-12-31', value: 13020, suppressed: false },
    },
    {
      indicator: indicator('i2', 'Einwohner bulgarisch'),
      date: '2023-04-30',
      here: { value: null, suppressed: true },
      city: { value: 51, suppressed: false },
      previous: null,
    },
    {
      indicator: { ...indicator('i3', 'SGB II-Quote', '%', 1), kind: 'rate' },
      date: '2023-04-30',
      here: { value: 21.25, suppressed: false },
      city: null,
      previous: null,
    },
  ],
  series: [],
  needs: [{ id: 'n1', title: 'Mehr Kitaplätze', priority: 'high', status: 'open' }],
  measures: [{ id: 'm1', title: 'Familienzentrum Lange Straße', status: 'decided', progress: 30 }],
};
const INPUT: ProfileExportInput = {
  body: { name: 'Hagen', letterhead: ['Der Oberbürgermeister'] },
  date: '2026-12-04',
  profile: PROFILE,
};
const ORDER = [
  'Sozialraumprofil Altenhagen',
  'Kennzahlen',
  'Einwohner gesamt',
  '30.04.2023',
  '13.137',
  '196.434',
  '13.020 (31.12.2022)',
  'Einwohner bulgarisch',
  '•',
  '51',
  'SGB II-Quote',
  '21,3 %',
  '• Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl).',
  'Bedarfe',
  'Mehr Kitaplätze',
  'hoch',
  'offen',
  'Maßnahmen',
  'Familienzentrum Lange Straße',
  'beschlossen',
];

describe('profile export', () => {
  it('lays out key figures with the city comparison, needs and measures; no footnote without "•"', () => {
    const model = profileModel(INPUT);
    expect(model.sections[0]!.table.rows[2]).toEqual(['SGB II-Quote', '30.04.2023', '21,3 %', '–', '–']);
    const clean = profileModel({
      ...INPUT,
      profile: { ...PROFILE, keyFigures: PROFILE.keyFigures.slice(0, 1) },
    });
    expect(clean.footnote).toBeNull();
  });

  it('renders DOCX in order with the letterhead and the footnote', async () => {
    const { text } = await readDocx(await renderProfileDocx(INPUT));
    const flat = text.replace(/\s+/g, ' ');
    expect(() => positionsInOrder(flat, ORDER)).not.toThrow();
  });

  it('renders PDF in order', async () => {
    const { text } = await readPdf(await renderProfilePdf(INPUT));
    const flat = text.replace(/\s+/g, ' ');
    // pdf.js reads table cells in its own order; every cell is there.
    for (const cell of ORDER) expect(flat).toContain(cell);
    for (const line of ['HAGEN', 'Sozialraum: AH Altenhagen', 'Stand: 04.12.2026', 'Seite 1 von 1']) {
      expect(flat).toContain(line);
    }
    expect(flat).toContain('Aus Datenschutzgründen nicht ausgewiesen');
  });

  it('prints empty sections as such', async () => {
    const empty = { ...PROFILE, keyFigures: [], needs: [], measures: [] };
    const { text } = await readDocx(await renderProfileDocx({ ...INPUT, profile: empty }));
    expect(() =>
      positionsInOrder(text, ['Noch keine Kennzahlen.', 'Keine Bedarfe erfasst.', 'Keine Maßnahmen.']),
    ).not.toThrow();
  });

  it('is opened by LibreOffice and converted to PDF with its text in order', async () => {
    const { output } = await convertWithLibreOffice(await renderProfileDocx(INPUT), 'docx', 'pdf');
    const { text } = await readPdf(output);
    const flat = text.replace(/\s+/g, ' ');
    expect(() =>
      positionsInOrder(flat, ['Sozialraumprofil Altenhagen', 'Einwohner gesamt', '13.137']),
    ).not.toThrow();
    expect(flat).toContain('Familienzentrum Lange Straße');
  }, 120_000);
});
