import { createNeedMap, needsArray, writeRoundResult } from '@quartierplan/collab';
import { writeActionPlanJson } from '@quartierplan/collab/editor';
import { testDatabases } from '@quartierplan/db/testing';
import { berlinToday, type SozialraumDto } from '@quartierplan/domain';
import { docxParts, readDocx, readPdf } from '@quartierplan/export/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { download } from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually, type SyncClient } from '../../testing/sync-clients.ts';

const suggester = { authorId: 'u-anna', authorName: 'Anna Amtmann', at: '2026-12-01T09:30:00.000Z' };
const text = (value: string, ...marks: Array<{ type: string; attrs?: Record<string, unknown> }>) => ({
  type: 'text',
  text: value,
  ...(marks.length > 0 ? { marks } : {}),
});

/** What an editor in suggestion mode leaves in the document: a heading, a list, a table and two suggestions. */
const EDITED = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Ausgangslage im Quartier')] },
    {
      type: 'paragraph',
      content: [
        text('Viele Familien', { type: 'comment', attrs: { threadId: 't1' } }),
        text(' und Senioren', { type: 'insertion', attrs: { id: 's1', data: suggester } }),
        text(' seit Jahren', { type: 'deletion', attrs: { id: 's2', data: suggester } }),
        text(' brauchen Beratung.'),
      ],
    },
    {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Sprechstunde')] }] }],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [text('Träger AWO')] }] }],
        },
      ],
    },
  ],
};

