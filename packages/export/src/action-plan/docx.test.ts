import { describe, expect, it } from 'vitest';
import { reviewedActionPlan } from '../testing/action-plan.ts';
import { convertWithLibreOffice } from '../testing/libreoffice.ts';
import { readPdf } from '../testing/read-pdf.ts';
import { docxParts, positionsInOrder, readDocx } from '../testing/read.ts';
import { renderActionPlanDocx } from './docx.ts';

const ORDER = [
  'Aktionsplan Altenhagen',
  'Ausgangslage / Ist-Stand',
  'In Altenhagen leben viele junge Familien mit Förderbedarf',
  'Quartiersbüro siehe hagen.de (https://www.hagen.de)',
  'Ziele',
  'Kitaplätze schaffen',
  'Kita Lange Straße',
  'Spielplatz sanieren',
  'Maßnahme',
  'Träger',
  'Familienzentrum',
  'AWO',
  'Abschließender Absatz.',
];

describe('renderActionPlanDocx', () => {
  it('lays out headings, nested lists, the table and links as text in order, in the city layout', async () => {
    const buffer = await renderActionPlanDocx(reviewedActionPlan({ markup: false }));
    const { text, html } = await readDocx(buffer);
    expect(() => positionsInOrder(text, ORDER)).not.toThrow();
    expect(html).toContain('<h1>Aktionsplan Altenhagen</h1>');
    expect(html).toContain('<h2>Ausgangslage / Ist-Stand</h2>');
    expect(html).toContain('<h3>Ziele</h3>');
    expect(html).toMatch(
      /<ol><li>Kitaplätze schaffen<ul><li>Kita Lange Straße<\/li><\/ul><\/li><li>Spielplatz sanieren/,
    );
    expect(html).toMatch(/<table>.*Maßnahme.*Träger.*Familienzentrum.*AWO.*<\/table>/s);
    const parts = await docxParts(buffer);
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    expect(header).toContain('HAGEN');
    expect(header).toContain('Sozialraum: AH Altenhagen   Stand: 03.12.2026');
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  });

  it('without markup is the document as it stands: insertions left out, deletions kept, no comments', async () => {
    const buffer = await renderActionPlanDocx(reviewedActionPlan({ markup: false }));
    const { text } = await readDocx(buffer);
    expect(text).toContain('mit Förderbedarf seit Jahren.');
    expect(text).not.toContain('Senioren');
    const parts = await docxParts(buffer);
    // docx always writes a comments part; it stays empty.
    expect(parts['word/comments.xml'] ?? '').not.toContain('<w:comment ');
    expect(parts['word/document.xml']).not.toMatch(/<w:(ins|del|commentRangeStart) /);
  });

  it('with markup writes open threads as Word comments with author, date, initials and replies', async () => {
    const parts = await docxParts(await renderActionPlanDocx(reviewedActionPlan()));
    const comments = parts['word/comments.xml'] ?? '';
    const entries = [
      ...comments.matchAll(
        /<w:comment w:id="(\d+)" w:initials="([^"]*)" w:author="([^"]*)" w:date="([^"]*)">(.*?)<\/w:comment>/g,
      ),
    ].map(([, id, initials, author, date, body]) => ({
      id,
      initials,
      author,
      date: date?.slice(0, 19),
      body: body?.replace(/<[^>]+>/g, ''),
    }));
    expect(entries).toEqual([
      {
        id: '0',
        initials: 'CC',
        author: 'Carla Controlling',
        date: '2026-12-01T10:00:00',
        body: 'Quelle der Zahl?',
      },
      {
        id: '1',
        initials: 'AA',
        author: 'Anna Amtmann',
        date: '2026-12-01T11:00:00',
        body: 'Sozialbericht 2025.',
      },
      {
        id: '2',
        initials: 'BT',
        author: 'Bernd Träger',
        date: '2026-12-02T08:00:00',
        body: 'Bitte präzisieren.',
      },
    ]);
    // The reply hangs under its thread's first comment.
    expect(parts['word/commentsExtended.xml']).toMatch(/w15:paraIdParent="00000001"/);
    expect(comments).not.toContain('Erledigt-Kommentar');
    expect(comments).not.toContain('Verwaister Kommentar');

    const body = parts['word/document.xml'] ?? '';
    const text = (xml: string) => xml.replace(/<(?!\/?w:(commentRange|commentReference))[^>]+>/g, '');
    // Thread 1 covers "In Altenhagen leben viele junge Familien", thread 2 overlaps it up to "mit Förderbedarf".
    expect(text(body)).toContain(
      '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>In Altenhagen leben <w:commentRangeStart w:id="2"/>viele junge Familien<w:commentRangeEnd w:id="0"/><w:commentReference w:id="0"/><w:commentRangeEnd w:id="1"/><w:commentReference w:id="1"/> mit Förderbedarf<w:commentRangeEnd w:id="2"/><w:commentReference w:id="2"/>',
    );
  });

  it('with markup writes suggestions as tracked changes with author and date', async () => {
    const buffer = await renderActionPlanDocx(reviewedActionPlan());
    const body = (await docxParts(buffer))['word/document.xml'] ?? '';
    expect(body).toMatch(
      /<w:ins w:id="\d+" w:author="Anna Amtmann" w:date="2026-12-01T09:30:15Z"><w:r><w:t xml:space="preserve"> und Senioren<\/w:t><\/w:r><\/w:ins>/,
    );
    expect(body).toMatch(
      /<w:del w:id="\d+" w:author="Bernd Träger" w:date="2026-12-02T14:05:00Z"><w:r><w:delText xml:space="preserve"> seit Jahren<\/w:delText><\/w:r><\/w:del>/,
    );
    const ids = [...body.matchAll(/<w:(?:ins|del|commentRangeStart) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is opened by LibreOffice, which sees the comments and tracked changes as such', async () => {
    const { output } = await convertWithLibreOffice(
      await renderActionPlanDocx(reviewedActionPlan()),
      'docx',
      'fodt',
    );
    const odt = output.toString('utf8');
    expect(odt).toMatch(
      /<office:annotation[^>]*>.*?<dc:creator>Carla Controlling<\/dc:creator>.*?Quelle der Zahl\?/s,
    );
    expect(odt).toMatch(
      /<office:annotation[^>]*>.*?<dc:creator>Bernd Träger<\/dc:creator>.*?Bitte präzisieren\./s,
    );
    expect(odt).toMatch(
      /<text:insertion>\s*<office:change-info>\s*<dc:creator>Anna Amtmann<\/dc:creator>\s*<dc:date>2026-12-01T09:30:15/,
    );
    expect(odt).toMatch(
      /<text:deletion>\s*<office:change-info>\s*<dc:creator>Bernd Träger<\/dc:creator>\s*<dc:date>2026-12-02T14:05:00/,
    );
  }, 120_000);

  it('is converted to PDF by LibreOffice with its text in order', async () => {
    const { output } = await convertWithLibreOffice(
      await renderActionPlanDocx(reviewedActionPlan({ markup: false })),
      'docx',
      'pdf',
    );
    const { text } = await readPdf(output);
    expect(() => positionsInOrder(text.replace(/\s+/g, ' '), ORDER)).not.toThrow();
  }, 120_000);
});
