import type { MeasureDashboardDto, SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import { neutraliseFormula } from '../../http/spreadsheet.ts';
import { DECIDED, createMeasure, walk } from '../../testing/measures.ts';

describe('formula neutralisation and file names', () => {
  it('prefixes cells a spreadsheet would evaluate', () => {
    for (const text of ['=SUM(A1)', '+49 2331', '-5', '@cmd', '\tx', '\rx'])
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(neutraliseFormula('Quartiersbüro')).toBe('Quartiersbüro');
  });

  it('names the file per RFC 6266 with an ASCII fallback', () => {
    expect(contentDisposition('Maßnahmen-2024-05-01.csv')).toBe(
      `attachment; filename="Massnahmen-2024-05-01.csv"; filename*=UTF-8''Ma%C3%9Fnahmen-2024-05-01.csv`,
    );
  });
});

describe.each(testDatabases())('measure export and dashboard on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let altenhagen: SozialraumDto;
  let haspe: SozialraumDto;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    altenhagen = await createSozialraum(admin, { name: 'Altenhagen' });
    haspe = await createSozialraum(admin, { name: 'Haspe' });
    await createMeasure(admin, {
      title: 'Quartiersbüro Altenhagen',
      sozialraumIds: [altenhagen.id],
      provider: 'Caritas; "Hagen"',
      costOneOff: 12_500.5,
      costYearly: 48_000,
      fundingSource: 'land',
      plannedStart: '2024-01-15',
      progress: 0,
    });
    await createMeasure(admin, {
      title: '=HYPERLINK("http://evil.example","klick")',
      sozialraumIds: [haspe.id],
      description: '@SUM(1)',
    });
  });

  it('exports the filtered list as CSV for German Excel: BOM, semicolons, decimal comma, neutralised formulas', async () => {
    const response = await admin.get(`/api/measures/export?format=csv&sozialraumId=${altenhagen.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Massnahmen-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''Ma%C3%9Fnahmen-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect([...response.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const lines = response.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]!.split(';').slice(0, 3)).toEqual(['Titel', 'Status', 'Sozialräume']);
    expect(lines).toHaveLength(3);
    const row = lines[1]!;
    expect(row).toContain('Quartiersbüro Altenhagen;Idee;');
    expect(row).toContain(';"Caritas; ""Hagen""";');
    expect(row).toContain(';12500,50;48000,00;Land;');
    expect(row).toContain(';2024-01-15;');

    const all = await admin.get('/api/measures/export?format=csv&q=HYPERLINK');
    const evil = all.text.replace(/^\uFEFF/, '').split('\r\n')[1]!;
    expect(evil.startsWith(`"'=HYPERLINK(""http://evil.example"",""klick"")"`)).toBe(true);
    expect(evil).toContain(";'@SUM(1)");
  });

  it('exports XLSX that parses back with typed cells and neutralised formulas', async () => {
    const response = await admin.get('/api/measures/export?format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.bytes.buffer);
    const sheet = workbook.getWorksheet('Maßnahmen')!;
    expect(sheet.rowCount).toBe(3);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = [2, 3].map((n) =>
      Object.fromEntries(header.map((h, i) => [String(h), sheet.getRow(n).getCell(i + 1).value])),
    );
    const office = rows.find((r) => r.Titel === 'Quartiersbüro Altenhagen')!;
    expect(office['Kosten einmalig (EUR)']).toBe(12_500.5);
    expect(office['Kosten jährlich (EUR)']).toBe(48_000);
    expect(office['Beginn geplant']).toEqual(new Date('2024-01-15T00:00:00Z'));
    expect(office['Sozialräume']).toBe(`${altenhagen.code} Altenhagen`);
    const evil = rows.find((r) => String(r.Titel).includes('HYPERLINK'))!;
    expect(evil.Titel).toBe(`'=HYPERLINK("http://evil.example","klick")`);
    expect(evil.Beschreibung).toBe(`'@SUM(1)`);
    for (const r of rows)
      for (const value of Object.values(r))
        expect(typeof value === 'object' && value !== null && 'formula' in value).toBe(false);
  });

  it('refuses an unknown format', async () => {
    expectError(await admin.get('/api/measures/export?format=pdf'), 400, 'validation_failed');
    expectError(await admin.get('/api/measures/export'), 400, 'validation_failed');
  });

  it('serves the dashboard computed from the data', async () => {
    const body = await createTestBody(ctx.db.sql);
    const a = await loginAs(ctx.server, body.adminEmail);
    const sr = await createSozialraum(a, { name: 'Mitte' });
    const planned = await createMeasure(a, {
      title: 'Geplant',
      sozialraumIds: [sr.id],
      costOneOff: 1000,
      costYearly: 200,
    });
    await walk(a, planned.id, ['recommended', 'planned']);
    const decided = await createMeasure(a, {
      title: 'Beschlossen',
      sozialraumIds: [sr.id],
      costOneOff: 5000,
    });
    await walk(a, decided.id, ['recommended', 'planned', 'in_consultation', DECIDED, 'in_implementation']);
    await a.patch(`/api/measures/${decided.id}`, { progress: 25 }, { headers: { 'if-match': '6' } });
    await ctx.db.sql`update measure set updated_at = now() - interval '100 days' where id = ${planned.id}`;

    const response = await a.get<MeasureDashboardDto>('/api/measures/dashboard?staleDays=30');
    expect(response.status).toBe(200);
    // The analytics of issue 18 have their own test (dashboard.test.ts).
    const {
      statusByMonth: _m,
      byHandlungsfeld: _h,
      bySozialraum: _s,
      lateMilestones: _l,
      ...figures
    } = response.body;
    expect(figures).toEqual({
      staleDays: 30,
      statusCounts: [
        { sozialraumId: sr.id, sozialraumName: 'Mitte', status: 'in_implementation', count: 1 },
        { sozialraumId: sr.id, sozialraumName: 'Mitte', status: 'planned', count: 1 },
      ],
      costs: [
        {
          sozialraumId: sr.id,
          sozialraumName: 'Mitte',
          plannedOneOff: 1000,
          plannedYearly: 200,
          decidedOneOff: 5000,
          decidedYearly: 0,
        },
      ],
      stale: [
        {
          id: planned.id,
          title: 'Geplant',
          status: 'planned',
          updatedAt: expect.any(String),
          daysUnchanged: 100,
        },
      ],
      implementation: {
        count: 1,
        averageProgress: 25,
        measures: [{ id: decided.id, title: 'Beschlossen', progress: 25, plannedEnd: null, overdue: false }],
      },
    });
    expectError(await a.get('/api/measures/dashboard?staleDays=abc'), 400, 'validation_failed');
  });
});
