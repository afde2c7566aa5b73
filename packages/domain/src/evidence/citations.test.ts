import { describe, expect, it } from 'vitest';
import { citationLine, citationSentence, formatCitedValue, germanDate } from './citations.ts';

const cited = {
  indicatorName: 'SGB II-Quote',
  value: 22 as number | null,
  unit: '%',
  precision: 1,
  sozialraum: { id: null, name: 'Wehringhausen' },
  date: '2023-12-31',
};

describe('citations as text', () => {
  it('writes the needs list’s line in German notation, "•" when suppressed', () => {
    expect(citationLine(cited)).toBe('SGB II-Quote 22,0 % · Wehringhausen · Stand 31.12.2023');
    expect(citationLine({ ...cited, value: null })).toBe('SGB II-Quote • · Wehringhausen · Stand 31.12.2023');
    expect(formatCitedValue(12345, '', 0)).toBe('12.345');
    expect(germanDate('2023-04-30')).toBe('30.04.2023');
  });

  it('writes the Begründung’s sentence with source and date', () => {
    expect(citationSentence({ ...cited, source: 'Bundesagentur für Arbeit' })).toBe(
      'Laut SGB II-Quote (Bundesagentur für Arbeit, Stand 31.12.2023) beträgt der Wert in Wehringhausen 22,0 %.',
    );
    expect(citationSentence({ ...cited, source: '' })).toBe(
      'Laut SGB II-Quote (Stand 31.12.2023) beträgt der Wert in Wehringhausen 22,0 %.',
    );
    expect(citationSentence({ ...cited, value: null, source: 'BA' })).toBe(
      'Laut SGB II-Quote (BA, Stand 31.12.2023) wird der Wert in Wehringhausen aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl).',
    );
  });
});
