import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { testDatabases } from '@quartierplan/db/testing';
import type {
  IndicatorDto,
  IndicatorImportDto,
  IndicatorValuesDto,
  SozialraumDto,
} from '@quartierplan/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { sendStreamed, type ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs, unique } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

const DEMO = fileURLToPath(new URL('../../../demo-data/', import.meta.url));
const HAGEN_CSV = 'hagen-einwohner-sozialraum-2023-04-30.csv';
const HAGEN_SOZIALRAEUME = [
  ['712', 'Wehringhausen-Ost/West/Villa Post'],
  ['713', 'Altenhagen/Eckesey-Süd'],
  ['716', 'Zentrum/Remberg'],
  ['741', 'Eilpe/Delstern/Selbecke'],
  ['753', 'Haspe-Zentrum'],
] as const;
const MISSING = '00000000-0000-4000-8000-000000000000';

interface ImportForm {
  date?: string;
  namePrefix?: string;
  kind?: string;
  unit?: string;
}

function form(bytes: Uint8Array | string, name: string, fields: ImportForm = {}): FormData {
  const data = new FormData();
  data.set('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const importFile = (
  client: ApiClient,
  bytes: Uint8Array | string,
  fields: ImportForm,
  { commit = false, name = 'tabelle.csv' } = {},
) =>
  client.request<IndicatorImportDto>('POST', `/api/indicators/import${commit ? '?commit=true' : ''}`, {
    body: form(bytes, name, fields),
  });

describe.each(testDatabases())('indicators API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let clerk: ApiClient;
  let otherAdmin: ApiClient;
  let places: SozialraumDto[];
  let hagenCsv: string;

  const indicators = async (client = admin) => (await client.get<IndicatorDto[]>('/api/indicators')).body;
  const countValues = async () =>
    Number((await ctx.db.sql<{ n: number }[]>`select count(*)::int as n from indicator_value`)[0]!.n);

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    otherAdmin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    places = [];
    for (const [code, name] of HAGEN_SOZIALRAEUME) places.push(await createSozialraum(admin, { code, name }));
    editor = await loginAs(
      ctx.server,
      (
        await createUser(admin, {
          role: 'member',
          memberships: [
            { sozialraumId: places[0]!.id, access: 'edit' },
            { sozialraumId: places[1]!.id, access: 'view' },
          ],
        })
      ).email,
    );
    viewer = await loginAs(
      ctx.server,
      (
        await createUser(admin, {
          role: 'member',
          memberships: [{ sozialraumId: places[0]!.id, access: 'view' }],
        })
      ).email,
    );
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
    hagenCsv = await readFile(`${DEMO}/${HAGEN_CSV}`, 'utf8');
  });

  it('previews the Hagen table without storing anything, then commits it; a second commit changes nothing', async () => {
    const before = await countValues();
    const fields = { date: '30.04.2023', namePrefix: 'Einwohner Test – ', kind: 'count', unit: 'Personen' };
    const preview = await importFile(admin, hagenCsv, fields);
    expect(preview.status).toBe(200);
    expect(preview.body.committed).toBe(false);
    expect(preview.body.issues).toEqual([]);
    // 5 Sozialräume and the city, 8 columns each.
    expect(preview.body.changes).toEqual({ added: 48, changed: 0, unchanged: 0 });
    expect(preview.body.indicators.map((i) => i.name)).toContain('Einwohner Test – Männlich');
    expect(preview.body.indicators.every((i) => !i.exists)).toBe(true);
    expect(preview.body.rows[0]).toEqual({
      line: 2,
      indicator: 'Einwohner Test – Männlich',
      sozialraum: '712 Wehringhausen-Ost/West/Villa Post',
      date: '2023-04-30',
      before: null,
      after: 6718,
    });
    expect(await countValues()).toBe(before);
    expect((await indicators()).map((i) => i.name)).not.toContain('Einwohner Test – Männlich');

    const committed = await importFile(admin, hagenCsv, fields, { commit: true });
    expect(committed.status).toBe(200);
    expect(committed.body.committed).toBe(true);
    expect(await countValues()).toBe(before + 48);
    const catalogue = await indicators();
    const total = catalogue.find((i) => i.name === 'Einwohner Test – Insgesamt')!;
    expect(total).toMatchObject({ kind: 'count', unit: 'Personen', dates: ['2023-04-30'] });
    // The catalogue keeps the table's column order (age groups from the youngest), not the names' order.
    expect(
      catalogue.filter((i) => i.name.startsWith('Einwohner Test – ')).map((i) => i.name.slice(17)),
    ).toEqual([
      'Männlich',
      'Weiblich',
      'Unter 18 Jahre',
      '18 bis 25 Jahre',
      '26 bis 45 Jahre',
      '46 bis 65 Jahre',
      '66 Jahre und älter',
      'Insgesamt',
    ]);
    // One indicator by its id, as the comparison page loads it; another body's or an unknown one is not found.
    expect((await viewer.get<IndicatorDto>(`/api/indicators/${total.id}`)).body).toEqual(total);
    expectError(await otherAdmin.get(`/api/indicators/${total.id}`), 404, 'not_found');
    expectError(await admin.get(`/api/indicators/${MISSING}`), 404, 'not_found');
    expectError(await admin.get('/api/indicators/kein-uuid'), 404, 'not_found');

    const again = await importFile(admin, hagenCsv, fields, { commit: true });
    expect(again.body.changes).toEqual({ added: 0, changed: 0, unchanged: 48 });
    expect(again.body.rows).toEqual([]);
    expect(await countValues()).toBe(before + 48);

    const values = await admin.get<IndicatorValuesDto>(`/api/indicators/${total.id}/values`);
    expect(values.body.date).toBe('2023-04-30');
    expect(values.body.city).toEqual({ value: 196434, suppressed: false });
    expect(values.body.sozialraeume.map((s) => [s.code, s.value])).toEqual([
      ['712', 13137],
      ['713', 19418],
      ['716', 23134],
      ['741', 12141],
      ['753', 8822],
    ]);
  });

  it('reads the same table in Windows-1252 ("Männlich") and as XLSX, and shows what changed', async () => {
    const fields = { date: '2023-04-30', namePrefix: 'Einwohner Kodierung – ', unit: 'Personen' };
    const latin = Buffer.from(hagenCsv, 'latin1');
    expect(latin.includes(Buffer.from('Männlich', 'utf8'))).toBe(false);
    const preview = await importFile(admin, latin, fields);
    expect(preview.body.issues).toEqual([]);
    expect(preview.body.indicators.map((i) => i.name)).toContain('Einwohner Kodierung – Männlich');
    expect((await importFile(admin, latin, fields, { commit: true })).body.changes.added).toBe(48);

    // The same figures as a workbook (numbers as numbers, a date column), one value corrected.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Einwohner');
    const lines = hagenCsv
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(';'));
    sheet.addRow(['Stichtag', ...lines[0]!]);
    for (const cells of lines.slice(1)) {
      sheet.addRow([
        new Date('2023-04-30T00:00:00Z'),
        cells[0],
        ...cells.slice(1).map((cell) => Number(cell.replaceAll('.', ''))),
      ]);
    }
    sheet.getRow(2).getCell(3).value = 6720;
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const fromXlsx = await importFile(
      admin,
      xlsx,
      { namePrefix: 'Einwohner Kodierung – ' },
      {
        name: 'tabelle.xlsx',
      },
    );
    expect(fromXlsx.body.issues).toEqual([]);
    expect(fromXlsx.body.changes).toEqual({ added: 0, changed: 1, unchanged: 47 });
    expect(fromXlsx.body.rows).toEqual([
      expect.objectContaining({
        line: 2,
        indicator: 'Einwohner Kodierung – Männlich',
        before: 6718,
        after: 6720,
      }),
    ]);
  });

  it('reports bad files with line numbers and stores nothing; refuses garbage, missing files and oversized uploads', async () => {
    const before = await countValues();
    const header = 'Sozialraum,Stichtag,Quote\n';
    const cases: [string, string, ImportForm, { line: number; message: RegExp }][] = [
      ['wrong number', `${header}712,30.04.2023,"zwölf"\n`, {}, { line: 2, message: /Keine Zahl/ }],
      [
        'unknown Sozialraum',
        `${header}999 Nirgendwo,30.04.2023,"1,5"\n`,
        {},
        { line: 2, message: /Unbekannter Sozialraum/ },
      ],
      ['bad date', `${header}712,31.02.2023,"1,5"\n`, {}, { line: 2, message: /Kein gültiges Datum/ }],
      ['missing date', 'Sozialraum;Quote\n712;1,5\n', {}, { line: 1, message: /Stichtag fehlt/ }],
      [
        'duplicate row',
        `${header}712,30.04.2023,"1,5"\n713,30.04.2023,2\n712,30.04.2023,"1,6"\n`,
        {},
        { line: 4, message: /Zeile 2/ },
      ],
      ['empty', '', {}, { line: 1, message: /Kopfzeile/ }],
    ];
    for (const [label, csv, fields, issue] of cases) {
      const preview = await importFile(admin, csv, { kind: 'rate', unit: '%', ...fields });
      expect(preview.status, label).toBe(200);
      expect(preview.body.issues, label).toContainEqual(
        expect.objectContaining({ line: issue.line, message: expect.stringMatching(issue.message) }),
      );
      const commit = await importFile(admin, csv, { kind: 'rate', unit: '%', ...fields }, { commit: true });
      expect(expectError(commit, 422, 'validation_failed').details, label).toEqual({
        issues: preview.body.issues,
      });
    }
    expect(await countValues()).toBe(before);

    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expectError(await importFile(admin, garbage, {}), 400, 'validation_failed');
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expectError(await importFile(admin, brokenZip, {}, { name: 'x.xlsx' }), 400, 'validation_failed');
    const noFile = new FormData();
    noFile.set('kind', 'count');
    expectError(
      await admin.request('POST', '/api/indicators/import', { body: noFile }),
      400,
      'validation_failed',
    );
    expectError(await importFile(admin, hagenCsv, { kind: 'menge' }), 400, 'validation_failed');
    expectError(await importFile(admin, hagenCsv, { date: '31.02.2023' }), 400, 'validation_failed');
    expectError(
      await admin.post('/api/indicators/import', { file: 'nicht als Formular' }),
      415,
      'unsupported_media_type',
    );
    expectError(
      await admin.request('POST', '/api/indicators/import?commit=vielleicht', {
        body: form(hagenCsv, 'a.csv'),
      }),
      400,
      'validation_failed',
    );

    const oversized = await importFile(admin, 'x'.repeat(5 * 1024 * 1024 + 1), {});
    expectError(oversized, 413, 'payload_too_large');
    const streamed = await sendStreamed(ctx.server.origin, '/api/indicators/import', {
      headers: {
        cookie: `qp_session=${admin.cookie('qp_session')}`,
        'content-type': 'multipart/form-data; boundary=grenze',
        origin: ctx.server.origin,
      },
      totalBytes: 7 * 1024 * 1024,
    });
    expectError(streamed, 413, 'payload_too_large');
    expect(await countValues()).toBe(before);
  });

  it('lets members with edit write their own Sozialräume only; viewers and clerks get 403 before validation', async () => {
    const csv =
      'Sozialraum;Stichtag;Mitglieder-Quote\n712;30.04.2023;4,5\n713;30.04.2023;5,5\nStadt Hagen insgesamt;30.04.2023;5\n';
    const preview = await importFile(editor, csv, { kind: 'rate', unit: '%' });
    expect(preview.status).toBe(200);
    expect(preview.body.issues.map((i) => i.line)).toEqual([3, 4]);
    expectError(await importFile(editor, csv, { kind: 'rate' }, { commit: true }), 422, 'validation_failed');
    const own = await importFile(
      editor,
      csv.split('\n').slice(0, 2).join('\n'),
      { kind: 'rate' },
      { commit: true },
    );
    expect(own.body.changes.added).toBe(1);

    for (const client of [viewer, clerk]) {
      expectError(await importFile(client, 'kaputt', { kind: 'menge' }), 403, 'forbidden');
      expectError(await client.post('/api/indicators', { name: 7 }), 403, 'forbidden');
    }
    const quote = (await indicators()).find((i) => i.name === 'Mitglieder-Quote')!;
    expectError(await viewer.patch(`/api/indicators/${quote.id}`, { name: 7 }), 403, 'forbidden');
    expectError(await viewer.delete(`/api/indicators/${quote.id}`), 403, 'forbidden');
    expectError(await viewer.post(`/api/indicators/${quote.id}/values`, { values: 'x' }), 403, 'forbidden');
    expectError(
      await editor.post(`/api/indicators/${quote.id}/values`, { values: 'x' }),
      400,
      'validation_failed',
    );

    const write = (client: ApiClient, values: object[]) =>
      client.post(`/api/indicators/${quote.id}/values`, { values });
    expect((await write(editor, [{ code: '712', date: '2023-04-30', value: 4.75 }])).body).toEqual({
      added: 0,
      changed: 1,
      unchanged: 0,
    });
    expectError(await write(editor, [{ code: '713', date: '2023-04-30', value: 1 }]), 403, 'forbidden');
    expectError(await write(editor, [{ date: '2023-04-30', value: 1 }]), 403, 'forbidden');
    expectError(
      await write(admin, [{ code: 'XYZ', date: '2023-04-30', value: 1 }]),
      422,
      'validation_failed',
    );
    expect((await write(admin, [{ date: '2023-04-30', value: 5 }])).body).toEqual({
      added: 1,
      changed: 0,
      unchanged: 0,
    });

    // Another body's indicator does not exist for them.
    expectError(await otherAdmin.patch(`/api/indicators/${quote.id}`, { name: 'X' }), 404, 'not_found');
    expectError(await otherAdmin.get(`/api/indicators/${quote.id}/values`), 404, 'not_found');
    expectError(
      await otherAdmin.post(`/api/indicators/${quote.id}/values`, {
        values: [{ date: '2023-04-30', value: 1 }],
      }),
      404,
      'not_found',
    );
    expectError(await otherAdmin.delete(`/api/indicators/${quote.id}`), 404, 'not_found');
    expect((await indicators(otherAdmin)).map((i) => i.id)).not.toContain(quote.id);

    // Members read their Sozialräume and the city.
    const seen = await editor.get<IndicatorValuesDto>(`/api/indicators/${quote.id}/values?date=2023-04-30`);
    expect(seen.body.sozialraeume.map((s) => s.code)).toEqual(['712']);
    expect(seen.body.city).toEqual({ value: 5, suppressed: false });
    expectError(
      await editor.get(`/api/indicators/${quote.id}/values?date=30.04.2023`),
      400,
      'validation_failed',
    );
  });

  it('creates, edits and deletes indicators; names are unique; partOf must exist', async () => {
    const name = unique('SGB II-Quote ');
    const created = await admin.post<IndicatorDto>('/api/indicators', {
      name,
      kind: 'rate',
      unit: '%',
      topic: 'Soziales',
      precision: 1,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      kind: 'rate',
      unit: '%',
      topic: 'Soziales',
      dates: [],
      partOf: null,
    });
    expectError(await admin.post('/api/indicators', { name, kind: 'rate' }), 409, 'conflict');
    expectError(
      await admin.post('/api/indicators', { name: 'X', kind: 'rate', partOf: MISSING }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.patch(`/api/indicators/${created.body.id}`, { partOf: created.body.id }),
      400,
      'validation_failed',
    );
    const edited = await editor.patch<IndicatorDto>(`/api/indicators/${created.body.id}`, {
      source: 'Kreis',
    });
    expect(edited.body.source).toBe('Kreis');
    expectError(await editor.delete(`/api/indicators/${created.body.id}`), 403, 'forbidden');
    expect((await admin.delete(`/api/indicators/${created.body.id}`)).status).toBe(204);
    expectError(await admin.delete(`/api/indicators/${created.body.id}`), 404, 'not_found');
    expectError(await admin.patch(`/api/indicators/${MISSING}`, { name: 'Y' }), 404, 'not_found');
    expectError(await admin.get('/api/indicators/kein-uuid/values'), 404, 'not_found');
  });

  it('publishes values through disclosure control: a count of 2 and its complement are suppressed', async () => {
    const created = await admin.post<IndicatorDto>('/api/indicators', {
      name: unique('Kleine Zahl '),
      kind: 'count',
    });
    const id = created.body.id;
    const values = [
      { code: '712', value: 2 },
      { code: '713', value: 40 },
      { code: '716', value: 50 },
      { code: '741', value: 60 },
      { code: '753', value: 70 },
      { value: 222 },
    ].map((v) => ({ ...v, date: '2024-12-31' }));
    expect((await admin.post(`/api/indicators/${id}/values`, { values })).status).toBe(200);
    const published = (await admin.get<IndicatorValuesDto>(`/api/indicators/${id}/values`)).body;
    expect(published.date).toBe('2024-12-31');
    const suppressed = published.sozialraeume.filter((s) => s.suppressed);
    expect(suppressed.map((s) => s.code)).toEqual(['712', '713']);
    expect(suppressed.every((s) => s.value === null)).toBe(true);
    expect(published.city).toEqual({ value: 222, suppressed: false });
    // The preview of a re-import does not show the suppressed figures either.
    const csv = 'Sozialraum;Stichtag;' + created.body.name + '\n712;31.12.2024;3\n';
    const preview = await importFile(admin, csv, {});
    expect(preview.body.rows).toEqual([expect.objectContaining({ before: null, after: 3 })]);
    expect(preview.body.changes).toEqual({ added: 0, changed: 1, unchanged: 0 });
  });
});
