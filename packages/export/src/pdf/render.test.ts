import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { UMLAUTS, hagenPaper, minimalPaper } from '../testing/fixtures.ts';
import { INJECTIONS, SECTION_ORDER, positionsInOrder } from '../testing/read.ts';
import { readPdf } from '../testing/read-pdf.ts';
import { renderPaperPdf } from './render.ts';

describe('renderPaperPdf', () => {
  it('holds every section of the Hagen Beschlussvorlage (source document 001) in its order, with umlauts intact', async () => {
    const { text } = await readPdf(await renderPaperPdf(hagenPaper()));
    expect(() => positionsInOrder(text, SECTION_ORDER)).not.toThrow();
    expect(text).toContain(UMLAUTS.split(' ').slice(2).join(' '));
    for (const word of UMLAUTS.split(' ')) expect(text).toContain(word);
    expect(text).toContain('Förderprogramm (https://www.mkjfgfi.nrw/kinderarmut)');
    expect(text).toContain('☒ keine Auswirkungen (o)');
  });

  it('embeds DejaVu Sans and uses no standard (non-embedded) font', async () => {
    const pdf = await renderPaperPdf(hagenPaper());
    const { fonts } = await readPdf(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/DejaVuSans/);
    expect(pdf.toString('latin1')).toContain('/FontFile2');
  });

  it('prints letterhead, reference and "Seite X von Y" on every page', async () => {
    const summary = 'Langer Absatz mit Inhalt. '.repeat(600);
    const { pages } = await readPdf(await renderPaperPdf({ ...hagenPaper(), summary }));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      expect(page).toContain(`Seite ${index + 1} von ${pages.length}`);
      expect(page).toContain('HAGEN');
      expect(page).toContain('Drucksachennummer: 0123/2021');
    });
  });

  it('keeps links and field-code lookalikes as plain text, without link annotations', async () => {
    const pdf = await renderPaperPdf({
      ...hagenPaper(),
      subject: INJECTIONS[0],
      decisionProposal: { items: [...INJECTIONS] },
    });
    const { text } = await readPdf(pdf);
    for (const injection of INJECTIONS)
      expect(text.replace(/\n/g, '')).toContain(injection.replace(/\n/g, ''));
    const raw = pdf.toString('latin1');
    expect(raw).not.toMatch(/\/URI|\/Subtype\s*\/Link|\/JavaScript|\/Launch/);
  });

  it('renders a paper with every optional section empty', async () => {
    const { text } = await readPdf(await renderPaperPdf(minimalPaper()));
    positionsInOrder(text, [
      'ÖFFENTLICHER ANTRAG',
      'Entwurf – nicht freigegeben',
      'Absender:',
      'Beschlussvorschlag',
      'entfällt',
      'Kurzfassung',
      'entfällt',
      'Begründung',
      'entfällt',
      'Inklusion von Menschen mit Behinderung',
      'Noch keine Angabe.',
      'Finanzielle Auswirkungen',
      'Noch keine Angabe.',
    ]);
    expect(text).not.toContain('Beschlussfassung');
    expect(text).not.toContain('gez.');
  });

  it('renders 30 decision items and very long text over many pages', async () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `Punkt ${i + 1}: Die Verwaltung prüft Maßnahme ${i + 1}.`,
    );
    const summary = 'Sehr langer Absatz mit Umlauten äöü. '.repeat(1200);
    const { text, pages } = await readPdf(
      await renderPaperPdf({ ...hagenPaper(), decisionProposal: { items }, summary }),
    );
    positionsInOrder(text, [...items, 'Kurzfassung', 'Sehr langer Absatz', 'Begründung']);
    expect(pages.length).toBeGreaterThan(5);
  });

  it('wraps a word wider than the page instead of cutting it off', async () => {
    const longWord = 'Donaudampfschifffahrtsgesellschaftskapitänsmütze'.repeat(10);
    const { text } = await readPdf(await renderPaperPdf({ ...minimalPaper(), summary: longWord }));
    expect(text.replace(/[\s\u200B]/g, '')).toContain(longWord);
  });

  it('rejects invalid papers with German messages', async () => {
    await expect(renderPaperPdf({ ...minimalPaper(), date: '11.09.2023' })).rejects.toThrow(ZodError);
  });
});
