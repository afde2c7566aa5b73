import type { MeasureDashboardDto } from '@quartierplan/domain';
import { localToday } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { describe, expect, it } from 'vitest';
import { createSozialraum, createTestBody, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { createMeasure, walk } from '../../testing/measures.ts';

const daysAgo = (days: number) => {
  const date = new Date(`${localToday()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};

describe.each(testDatabases())('measure dashboard analytics on $name', (factory) => {
  const ctx = useTestServer(factory);

  it('counts per Handlungsfeld and Sozialraum (also those without measures, archived ones left out), city-wide last', async () => {
    const body = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, body.adminEmail);
    const a = await createSozialraum(admin, { code: 'A1', name: 'Altenhagen' });
    const b = await createSozialraum(admin, { code: 'B1', name: 'Boele' });
    const gone = await createSozialraum(admin, { code: 'C1', name: 'Archiviert' });
    await ctx.db.sql`update sozialraum set archived_at = now() where id = ${gone.id}`;
    const play = await createMeasure(admin, {
      title: 'Spielplatz',
      sozialraumIds: [a.id],
      handlungsfeld: 'Wohnumfeld',
    });
    const walked = await walk(admin, play.id, [
      'recommended',
      'planned',
      'in_consultation',
      { to: 'decided', decisionDate: '2024-01-10', paperReference: '0001/2024' },
      'in_implementation',
    ]);
    const patched = await admin.patch(
      `/api/measures/${play.id}`,
      { progress: 40 },
      { headers: { 'if-match': String(walked.version) } },
    );
    expect(patched.status).toBe(200);
    await createMeasure(admin, { title: 'Beratung', sozialraumIds: [a.id], handlungsfeld: 'Bildung' });
    await createMeasure(admin, { title: 'Stadtweit', cityWide: true, handlungsfeld: 'Bildung' });

    const response = await admin.get<MeasureDashboardDto>('/api/measures/dashboard');
    expect(response.status).toBe(200);
    const { byHandlungsfeld, bySozialraum } = response.body;
    expect(byHandlungsfeld).toEqual([
      { handlungsfeld: 'Bildung', status: 'idea', count: 2 },
      { handlungsfeld: 'Wohnumfeld', status: 'in_implementation', count: 1 },
    ]);
    expect(bySozialraum.map((s) => [s.code, s.name, s.total])).toEqual([
      ['A1', 'Altenhagen', 2],
      ['B1', 'Boele', 0],
      ['', 'Stadtweit', 1],
    ]);
    expect(bySozialraum[0]).toMatchObject({
      sozialraumId: a.id,
      averageProgress: 40,
      counts: expect.objectContaining({ idea: 1, in_implementation: 1, planned: 0 }),
    });
    expect(bySozialraum[1]).toMatchObject({ sozialraumId: b.id, averageProgress: null });
    expect(Object.values(bySozialraum[1]!.counts).every((n) => n === 0)).toBe(true);
    expect(bySozialraum[2]).toMatchObject({ sozialraumId: null, averageProgress: null });
  });

  it('reconstructs the status at each month end from transitions and corrections', async () => {
    const body = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, body.adminEmail);
    // A trail as months of work leave it: created five months ago, recommended three months ago,
    // corrected back to an idea last month.
    const [measure] = await ctx.db.sql<{ id: string }[]>`
      insert into measure (body_id, title, status) values (${body.bodyId}, 'Historie', 'idea') returning id`;
    const event = (kind: string, from: string | null, to: string, monthsAgo: number, version: number) =>
      ctx.db.sql`
        insert into measure_event (measure_id, body_id, kind, actor_name, from_status, to_status, version, created_at)
        values (${measure!.id}, ${body.bodyId}, ${kind}, 'Test', ${from}, ${to}, ${version},
                now() - make_interval(months => ${monthsAgo}))`;
    await event('created', null, 'idea', 5, 1);
    await event('transition', 'idea', 'recommended', 3, 2);
    await event('correction', 'recommended', 'idea', 1, 3);
    // A measure of today counts in the current month only.
    await createMeasure(admin, { title: 'Neu', cityWide: true });

    const { statusByMonth } = (await admin.get<MeasureDashboardDto>('/api/measures/dashboard')).body;
    expect(statusByMonth).toHaveLength(24);
    expect(statusByMonth[23]!.month).toBe(localToday().slice(0, 7));
    expect(statusByMonth.map((m) => m.month)).toEqual([...statusByMonth.map((m) => m.month)].sort());
    const at = (monthsAgo: number) => statusByMonth[23 - monthsAgo]!.counts;
    expect(Object.values(at(6)).reduce((s, n) => s + n, 0)).toBe(0);
    expect(at(5)).toMatchObject({ idea: 1, recommended: 0 });
    expect(at(4)).toMatchObject({ idea: 1, recommended: 0 });
    expect(at(3)).toMatchObject({ idea: 0, recommended: 1 });
    expect(at(2)).toMatchObject({ idea: 0, recommended: 1 });
    expect(at(1)).toMatchObject({ idea: 1, recommended: 0 });
    expect(at(0)).toMatchObject({ idea: 2, recommended: 0 });
  });

  it('lists open milestones past their planned date, most late first', async () => {
    const body = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, body.adminEmail);
    const sr = await createSozialraum(admin, { name: 'Mitte' });
    const measure = await createMeasure(admin, { title: 'Quartiersbüro', sozialraumIds: [sr.id] });
    const milestone = async (
      title: string,
      plannedDate: string,
      status: string,
      actualDate: string | null,
    ) => {
      const response = await admin.post<{ id: string }>(`/api/measures/${measure.id}/milestones`, {
        title,
        plannedDate,
        status,
        actualDate,
        responsible: 'Amt 55',
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    const slightly = await milestone('Räume gemietet', daysAgo(3), 'in_progress', null);
    const very = await milestone('Personal eingestellt', daysAgo(40), 'planned', null);
    await milestone('Eröffnet', daysAgo(50), 'done', daysAgo(45));
    await milestone('Abgesagt', daysAgo(60), 'cancelled', null);
    await milestone('Heute fällig', localToday(), 'planned', null);

    const { lateMilestones } = (await admin.get<MeasureDashboardDto>('/api/measures/dashboard')).body;
    expect(lateMilestones).toEqual([
      {
        id: very.id,
        title: 'Personal eingestellt',
        plannedDate: daysAgo(40),
        daysLate: 40,
        responsible: 'Amt 55',
        measure: { id: measure.id, title: 'Quartiersbüro' },
      },
      {
        id: slightly.id,
        title: 'Räume gemietet',
        plannedDate: daysAgo(3),
        daysLate: 3,
        responsible: 'Amt 55',
        measure: { id: measure.id, title: 'Quartiersbüro' },
      },
    ]);
  });

  it('stays fast with 1,000 measures', async ({ annotate }) => {
    const body = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, body.adminEmail);
    const sr = await createSozialraum(admin, { name: 'Groß' });
    // Statements one after another: the events' ids must follow their order (the trail is read by id).
    await ctx.db.sql`
      insert into measure (body_id, title, status, handlungsfeld, progress)
      select ${body.bodyId}, 'Maßnahme ' || n,
             (array['idea', 'planned', 'in_implementation', 'completed'])[1 + n % 4], 'Feld ' || (n % 7), n % 100
      from generate_series(1, 1000) n`;
    const made = ctx.db
      .sql`select id, status from measure where body_id = ${body.bodyId} and title like 'Maßnahme %'`;
    await ctx.db
      .sql`insert into measure_sozialraum (measure_id, sozialraum_id) select id, ${sr.id} from (${made}) m`;
    await ctx.db.sql`
      insert into measure_event (measure_id, body_id, kind, actor_name, to_status, version, created_at)
      select id, ${body.bodyId}, 'created', 'Test', 'idea', 1, now() - interval '20 months' from (${made}) m`;
    await ctx.db.sql`
      insert into measure_event (measure_id, body_id, kind, actor_name, from_status, to_status, version, created_at)
      select id, ${body.bodyId}, 'transition', 'Test', 'idea', status, 2, now() - interval '8 months'
      from (${made}) m where status <> 'idea'`;
    await ctx.db.sql`
      insert into measure_milestone (measure_id, title, planned_date, status, position)
      select id, 'Meilenstein ' || k, current_date - (k * 30), 'planned', k
      from (${made}) m, generate_series(1, 3) k`;

    const started = performance.now();
    const response = await admin.get<MeasureDashboardDto>('/api/measures/dashboard');
    const took = performance.now() - started;
    await annotate(`dashboard with 1,000 measures (${factory.name}): ${Math.round(took)} ms`);
    expect(response.status).toBe(200);
    expect(response.body.lateMilestones).toHaveLength(3000);
    expect(response.body.statusByMonth[23]!.counts).toMatchObject({
      idea: 250,
      planned: 250,
      completed: 250,
    });
    expect(response.body.statusByMonth[10]!.counts).toMatchObject({ idea: 1000 });
    expect(took).toBeLessThan(10_000);
  });
});