describe.each(testDatabases())('document export on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  let stranger: ApiClient;
  let sozialraum: SozialraumDto;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraum = await createSozialraum(admin, { code: 'AH-1', name: 'Altenhagen' });
    const other = await createSozialraum(admin, {});
    const viewUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: sozialraum.id, access: 'view' }],
    });
    viewer = await loginAs(ctx.server, viewUser.email);
    const outsideUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: other.id, access: 'edit' }],
    });
    outsider = await loginAs(ctx.server, outsideUser.email);
    stranger = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);

    // A real editor writes through the sync socket; the export reads the live document, not a snapshot.
    const editor = connectSyncClient(ctx.server, admin, sozialraum.documents.actionPlan);
    clients.push(editor);
    await editor.synced;
    writeActionPlanJson(editor.doc, EDITED);

    const needs = connectSyncClient(ctx.server, admin, sozialraum.documents.needs);
    clients.push(needs);
    await needs.synced;
    const need = (id: string, title: string, extra: Partial<Parameters<typeof createNeedMap>[0]> = {}) =>
      createNeedMap({
        id,
        title,
        description: 'Abends fehlt ein Ort; "Treff" gesucht',
        targetGroup: 'Jugendliche',
        source: 'workshop',
        priority: 'high',
        status: 'open',
        createdBy: null,
        createdAt: null,
        ...extra,
      });
    needsArray(needs.doc).push([
      need('n1', 'Jugendtreff'),
      need('n2', '=HYPERLINK("http://x")', { source: 'data', priority: 'low', status: 'addressed' }),
    ]);
    // The server writes a closed workshop round's result into the needs document.
    writeRoundResult(
      needs.doc,
      {
        roundId: 'r1',
        workshopId: 'w1',
        workshopTitle: 'Quartierswerkstatt',
        number: 2,
        closedAt: '2026-11-20T18:00:00.000Z',
        dotsPerPerson: 3,
      },
      { n1: 7 },
    );
  });
  afterAll(() => {
    for (const c of clients) c.destroy();
  });

  const path = (query: string, docId = sozialraum.documents.actionPlan) =>
    `/api/documents/${docId}/export?${query}`;

  it('exports the live action plan as Word for a reader, as the document stands', async () => {
    await eventually(async () => {
      const file = await download(viewer, path('format=docx'));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(file.headers.get('content-disposition')).toContain(`Aktionsplan-AH-1-${berlinToday()}.docx`);
      const { text: content, html } = await readDocx(file.bytes);
      expect(html).toContain('<h2>Ausgangslage im Quartier</h2>');
      expect(content).toContain('Viele Familien seit Jahren brauchen Beratung.');
      expect(content).not.toContain('Senioren');
      expect(html).toMatch(/<ul><li>Sprechstunde<\/li><\/ul>.*<table>.*Träger AWO/s);
    });
  });

  it('with markup=true carries the suggestions as tracked changes with author and date', async () => {
    const file = await download(viewer, path('format=docx&markup=true'));
    expect(file.status).toBe(200);
    const body = (await docxParts(file.bytes))['word/document.xml'] ?? '';
    expect(body).toMatch(
      /<w:ins w:id="\d+" w:author="Anna Amtmann" w:date="2026-12-01T09:30:00Z">.*? und Senioren/,
    );
    expect(body).toMatch(
      /<w:del w:id="\d+" w:author="Anna Amtmann" w:date="2026-12-01T09:30:00Z">.*? seit Jahren/,
    );
  });

  it('exports the action plan as PDF with its text in order', async () => {
    const file = await download(viewer, path('format=pdf&markup=true'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain(`Aktionsplan-AH-1-${berlinToday()}.pdf`);
    const flat = (await readPdf(file.bytes)).text.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /Aktionsplan Altenhagen.*Ausgangslage im Quartier.*Viele Familien seit Jahren brauchen Beratung\..*Sprechstunde.*Träger AWO/,
    );
  });

  it('needs a session (401), a membership (403) and the own body (404)', async () => {
    expectError(await new ApiClient(ctx.server.origin).get(path('format=docx')), 401, 'unauthenticated');
    expectError(await outsider.get(path('format=docx')), 403, 'forbidden');
    expectError(await stranger.get(path('format=docx')), 404, 'not_found');
    expectError(
      await admin.get(path('format=docx', '00000000-0000-4000-8000-000000000000')),
      404,
      'not_found',
    );
    // Authorised before validated: an outsider learns nothing about the query either.
    expectError(await outsider.get(path('format=exe')), 403, 'forbidden');
  });

  it('refuses a missing, unknown or oversized format and a bad markup flag (400)', async () => {
    expectError(await admin.get(path('')), 400, 'validation_failed');
    expectError(await admin.get(path('format=exe')), 400, 'validation_failed');
    expectError(await admin.get(path(`format=${'x'.repeat(5000)}`)), 400, 'validation_failed');
    expectError(await admin.get(path('format=docx&markup=ja')), 400, 'validation_failed');
  });

  it('refuses a format the document kind does not offer (422)', async () => {
    expectError(await admin.get(path('format=csv')), 422, 'validation_failed');
    expectError(await admin.get(path('format=docx', sozialraum.documents.needs)), 422, 'validation_failed');
  });

  it('exports the needs list as CSV with German labels, the latest dots and their round', async () => {
    const needsPath = path('format=csv', sozialraum.documents.needs);
    await eventually(async () => {
      const file = await download(viewer, needsPath);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(file.headers.get('content-disposition')).toContain(`Bedarfe-AH-1-${berlinToday()}.csv`);
      expect(file.bytes.toString('utf8').split('\r\n')).toEqual([
        '\uFEFFTitel;Beschreibung;Zielgruppe;Quelle;Priorität;Status;Punkte;Abstimmungsrunde',
        'Jugendtreff;"Abends fehlt ein Ort; ""Treff"" gesucht";Jugendliche;Workshop;hoch;offen;7;"Quartierswerkstatt, Runde 2"',
        // Formula-like text is neutralised for spreadsheets.
        `"'=HYPERLINK(""http://x"")";"Abends fehlt ein Ort; ""Treff"" gesucht";Jugendliche;Datenanalyse;niedrig;aufgegriffen;;`,
        '',
      ]);
    });
  });

  it('exports the needs list as XLSX with numbers as numbers, and as PDF', async () => {
    const xlsx = await download(viewer, path('format=xlsx', sozialraum.documents.needs));
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Bedarfe')!;
    expect(sheet.getRow(1).values).toContain('Abstimmungsrunde');
    expect(sheet.getRow(2).getCell(1).value).toBe('Jugendtreff');
    expect(sheet.getRow(2).getCell(7).value).toBe(7);

    const pdf = await download(viewer, path('format=pdf', sozialraum.documents.needs));
    expect(pdf.status).toBe(200);
    const flat = (await readPdf(pdf.bytes)).text.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /Bedarfe Altenhagen.*Titel.*Punkte.*Jugendtreff.*Workshop.*hoch.*offen.*7.*Quartierswerkstatt, Runde 2/,
    );
  });
});
