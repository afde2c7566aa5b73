import { describe, expect, it } from 'vitest';
import { reviewedActionPlan } from '../testing/action-plan.ts';
import { readPdf } from '../testing/read-pdf.ts';
import { positionsInOrder } from '../testing/read.ts';
import { renderActionPlanPdf } from './pdf.ts';

describe('renderActionPlanPdf', () => {
  it('prints the clean document in order with the letterhead, even when markup is asked for', async () => {
    const { text, fonts } = await readPdf(await renderActionPlanPdf(reviewedActionPlan({ markup: true })));
    const flat = text.replace(/\s+/g, ' ');
    expect(() =>
      positionsInOrder(flat, [
        'Aktionsplan Altenhagen',
        'Ausgangslage / Ist-Stand',
        'In Altenhagen leben viele junge Familien mit Förderbedarf seit Jahren.',
        'Quartiersbüro siehe hagen.de (https://www.hagen.de)',
        'Ziele',
        'Kitaplätze schaffen',
        'Kita Lange Straße',
        'Spielplatz sanieren',
        'Maßnahme',
        'Familienzentrum',
        'Abschließender Absatz.',
      ]),
    ).not.toThrow();
    // Page header and footer (pdf.js may read them before or after the body).
    for (const line of ['HAGEN', 'Sozialraum: AH Altenhagen', 'Stand: 03.12.2026', 'Seite 1 von 1']) {
      expect(flat).toContain(line);
    }
    expect(flat).not.toContain('Senioren');
    expect(flat).not.toContain('Quelle der Zahl');
    expect(fonts.some((f) => f.includes('DejaVuSans'))).toBe(true);
  });
});
