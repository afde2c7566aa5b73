import { testDatabases } from '@quartierplan/db/testing';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  insertCard,
  insertCluster,
  insertParticipant,
  insertRound,
  insertSozialraum,
  insertWorkshop,
} from '../../testing/workshop-rows.ts';

const EVIL = '=HYPERLINK("http://evil.example","klick")';

/** Parses our CSV (`;`, CRLF, quoted fields) back into rows of fields; fetch's text() drops the BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  expect(field).toBe('');
  return rows;
}

/** Rows as objects keyed by the header line. */
function records(rows: string[][]): Record<string, string>[] {
  const [header, ...rest] = rows;
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

/** The raw bytes of a download (the test client reads answers as text). */
async function download(origin: string, client: ApiClient, path: string): Promise<Response> {
  return fetch(new URL(path, origin), {
    headers: { cookie: `qp_session=${client.cookie('qp_session')}`, 'x-forwarded-for': client.address },
  });
}

describe.each(testDatabases())('workshop exports on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let stranger: ApiClient;
  let workshopId: string;

  beforeAll(async () => {
    const sql = ctx.db.sql;
    const body = await createTestBody(sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    const sozialraumId = await insertSozialraum(sql, body.bodyId);
    const member = await createUser(admin, {
      role: 'member',
      name: 'Mira Mitglied',
      memberships: [{ sozialraumId, access: 'edit' }],
    });
    editor = await loginAs(ctx.server, member.email);
    viewer = await loginAs(
      ctx.server,
      (await createUser(admin, { role: 'member', memberships: [{ sozialraumId, access: 'view' }] })).email,
    );
    stranger = await loginAs(ctx.server, (await createTestBody(sql)).adminEmail);

    workshopId = await insertWorkshop(sql, { bodyId: body.bodyId, sozialraumId, date: '2026-11-12' });
    const anna = await insertParticipant(sql, workshopId, { displayName: 'Anna' });
    const anonymous = await insertParticipant(sql, workshopId);
    const mira = await insertParticipant(sql, workshopId, { userId: member.id });
    const youth = await insertCluster(sql, workshopId, 'Jugend');
    const target = await insertCard(sql, workshopId, {
      participantId: anna,
      title: 'Jugendtreff am Abend',
      description: 'Öffnung bis 22 Uhr; "dringend"',
      status: 'accepted',
      clusterId: youth,
      needId: 'need-jugendtreff',
      at: 0,
    });
    await insertCard(sql, workshopId, {
      participantId: anonymous,
      title: 'Treff für Jugendliche',
      status: 'merged',
      mergedIntoId: target,
      at: 1,
    });
    await insertCard(sql, workshopId, { participantId: mira, title: EVIL, description: '@SUM(1)', at: 2 });

    const ballot = [
      { needId: 'need-jugendtreff', title: 'Jugendtreff am Abend' },
      { needId: 'need-spielplatz', title: 'Spielplatz sanieren' },
    ];
    await insertRound(sql, workshopId, {
      number: 1,
      dotsPerPerson: 5,
      maxPerItem: 3,
      durationSeconds: 60,
      ballot,
      closed: true,
      votes: [
        { participantId: anna, needId: 'need-jugendtreff', count: 2 },
        { participantId: anonymous, needId: 'need-spielplatz', count: 3 },
        { participantId: mira, needId: 'need-spielplatz', count: 1 },
      ],
    });
    await insertRound(sql, workshopId, {
      number: 2,
      dotsPerPerson: 3,
      ballot,
      closed: false,
      votes: [{ participantId: anna, needId: 'need-jugendtreff', count: 3 }],
    });
  });

  it('exports the cards as CSV for German Excel with authors, clusters, merges and neutralised formulas', async () => {
    const response = await admin.get(`/api/workshops/${workshopId}/export.csv?table=cards`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Workshop-2026-11-12-Karten.csv"; filename*=UTF-8''Workshop-2026-11-12-Karten.csv`,
    );
    const raw = new Uint8Array(
      await (
        await download(ctx.server.origin, admin, `/api/workshops/${workshopId}/export.csv?table=cards`)
      ).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = parseCsv(response.text);
    expect(rows[0]).toEqual([
      'Titel',
      'Beschreibung',
      'Status',
      'Cluster',
      'Zusammengeführt in',
      'Bedarf-ID',
      'Verfasst von',
      'Erstellt',
    ]);
    expect(records(rows)).toEqual([
      {
        Titel: 'Jugendtreff am Abend',
        Beschreibung: 'Öffnung bis 22 Uhr; "dringend"',
        Status: 'übernommen',
        Cluster: 'Jugend',
        'Zusammengeführt in': '',
        'Bedarf-ID': 'need-jugendtreff',
        'Verfasst von': 'Anna',
        // 09:00 UTC in November is 10:00 in Berlin.
        Erstellt: '2026-11-12 10:00',
      },
      {
        Titel: 'Treff für Jugendliche',
        Beschreibung: '',
        Status: 'zusammengeführt',
        Cluster: '',
        'Zusammengeführt in': 'Jugendtreff am Abend',
        'Bedarf-ID': '',
        'Verfasst von': '',
        Erstellt: '2026-11-12 10:00',
      },
      {
        Titel: `'${EVIL}`,
        Beschreibung: "'@SUM(1)",
        Status: 'neu',
        Cluster: '',
        'Zusammengeführt in': '',
        'Bedarf-ID': '',
        'Verfasst von': 'Mira Mitglied',
        Erstellt: '2026-11-12 10:00',
      },
    ]);
  });

  it('exports every round with its settings and ranked result as CSV', async () => {
    const response = await editor.get(`/api/workshops/${workshopId}/export.csv?table=results`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      'filename="Workshop-2026-11-12-Ergebnisse.csv"',
    );
    const lines = records(parseCsv(response.text));
    expect(lines.map((l) => [l.Runde, l.Status, l.Rang, l.Bedarf, l['Bedarf-ID'], l.Punkte])).toEqual([
      ['1', 'geschlossen', '1', 'Spielplatz sanieren', 'need-spielplatz', '4'],
      ['1', 'geschlossen', '2', 'Jugendtreff am Abend', 'need-jugendtreff', '2'],
      // The running round's votes are no result yet.
      ['2', 'läuft', '', '', '', ''],
    ]);
    expect(lines[0]).toMatchObject({
      'Punkte pro Person': '5',
      'Höchstens pro Bedarf': '3',
      'Dauer (Sekunden)': '60',
      'Live-Ergebnisse': 'nein',
      Gestartet: '2026-11-12 11:10',
      Geschlossen: '2026-11-12 11:15',
    });
    expect(lines[2]).toMatchObject({ 'Höchstens pro Bedarf': '', 'Dauer (Sekunden)': '', Geschlossen: '' });
  });

  it('exports an XLSX workbook: sheet "Karten" and one sheet per round, typed cells, no formulas', async () => {
    const response = await download(ctx.server.origin, admin, `/api/workshops/${workshopId}/export.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain('filename="Workshop-2026-11-12.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Karten', 'Runde 1', 'Runde 2']);

    const read = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      return Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
        Object.fromEntries(header.map((h, c) => [h, sheet.getRow(i + 2).getCell(c + 1).value])),
      );
    };
    const cards = read('Karten');
    expect(cards.map((c) => c.Titel)).toEqual(['Jugendtreff am Abend', 'Treff für Jugendliche', `'${EVIL}`]);
    expect(cards[2]!.Beschreibung).toBe("'@SUM(1)");
    // The Berlin wall-clock time, as a spreadsheet date.
    expect(cards[0]!.Erstellt).toEqual(new Date('2026-11-12T10:00:00Z'));
    for (const card of cards)
      for (const value of Object.values(card))
        expect(typeof value === 'object' && value !== null && 'formula' in value).toBe(false);

    const first = read('Runde 1');
    expect(first.map((r) => [r.Rang, r.Bedarf, r.Punkte])).toEqual([
      [1, 'Spielplatz sanieren', 4],
      [2, 'Jugendtreff am Abend', 2],
    ]);
    expect(first[0]!['Punkte pro Person']).toBe(5);
    expect(read('Runde 2').map((r) => [r.Runde, r.Status, r.Rang])).toEqual([[2, 'läuft', null]]);
  });

  it('refuses guests (401), members who do not facilitate (403) and other bodies (404)', async () => {
    const [row] = await ctx.db.sql<{ code: string }[]>`select code from workshop where id = ${workshopId}`;
    const guest = new ApiClient(ctx.server.origin);
    expect(
      (await guest.post('/api/workshop-sessions', { code: row!.code, displayName: 'Gast' })).status,
    ).toBe(201);
    // The guest's session is real: it opens the workshop, just not its exports.
    expect((await guest.get(`/api/workshops/${workshopId}/state`)).status).toBe(200);
    for (const path of ['export.csv?table=cards', 'export.xlsx']) {
      expectError(await guest.get(`/api/workshops/${workshopId}/${path}`), 401, 'unauthenticated');
      expectError(await viewer.get(`/api/workshops/${workshopId}/${path}`), 403, 'forbidden');
      expectError(await stranger.get(`/api/workshops/${workshopId}/${path}`), 404, 'not_found');
    }
  });

  it('authorises before it validates the query, and refuses unknown tables and ids', async () => {
    expectError(await viewer.get(`/api/workshops/${workshopId}/export.csv?table=votes`), 403, 'forbidden');
    expectError(await stranger.get(`/api/workshops/${workshopId}/export.csv`), 404, 'not_found');
    expectError(
      await admin.get(`/api/workshops/${workshopId}/export.csv?table=votes`),
      400,
      'validation_failed',
    );
    expectError(await admin.get(`/api/workshops/${workshopId}/export.csv`), 400, 'validation_failed');
    expectError(
      await admin.get(`/api/workshops/${workshopId}/export.csv?table=${'x'.repeat(5000)}`),
      400,
      'validation_failed',
    );
    expectError(await admin.get('/api/workshops/not-a-uuid/export.xlsx'), 404, 'not_found');
    expectError(
      await admin.get('/api/workshops/00000000-0000-4000-8000-000000000000/export.xlsx'),
      404,
      'not_found',
    );
  });
});
