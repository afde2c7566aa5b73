import type { MeasureDto, SozialraumDto, WorkplanDto } from '@quartierplan/domain';
import { localToday } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { readPdf } from '@quartierplan/export/testing';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { DECIDED, createMeasure, walk } from '../../testing/measures.ts';
import { download } from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';

describe.each(testDatabases())('work plan on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let clerk: ApiClient;
  let member: ApiClient;
  let otherBody: ApiClient;
  let altenhagen: SozialraumDto;
  let haspe: SozialraumDto;
  let office: MeasureDto;
  let playground: MeasureDto;
  let city: MeasureDto;
  let deferred: MeasureDto;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    altenhagen = await createSozialraum(admin, { code: 'AH', name: 'Altenhagen' });
    haspe = await createSozialraum(admin, { code: 'HA', name: 'Haspe' });
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
    member = await loginAs(
      ctx.server,
      (
        await createUser(admin, {
          role: 'member',
          memberships: [{ sozialraumId: altenhagen.id, access: 'view' }],
        })
      ).email,
    );
    otherBody = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);

    office = await createMeasure(admin, {
      title: 'Quartiersbüro Altenhagen',
      sozialraumIds: [altenhagen.id],
      fundingProgramme: 'Sozialer Zusammenhalt',
      responsibleDepartment: 'FB 55',
      plannedStart: '2024-07-01',
      plannedEnd: '2025-06-30',
      actualStart: '2024-08-15',
      progress: 40,
    });
    await walk(admin, office.id, ['recommended', 'planned', 'in_consultation', DECIDED, 'in_implementation']);
    playground = await createMeasure(admin, {
      title: 'Spielplatz Haspe',
      sozialraumIds: [haspe.id],
      fundingProgramme: 'Stadtumbau',
      plannedStart: '2024-03-01',
      plannedEnd: '2024-12-31',
    });
    await walk(admin, playground.id, ['recommended', 'planned']);
    city = await createMeasure(admin, { title: 'Stadtweite Kampagne', cityWide: true });
    await walk(admin, city.id, ['recommended', 'planned']);
    deferred = await createMeasure(admin, { title: 'Zurückgestellt', sozialraumIds: [altenhagen.id] });
    await walk(admin, deferred.id, ['recommended', 'planned', { to: 'deferred', comment: 'Haushalt' }]);
    // Not in the plan: an idea, and a rejected measure.
    await createMeasure(admin, { title: 'Nur eine Idee', sozialraumIds: [altenhagen.id] });
    const rejected = await createMeasure(admin, { title: 'Abgelehnt', sozialraumIds: [altenhagen.id] });
    await walk(admin, rejected.id, [
      'recommended',
      'planned',
      'in_consultation',
      { to: 'rejected', decisionDate: '2024-02-01', paperReference: '0100/2024', comment: 'Kein Geld' },
    ]);

    for (const milestone of [
      {
        title: 'Räume gemietet',
        plannedDate: '2024-09-30',
        actualDate: '2024-10-05',
        status: 'done',
        responsible: 'FB 55',
      },
      { title: 'Personal eingestellt', plannedDate: '2024-11-30', responsible: 'Caritas' },
    ]) {
      expect((await admin.post(`/api/measures/${office.id}/milestones`, milestone)).status).toBe(201);
    }
  });

  it('lists the measures from planned on (no ideas, no rejected ones) by planned start, with milestones', async () => {
    const response = await admin.get<WorkplanDto>('/api/workplan');
    expect(response.status).toBe(200);
    const plan = response.body;
    expect(plan.today).toBe(localToday());
    expect(plan.packages.map((p) => p.measure.title)).toEqual([
      'Spielplatz Haspe',
      'Quartiersbüro Altenhagen',
      'Stadtweite Kampagne',
      'Zurückgestellt',
    ]);
    expect(plan.programmes).toEqual(['Sozialer Zusammenhalt', 'Stadtumbau']);
    const pkg = plan.packages[1]!;
    expect(pkg).toMatchObject({
      measure: {
        id: office.id,
        status: 'in_implementation',
        fundingProgramme: 'Sozialer Zusammenhalt',
        cityWide: false,
        sozialraeume: [{ id: altenhagen.id, code: 'AH', name: 'Altenhagen' }],
      },
      plannedStart: '2024-07-01',
      plannedEnd: '2025-06-30',
      actualStart: '2024-08-15',
      actualEnd: null,
      progress: 40,
    });
    expect(pkg.milestones.map((m) => [m.title, m.status, m.daysLate, m.late])).toEqual([
      ['Räume gemietet', 'done', 5, true],
      ['Personal eingestellt', 'planned', expect.any(Number), localToday() > '2024-11-30'],
    ]);
  });

  it('filters by Sozialraum and programme; an unknown Sozialraum is 404, a malformed one 400', async () => {
    const bySozialraum = (await admin.get<WorkplanDto>(`/api/workplan?sozialraumId=${haspe.id}`)).body;
    expect(bySozialraum.packages.map((p) => p.measure.id)).toEqual([playground.id]);
    const byProgramme = (
      await admin.get<WorkplanDto>(`/api/workplan?programme=${encodeURIComponent('Sozialer Zusammenhalt')}`)
    ).body;
    expect(byProgramme.packages.map((p) => p.measure.id)).toEqual([office.id]);
    expect(byProgramme.programmes).toEqual(['Sozialer Zusammenhalt', 'Stadtumbau']);
    expectError(await admin.get('/api/workplan?sozialraumId=kein-uuid'), 400, 'validation_failed');
    expectError(await otherBody.get(`/api/workplan?sozialraumId=${haspe.id}`), 404, 'not_found');
    expectError(await admin.get('/api/workplan?programme='), 400, 'validation_failed');
  });

  it('shows members only the measures they see; clerks all', async () => {
    const mine = (await member.get<WorkplanDto>('/api/workplan')).body;
    expect(mine.packages.map((p) => p.measure.id)).toEqual([office.id, city.id, deferred.id]);
    expect(mine.programmes).toEqual(['Sozialer Zusammenhalt']);
    const clerks = (await clerk.get<WorkplanDto>('/api/workplan')).body;
    expect(clerks.packages).toHaveLength(4);
    expect((await otherBody.get<WorkplanDto>('/api/workplan')).body.packages).toEqual([]);
  });

  it('exports XLSX with packages, quarters and milestones that reads back', async () => {
    const file = await download(admin, '/api/workplan/export?format=xlsx');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(file.headers.get('content-disposition')).toContain(`Arbeitsplan-${localToday()}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(file.bytes).buffer);
    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      return Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
        Object.fromEntries(header.map((h, c) => [h, sheet.getRow(i + 2).getCell(c + 1).value])),
      );
    };
    const packages = rowsOf('Arbeitspakete');
    expect(packages.map((r) => r.Arbeitspaket)).toEqual([
      'Spielplatz Haspe',
      'Quartiersbüro Altenhagen',
      'Stadtweite Kampagne',
      'Zurückgestellt',
    ]);
    expect(packages[1]).toMatchObject({
      Status: 'in Umsetzung',
      Sozialräume: 'AH Altenhagen',
      'Beginn geplant': new Date('2024-07-01T00:00:00Z'),
      'Beginn geplant (Quartal)': 'Q3/2024',
      'Ende geplant (Quartal)': 'Q2/2025',
      'Beginn tatsächlich (Quartal)': 'Q3/2024',
      'Ende tatsächlich': null,
      'Fortschritt (%)': 40,
    });
    expect(String(packages[1]!.Meilensteine)).toContain('Räume gemietet (erreicht), geplant 30.09.2024');
    const milestones = rowsOf('Meilensteine');
    expect(milestones[0]).toMatchObject({
      Arbeitspaket: 'Quartiersbüro Altenhagen',
      Meilenstein: 'Räume gemietet',
      Status: 'erreicht',
      Geplant: new Date('2024-09-30T00:00:00Z'),
      'Geplant (Quartal)': 'Q3/2024',
      Erreicht: new Date('2024-10-05T00:00:00Z'),
      Verspätet: 'ja',
      'Tage verspätet': 5,
    });
  });

  it('exports the PDF with the table and the Gantt chart, in the filter the reader chose', async () => {
    const file = await download(member, `/api/workplan/export?format=pdf&sozialraumId=${altenhagen.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain(`Arbeitsplan-${localToday()}.pdf`);
    const { text } = await readPdf(file.bytes);
    const flat = text.replace(/\s+/g, ' ');
    for (const line of [
      'Arbeitsplan',
      'Sozialraum: AH Altenhagen',
      'Quartiersbüro Altenhagen',
      '01.07.2024 (Q3/2024)',
      'Räume gemietet (erreicht), geplant 30.09.2024, erreicht 05.10.2024, 5 Tage verspätet',
      'Zeitplan',
      'Q3/2024',
    ]) {
      expect(flat).toContain(line);
    }
    expect(flat).not.toContain('Spielplatz Haspe');
  });

  it('refuses an unknown format', async () => {
    expectError(await admin.get('/api/workplan/export?format=docx'), 400, 'validation_failed');
    expectError(await admin.get('/api/workplan/export'), 400, 'validation_failed');
  });
});
