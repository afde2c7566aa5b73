import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { PaperDocumentInput } from '@quartierplan/domain';
import { UMLAUTS, hagenPaper, minimalPaper } from '../testing/fixtures.ts';
import { INJECTIONS, SECTION_ORDER, docxParts, positionsInOrder, readDocx } from '../testing/read.ts';
import { renderPaperDocx } from './render.ts';

describe('renderPaperDocx', () => {
  it('holds every section of the Hagen Beschlussvorlage (source document 001) in its order, with umlauts intact', async () => {
    const { text } = await readDocx(await renderPaperDocx(hagenPaper()));
    expect(() => positionsInOrder(text, SECTION_ORDER)).not.toThrow();
    expect(text).toContain(UMLAUTS);
    expect(text).toContain('Förderprogramm (https://www.mkjfgfi.nrw/kinderarmut)');
    expect(text).toContain('empfohlen am 03.02.2021');
    expect(text).toContain('☒ keine Auswirkungen (o)');
  });

  it('uses real Word heading styles and Word numbering', async () => {
    const buffer = await renderPaperDocx(hagenPaper());
    const { html } = await readDocx(buffer);
    expect(html).toContain('<h1>ÖFFENTLICHE BESCHLUSSVORLAGE</h1>');
    for (const heading of ['Beschlussvorschlag', 'Kurzfassung', 'Begründung', 'Finanzielle Auswirkungen']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('<h3>Beteiligung vor Ort</h3>');
    expect(html).toMatch(/<ol><li>Der Bericht wird zur Kenntnis genommen\.<\/li><li>Die Verwaltung/);
    const parts = await docxParts(buffer);
    expect(parts['word/document.xml']).toContain('<w:pStyle w:val="Heading1"/>');
    expect(parts['word/document.xml']).toContain('<w:pStyle w:val="Heading2"/>');
    expect(parts['word/styles.xml']).toContain('w:styleId="Heading1"');
  });

  it('puts "Seite X von Y" as page fields into the footer and the letterhead into the header', async () => {
    const parts = await docxParts(await renderPaperDocx(hagenPaper()));
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(footer).toContain('Seite ');
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    expect(header).toContain('HAGEN');
    expect(header).toContain('Stadt der FernUniversität');
    expect(header).toContain('Drucksachennummer: 0123/2021');
  });

  it('keeps field codes and hyperlinks typed by users as literal text', async () => {
    const paper = hagenPaper();
    const input: PaperDocumentInput = {
      ...paper,
      subject: INJECTIONS[0],
      decisionProposal: { items: [...INJECTIONS] },
      summary: INJECTIONS.join('\n\n'),
      justification: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: INJECTIONS[1] },
              {
                type: 'text',
                text: 'Bösartiger Link',
                marks: [{ type: 'link', attrs: { href: 'http://evil.example/"><w:hyperlink>' } }],
              },
            ],
          },
        ],
      },
    };
    const buffer = await renderPaperDocx(input);
    const { text } = await readDocx(buffer);
    for (const injection of INJECTIONS) expect(text).toContain(injection);
    expect(text).toContain('Bösartiger Link (http://evil.example/"><w:hyperlink>)');
    const parts = await docxParts(buffer);
    const document = parts['word/document.xml'] ?? '';
    expect(document).not.toMatch(/<w:hyperlink|<w:fldSimple|<w:fldChar|<w:instrText/);
    expect(document).toContain('&lt;w:fldSimple');
    expect(parts['word/_rels/document.xml.rels']).not.toContain('TargetMode="External"');
  });

  it('renders a paper with every optional section empty', async () => {
    const { text, html } = await readDocx(await renderPaperDocx(minimalPaper()));
    positionsInOrder(text, [
      'ÖFFENTLICHER ANTRAG',
      'Entwurf – nicht freigegeben',
      'Absender:',
      'Fraktion Bündnis 90/Die Grünen im Rat der Stadt Hagen',
      'Beratungsfolge:',
      'Beschlussvorschlag',
      'entfällt',
      'Kurzfassung',
      'entfällt',
      'Begründung',
      'entfällt',
      'Inklusion von Menschen mit Behinderung',
      'Noch keine Angabe.',
      'Auswirkungen auf den Klimaschutz',
      'Noch keine Angabe.',
      'Finanzielle Auswirkungen',
      'Noch keine Angabe.',
    ]);
    expect(text).not.toContain('Beschlussfassung');
    expect(text).not.toContain('Verknüpfte Maßnahmen');
    expect(text).not.toContain('gez.');
    expect(html).not.toContain('<ol>');
  });

  it('renders 30 decision items and very long text', async () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `Punkt ${i + 1}: Die Verwaltung prüft die Maßnahme Nr. ${i + 1}.`,
    );
    const longWord = 'Donaudampfschifffahrtsgesellschaftskapitänsmütze'.repeat(40);
    const longText = `${'Sehr langer Absatz mit Umlauten äöü. '.repeat(1200)}${longWord}`;
    const { text, html } = await readDocx(
      await renderPaperDocx({ ...hagenPaper(), decisionProposal: { items }, summary: longText }),
    );
    const firstList = /<ol>(.*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect(firstList.match(/<li>/g)).toHaveLength(30);
    positionsInOrder(text, items);
    expect(text).toContain(longText.trim());
  });

  it('drops characters XML forbids instead of writing a broken file', async () => {
    const { text } = await readDocx(
      await renderPaperDocx({ ...minimalPaper(), subject: 'Betreff\u0000mit\u000BSteuerzeichen' }),
    );
    expect(text).toContain('BetreffmitSteuerzeichen');
  });

  it('rejects invalid papers with German messages', async () => {
    await expect(renderPaperDocx({ ...minimalPaper(), subject: '' })).rejects.toThrow(ZodError);
    await expect(renderPaperDocx({ ...minimalPaper(), subject: '' })).rejects.toThrow(
      /Bitte einen Betreff angeben/,
    );
  });
});
