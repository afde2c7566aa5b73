import type {
  AuditEventDto,
  DataExportDto,
  EvaluationIndicatorDto,
  ImplementationDto,
  MeasureDto,
  MeasureEventDto,
  MilestoneDto,
  NotificationDto,
  PublicMeasuresDto,
  ReportDto,
  SozialraumDto,
  UnreadCountDto,
} from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { readPdf } from '@quartierplan/export/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  uniqueEmail,
  type TestUser,
} from '../../testing/fixtures.ts';
import { createMeasure, openMeasureStream, walk, type MeasureStream } from '../../testing/measures.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  download,
  releasePaper,
} from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';
import { runMilestoneReminders } from '../../services/milestone-reminders.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(testDatabases())('measure implementation on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let clerk: ApiClient;
  let editor: ApiClient;
  let editorUser: TestUser;
  let viewer: ApiClient;
  let neighbour: ApiClient;
  let otherBody: ApiClient;
  let otherBodyUserId: string;
  let mine: SozialraumDto;
  let theirs: SozialraumDto;
  const streams: MeasureStream[] = [];

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    mine = await createSozialraum(admin);
    theirs = await createSozialraum(admin);
    const member = async (sozialraumId: string, access: 'edit' | 'view', name?: string) => {
      const user = await createUser(admin, {
        role: 'member',
        memberships: [{ sozialraumId, access }],
        ...(name ? { name } : {}),
      });
      return { user, client: await loginAs(ctx.server, user.email) };
    };
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
    const e = await member(mine.id, 'edit', 'Renate Umsetzerin');
    editor = e.client;
    editorUser = e.user;
    viewer = (await member(mine.id, 'view')).client;
    neighbour = (await member(theirs.id, 'edit')).client;
    const other = await createTestBody(ctx.db.sql);
    otherBody = await loginAs(ctx.server, other.adminEmail);
    otherBodyUserId = other.adminId;
  });
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });

  const implementation = (client: ApiClient, id: string) =>
    client.get<ImplementationDto>(`/api/measures/${id}/implementation`);
  const addMilestone = async (client: ApiClient, id: string, body: Record<string, unknown>) => {
    const response = await client.post<MilestoneDto>(`/api/measures/${id}/milestones`, body);
    expect(response.status, response.text).toBe(201);
    return response.body;
  };
  const addReport = async (client: ApiClient, id: string, body: Record<string, unknown>) => {
    const response = await client.post<ReportDto>(`/api/measures/${id}/reports`, body);
    expect(response.status, response.text).toBe(201);
    return response.body;
  };

  it('lets admins and members with edit in a Sozialraum track; viewers and clerks read; others are refused first', async () => {
    const m = await createMeasure(admin, { title: 'Stadtteilbüro', sozialraumIds: [mine.id] });
    const city = await createMeasure(admin, { title: 'Stadtweites Programm', cityWide: true });

    const asAdmin = await implementation(admin, m.id);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({
      measureId: m.id,
      public: false,
      progress: 0,
      milestones: [],
      reports: [],
      evaluation: [],
      permissions: { track: true, publish: true },
    });
    expect((await implementation(editor, m.id)).body.permissions).toEqual({ track: true, publish: false });
    expect((await implementation(viewer, m.id)).body.permissions).toEqual({ track: false, publish: false });
    expect((await implementation(clerk, m.id)).body.permissions).toEqual({ track: false, publish: false });
    expect((await implementation(editor, city.id)).body.permissions).toEqual({
      track: false,
      publish: false,
    });
    // Edit in one of the measure's Sozialräume is enough to track it.
    const shared = await createMeasure(admin, { title: 'Gemeinsam', sozialraumIds: [mine.id, theirs.id] });
    expect((await implementation(editor, shared.id)).body.permissions.track).toBe(true);
    expect((await implementation(neighbour, shared.id)).body.permissions.track).toBe(true);
    expectError(await implementation(neighbour, m.id), 403, 'forbidden');
    expectError(await implementation(otherBody, m.id), 404, 'not_found');
    expectError(await implementation(admin, MISSING), 404, 'not_found');
    expectError(await admin.get(`/api/measures/kein-uuid/implementation`), 404, 'not_found');

    // Refused before the (invalid) body is read: 403/404, never the 400 a permitted writer would get.
    const invalid = { title: '' };
    for (const path of [
      `/api/measures/${m.id}/milestones`,
      `/api/measures/${m.id}/reports`,
      `/api/measures/${m.id}/evaluation`,
    ]) {
      expectError(await viewer.post(path, invalid), 403, 'forbidden');
      expectError(await clerk.post(path, invalid), 403, 'forbidden');
      expectError(await neighbour.post(path, invalid), 403, 'forbidden');
      expectError(await otherBody.post(path, invalid), 404, 'not_found');
      expectError(await editor.post(path, invalid), 400, 'validation_failed');
    }
    expectError(await editor.post(`/api/measures/${city.id}/milestones`, invalid), 403, 'forbidden');
    expect(
      (await admin.post(`/api/measures/${city.id}/milestones`, { title: 'Start', plannedDate: '2026-01-01' }))
        .status,
    ).toBe(201);
    expectError(await viewer.put(`/api/measures/${m.id}/milestones/order`, { ids: 'x' }), 403, 'forbidden');

    // Members with edit track in every status (the Träger reports after the decision too).
    const decided = await walk(admin, m.id, [
      'recommended',
      'planned',
      'in_consultation',
      { to: 'decided', decisionDate: '2026-02-01', paperReference: '0101/2026' },
      'in_implementation',
    ]);
    expect(decided.status).toBe('in_implementation');
    const milestone = await addMilestone(editor, m.id, {
      title: 'Räume gefunden',
      plannedDate: '2026-03-01',
    });
    expect(milestone).toMatchObject({
      title: 'Räume gefunden',
      status: 'planned',
      position: 0,
      responsibleUser: null,
    });
    expectError(
      await viewer.patch(`/api/measures/${m.id}/milestones/${milestone.id}`, { title: 1 }),
      403,
      'forbidden',
    );
    expectError(await viewer.delete(`/api/measures/${m.id}/milestones/${milestone.id}`), 403, 'forbidden');
    expectError(await otherBody.delete(`/api/measures/${m.id}/milestones/${milestone.id}`), 404, 'not_found');

    // A report is deleted by its author or an admin, not by another tracker.
    const report = await addReport(admin, m.id, { date: '2026-03-02', text: 'Angefangen.', progress: 5 });
    expectError(await editor.delete(`/api/measures/${m.id}/reports/${report.id}`), 403, 'forbidden');
    const own = await addReport(editor, m.id, { date: '2026-03-03', text: 'Eigenes.', progress: 6 });
    expect(own.author).toEqual({ id: editorUser.id, name: 'Renate Umsetzerin' });
    expect((await editor.delete(`/api/measures/${m.id}/reports/${own.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/measures/${m.id}/reports/${report.id}`)).status).toBe(204);
    expectError(await admin.delete(`/api/measures/${m.id}/reports/${report.id}`), 404, 'not_found');
  });

  it('refuses bad input with the field named: 400 for the shape, 422 for the facts, 409 past the limits, 413 oversized', async () => {
    const m = await createMeasure(editor, { title: 'Spielplatz', sozialraumIds: [mine.id] });
    const path = `/api/measures/${m.id}`;
    const issues = (r: { body: unknown }) =>
      (r.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map(
        (i) => i.path,
      );

    let r = await editor.post(`${path}/milestones`, { title: '', plannedDate: '31.12.2026' });
    expectError(r, 400, 'validation_failed');
    expect(issues(r)).toEqual(expect.arrayContaining(['title', 'plannedDate']));
    r = await editor.post(`${path}/milestones`, {
      title: 'Fertig',
      plannedDate: '2026-01-01',
      status: 'done',
    });
    expectError(r, 400, 'validation_failed');
    expect(issues(r)).toEqual(['actualDate']);
    r = await editor.post(`${path}/milestones`, { title: 'x'.repeat(301), plannedDate: '2026-01-01' });
    expect(issues(r)).toEqual(['title']);
    r = await editor.post(`${path}/milestones`, {
      title: 'Fremd',
      plannedDate: '2026-01-01',
      responsibleUserId: otherBodyUserId,
    });
    expectError(r, 422, 'validation_failed');
    expect(issues(r)).toEqual(['responsibleUserId']);

    const a = await addMilestone(editor, m.id, { title: 'A', plannedDate: '2026-01-01' });
    const b = await addMilestone(editor, m.id, { title: 'B', plannedDate: '2026-02-01' });
    r = await editor.patch(`${path}/milestones/${a.id}`, { status: 'done' });
    expectError(r, 422, 'validation_failed');
    expect(issues(r)).toEqual(['actualDate']);
    const done = await editor.patch<MilestoneDto>(`${path}/milestones/${a.id}`, {
      status: 'done',
      actualDate: '2026-01-03',
    });
    expect(done.body).toMatchObject({ status: 'done', actualDate: '2026-01-03', title: 'A' });
    expectError(await editor.patch(`${path}/milestones/${MISSING}`, { title: 'x' }), 404, 'not_found');

    expectError(await editor.put(`${path}/milestones/order`, { ids: [a.id] }), 422, 'validation_failed');
    expectError(
      await editor.put(`${path}/milestones/order`, { ids: [a.id, a.id] }),
      422,
      'validation_failed',
    );
    expectError(
      await editor.put(`${path}/milestones/order`, { ids: [a.id, MISSING] }),
      422,
      'validation_failed',
    );
    expectError(await editor.put(`${path}/milestones/order`, { ids: ['nope'] }), 400, 'validation_failed');
    const ordered = await editor.put<MilestoneDto[]>(`${path}/milestones/order`, { ids: [b.id, a.id] });
    expect(ordered.status).toBe(200);
    expect(ordered.body.map((x) => [x.title, x.position])).toEqual([
      ['B', 0],
      ['A', 1],
    ]);
    expect((await implementation(editor, m.id)).body.milestones.map((x) => x.title)).toEqual(['B', 'A']);

    r = await editor.post(`${path}/reports`, { date: '2026-01-01', text: 'Zu viel', progress: 101 });
    expect(issues(r)).toEqual(['progress']);
    r = await editor.post(`${path}/reports`, { date: '2026-01-01', text: 'Halb', progress: 50.5 });
    expect(issues(r)).toEqual(['progress']);
    r = await editor.post(`${path}/reports`, { date: '2026-01-01', text: 'x'.repeat(5001), progress: 5 });
    expect(issues(r)).toEqual(['text']);
    expectError(
      await editor.request('POST', `${path}/reports`, {
        body: '{kein json',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expectError(
      await editor.request('POST', `${path}/reports`, {
        body: JSON.stringify({ date: '2026-01-01', text: 'x'.repeat(1_100_000), progress: 1 }),
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'payload_too_large',
    );

    r = await editor.post(`${path}/evaluation`, { name: 'Besuche', baseline: 'viel' });
    expect(issues(r)).toEqual(['baseline']);
    r = await editor.post(`${path}/evaluation`, { name: 'Besuche', indicatorId: MISSING });
    expectError(r, 422, 'validation_failed');
    expect(issues(r)).toEqual(['indicatorId']);

    // The limits: a measure holds at most 100 milestones.
    await ctx.db.sql`
      insert into measure_milestone (measure_id, title, planned_date, position)
      select ${m.id}, 'Serie ' || i, date '2026-01-01' + i, i + 2 from generate_series(1, 98) i`;
    expectError(
      await editor.post(`${path}/milestones`, { title: 'Zu viel', plannedDate: '2026-01-01' }),
      409,
      'limit_reached',
    );
  });

  it('lets the newest report set the progress through the measure update path (version, event, live stream)', async () => {
    const m = await createMeasure(editor, { title: 'Familienzentrum', sozialraumIds: [mine.id] });
    const stream = await openMeasureStream(ctx.server, admin);
    streams.push(stream);
    await stream.next((x) => x.event === 'ready');

    const first = await addReport(editor, m.id, {
      date: '2026-04-01',
      text: 'Träger gefunden.',
      progress: 40,
    });
    expect(first).toMatchObject({ date: '2026-04-01', progress: 40, author: { id: editorUser.id } });
    const live = await stream.next(
      (x) => x.event === 'measure' && (JSON.parse(x.data) as { measure: MeasureDto }).measure.id === m.id,
    );
    expect(JSON.parse(live.data)).toMatchObject({ type: 'updated', measure: { progress: 40, version: 2 } });
    let measure = (await editor.get<MeasureDto>(`/api/measures/${m.id}`)).body;
    expect(measure).toMatchObject({ progress: 40, version: 2, public: false });
    const events = (await editor.get<MeasureEventDto[]>(`/api/measures/${m.id}/events`)).body;
    expect(events.at(-1)).toMatchObject({
      kind: 'updated',
      version: 2,
      changes: { progress: { from: 0, to: 40 } },
    });

    // An older report does not move the progress; a newer one does.
    await addReport(editor, m.id, { date: '2026-03-01', text: 'Nachgetragen.', progress: 10 });
    measure = (await editor.get<MeasureDto>(`/api/measures/${m.id}`)).body;
    expect(measure).toMatchObject({ progress: 40, version: 2 });
    const newest = await addReport(editor, m.id, { date: '2026-05-01', text: 'Eröffnet.', progress: 70 });
    expect((await editor.get<MeasureDto>(`/api/measures/${m.id}`)).body).toMatchObject({
      progress: 70,
      version: 3,
    });
    const reports = (await implementation(viewer, m.id)).body.reports;
    expect(reports.map((x) => x.date)).toEqual(['2026-05-01', '2026-04-01', '2026-03-01']);

    // Deleting the newest: the next newest sets it again.
    expect((await editor.delete(`/api/measures/${m.id}/reports/${newest.id}`)).status).toBe(204);
    expect((await editor.get<MeasureDto>(`/api/measures/${m.id}`)).body).toMatchObject({
      progress: 40,
      version: 4,
    });
  });

  it('computes lateness with the one rule, attainment, and the linked indicator’s published figure', async () => {
    const m = await createMeasure(admin, { title: 'Schulsozialarbeit', sozialraumIds: [mine.id] });
    await addMilestone(admin, m.id, { title: 'Offen und spät', plannedDate: '2020-01-01' });
    await addMilestone(admin, m.id, {
      title: 'Spät erreicht',
      plannedDate: '2020-01-01',
      status: 'done',
      actualDate: '2020-01-11',
    });
    await addMilestone(admin, m.id, { title: 'Entfallen', plannedDate: '2020-01-01', status: 'cancelled' });
    await addMilestone(admin, m.id, { title: 'Künftig', plannedDate: '2099-01-01' });
    const milestones = (await implementation(viewer, m.id)).body.milestones;
    expect(milestones.map((x) => [x.title, x.late])).toEqual([
      ['Offen und spät', true],
      ['Spät erreicht', true],
      ['Entfallen', false],
      ['Künftig', false],
    ]);
    expect(milestones[0]!.daysLate).toBeGreaterThan(2000);
    expect(milestones[1]!.daysLate).toBe(10);

    const indicator = await admin.post<{ id: string }>('/api/indicators', {
      name: 'Schulabbrüche',
      unit: '%',
      kind: 'rate',
    });
    expect(indicator.status).toBe(201);
    const stored = await admin.post(`/api/indicators/${indicator.body.id}/values`, {
      values: [
        { sozialraumId: mine.id, date: '2024-12-31', value: 7.5 },
        { sozialraumId: mine.id, date: '2025-12-31', value: 6.1 },
        { sozialraumId: theirs.id, date: '2025-12-31', value: 9.9 },
      ],
    });
    expect(stored.status, stored.text).toBe(200);
    const created = await admin.post<EvaluationIndicatorDto>(`/api/measures/${m.id}/evaluation`, {
      name: 'Abbruchquote',
      unit: '%',
      indicatorId: indicator.body.id,
      baseline: 8,
      baselineDate: '2024-01-01',
      target: 4,
      targetDate: '2027-01-01',
      actual: 6,
      actualDate: '2025-12-31',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      attainment: 50,
      linkedFigure: {
        indicatorId: indicator.body.id,
        indicatorName: 'Schulabbrüche',
        unit: '%',
        sozialraumName: mine.name,
        date: '2025-12-31',
        value: 6.1,
        suppressed: false,
      },
    });
    const patched = await admin.patch<EvaluationIndicatorDto>(
      `/api/measures/${m.id}/evaluation/${created.body.id}`,
      {
        actual: 3,
        indicatorId: null,
      },
    );
    expect(patched.body).toMatchObject({
      attainment: 125,
      linkedFigure: null,
      name: 'Abbruchquote',
      baseline: 8,
    });
    const plain = await admin.post<EvaluationIndicatorDto>(`/api/measures/${m.id}/evaluation`, {
      name: 'Teilnehmende',
    });
    expect(plain.body).toMatchObject({ attainment: null, linkedFigure: null, position: 1 });
    expect((await admin.delete(`/api/measures/${m.id}/evaluation/${plain.body.id}`)).status).toBe(204);
    expect((await implementation(viewer, m.id)).body.evaluation.map((x) => x.name)).toEqual(['Abbruchquote']);
  });

  it('reminds the responsible person once when a milestone falls due and once when it is late', async () => {
    const m = await createMeasure(admin, { title: 'Quartiersgarten', sozialraumIds: [mine.id] });
    const soon = await addMilestone(admin, m.id, {
      title: 'Beete anlegen',
      plannedDate: '2031-05-10',
      responsible: 'Grünflächenamt',
      responsibleUserId: editorUser.id,
    });
    expect(soon.responsibleUser).toEqual({ id: editorUser.id, name: 'Renate Umsetzerin' });
    await addMilestone(admin, m.id, {
      title: 'Eröffnung',
      plannedDate: '2031-06-30',
      responsibleUserId: editorUser.id,
    });
    await addMilestone(admin, m.id, { title: 'Ohne Konto', plannedDate: '2031-05-09' });
    const unread = async () =>
      (await editor.get<UnreadCountDto>('/api/notifications/unread-count')).body.unread;
    const before = await unread();

    await runMilestoneReminders({ sql: ctx.db.sql }, '2031-05-05');
    let mine_ = (await editor.get<NotificationDto[]>('/api/notifications')).body.filter(
      (n) => n.milestone?.measure.id === m.id,
    );
    expect(mine_).toEqual([
      expect.objectContaining({
        kind: 'milestone_due',
        excerpt: 'Beete anlegen',
        threadId: null,
        commentId: null,
        document: null,
        actor: null,
        read: false,
        milestone: {
          id: soon.id,
          title: 'Beete anlegen',
          plannedDate: '2031-05-10',
          measure: { id: m.id, title: 'Quartiersgarten' },
        },
      }),
    ]);
    expect(await unread()).toBe(before + 1);

    // Idempotent: the same day again writes nothing; late later adds the one late reminder.
    await runMilestoneReminders({ sql: ctx.db.sql }, '2031-05-05');
    await runMilestoneReminders({ sql: ctx.db.sql }, '2031-05-12');
    await runMilestoneReminders({ sql: ctx.db.sql }, '2031-05-13');
    mine_ = (await editor.get<NotificationDto[]>('/api/notifications')).body.filter(
      (n) => n.milestone?.measure.id === m.id,
    );
    expect(mine_.map((n) => [n.kind, n.milestone!.title]).sort()).toEqual([
      ['milestone_due', 'Beete anlegen'],
      ['milestone_late', 'Beete anlegen'],
    ]);
    expect(await unread()).toBe(before + 2);
    const marked = await editor.post(`/api/notifications/${mine_[0]!.id}/read`);
    expect(marked.status).toBe(204);
    expect(await unread()).toBe(before + 1);

    // Reached milestones are not reminded; someone who may no longer see the measure does not see them.
    await admin.patch(`/api/measures/${m.id}/milestones/${soon.id}`, {
      status: 'done',
      actualDate: '2031-05-20',
    });
    await admin.patch(
      `/api/measures/${m.id}`,
      { sozialraumIds: [theirs.id] },
      { headers: { 'if-match': '1' } },
    );
    expect(
      (await editor.get<NotificationDto[]>('/api/notifications')).body.filter(
        (n) => n.milestone?.measure.id === m.id,
      ),
    ).toEqual([]);
    expect(await unread()).toBe(before);
  });

  it('lets only admins publish, with audit events; the public page shows public measures and nothing private', async () => {
    const m = await createMeasure(editor, { title: 'Nachbarschaftscafé', sozialraumIds: [mine.id] });
    expectError(await editor.put(`/api/measures/${m.id}/publication`, { public: 'ja' }), 403, 'forbidden');
    expectError(await clerk.put(`/api/measures/${m.id}/publication`, { public: 'ja' }), 403, 'forbidden');
    expectError(await otherBody.put(`/api/measures/${m.id}/publication`, { public: true }), 404, 'not_found');
    expectError(
      await admin.put(`/api/measures/${m.id}/publication`, { public: 'ja' }),
      400,
      'validation_failed',
    );
    const published = await admin.put<MeasureDto>(`/api/measures/${m.id}/publication`, { public: true });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id: m.id, public: true, version: 1 });
    expect(
      (await admin.put<MeasureDto>(`/api/measures/${m.id}/publication`, { public: false })).body.public,
    ).toBe(false);
    const audit = (await admin.get<AuditEventDto[]>('/api/audit-log?limit=10')).body;
    expect(audit.slice(0, 2).map((e) => [e.kind, e.details.measureId])).toEqual([
      ['measure_unpublished', m.id],
      ['measure_published', m.id],
    ]);
    expect((await admin.get<AuditEventDto[]>('/api/audit-log?kind=measure_published')).body).toHaveLength(1);
  });

  it('lists the person’s reports and milestones in the data export', async () => {
    const m = await createMeasure(admin, { title: 'Sprachcafé', sozialraumIds: [mine.id] });
    await addReport(editor, m.id, { date: '2026-06-01', text: 'Gut besucht.', progress: 30 });
    await addMilestone(admin, m.id, {
      title: 'Zweiter Termin',
      plannedDate: '2026-07-01',
      responsibleUserId: editorUser.id,
    });
    const exported = await admin.get<DataExportDto>(`/api/users/${editorUser.id}/data-export`);
    expect(exported.status).toBe(200);
    expect(exported.body.progressReports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measureId: m.id, text: 'Gut besucht.', progress: 30, date: '2026-06-01' }),
      ]),
    );
    expect(exported.body.milestonesResponsible).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measureId: m.id, title: 'Zweiter Termin', plannedDate: '2026-07-01' }),
      ]),
    );
  });

  it('keeps reports and milestones of an erased person, with no name left (authorship by id)', async () => {
    const email = uniqueEmail('erfasst');
    const person = await createUser(admin, {
      role: 'member',
      name: 'Erika Erfasstmann',
      email,
      memberships: [{ sozialraumId: mine.id, access: 'edit' }],
    });
    const client = await loginAs(ctx.server, email);
    const m = await createMeasure(admin, { title: 'Lesepaten', sozialraumIds: [mine.id] });
    await addReport(client, m.id, { date: '2026-06-01', text: 'Zehn Paten.', progress: 20 });
    await addMilestone(admin, m.id, {
      title: 'Schulung',
      plannedDate: '2026-07-01',
      responsibleUserId: person.id,
    });
    const erased = await admin.post(`/api/users/${person.id}/erase`, { confirmEmail: email });
    expect(erased.status, erased.text).toBe(204);
    const after = (await implementation(admin, m.id)).body;
    expect(after.reports[0]).toMatchObject({
      text: 'Zehn Paten.',
      author: { id: person.id, name: 'Gelöschte Person' },
    });
    expect(after.milestones[0]!.responsibleUser).toEqual({ id: person.id, name: 'Gelöschte Person' });
    const [left] = await ctx.db.sql<{ n: number }[]>`
      select (select count(*) from measure_report r where r.text like '%Erfasstmann%')
           + (select count(*) from measure_milestone ms where ms.responsible like '%Erfasstmann%')
           + (select count(*) from measure_event e where e.actor_name like '%Erfasstmann%')
           + (select count(*) from audit_event a where a.details::text like '%Erfasstmann%') as n`;
    expect(Number(left!.n)).toBe(0);
  });
});

describe.each(testDatabases())('public transparency on $name', (factory) => {
  const ctx = useTestServer(factory);

  it('shows only public measures, pages them, and lets nothing private leave the body', async () => {
    const w = await createPaperWorld(ctx);
    const anonymous = new ApiClient(ctx.server.origin);
    const [{ bodyId }] = (await ctx.db.sql<{ bodyId: string }[]>`
      select body_id from sozialraum where id = ${w.altenhagen.id}`) as unknown as [{ bodyId: string }];
    const personEmail = uniqueEmail('verantwortlich');
    const person = await createUser(w.admin, {
      role: 'member',
      name: 'Horst Heimlich',
      email: personEmail,
      memberships: [{ sozialraumId: w.altenhagen.id, access: 'edit' }],
    });
    const secret = {
      responsibleDepartment: 'Amt für Geheimsachen',
      provider: 'Träger Verborgen gGmbH',
      targetGroup: 'Interne Zielgruppe',
      costOneOff: 987_654,
      costYearly: 123_457,
      fundingProgramme: 'Geheimprogramm',
      goals: [{ goal: 'Internes Ziel', indicator: 'Geheime Kennzahl', targetValue: '42 %' }],
    };
    const open = await w.plannedMeasure('Offene Maßnahme', secret);
    const second = await w.plannedMeasure('Zweite offene Maßnahme');
    const hidden = await w.plannedMeasure('Private Maßnahme Zeta', secret);
    for (const id of [open.id, hidden.id]) {
      await w.admin.post(`/api/measures/${id}/milestones`, {
        title: 'Auftakt',
        plannedDate: '2020-01-01',
        responsible: 'Sachgebiet Vertraulich',
        responsibleUserId: person.id,
      });
      await w.admin.post(`/api/measures/${id}/reports`, {
        date: '2026-02-01',
        text: 'Es läuft gut.',
        progress: 25,
      });
    }
    await w.admin.post(`/api/measures/${hidden.id}/reports`, {
      date: '2026-03-01',
      text: 'Privater Bericht Omega',
      progress: 55,
    });
    const paper = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [open.id, hidden.id]))).id,
    );
    const draft = await createPaper(w.clerk, completePaper(w, [open.id]));
    const closed = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, { ...completePaper(w, [open.id]), public: false })).id,
    );
    const onlyPrivate = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [hidden.id]))).id,
    );
    for (const id of [open.id, second.id]) {
      expect((await w.admin.put(`/api/measures/${id}/publication`, { public: true })).status).toBe(200);
    }

    const first = await anonymous.get<PublicMeasuresDto>(`/api/public/measures?bodyId=${bodyId}&limit=1`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const link = first.headers.get('link');
    expect(link).toMatch(/^<\/api\/public\/measures\?.*cursor=.*>; rel="next"$/);
    const next = await anonymous.get<PublicMeasuresDto>(link!.slice(1, link!.indexOf('>')));
    expect(next.headers.get('link')).toBeNull();
    const measures = [...first.body.measures, ...next.body.measures];
    expect(measures.map((x) => x.title).sort()).toEqual(['Offene Maßnahme', 'Zweite offene Maßnahme']);
    expect(first.body.body).toEqual({ id: bodyId, name: w.bodyName });
    const shown = measures.find((x) => x.id === open.id)!;
    expect(shown).toMatchObject({
      progress: 25,
      latestReport: { date: '2026-02-01', text: 'Es läuft gut.', progress: 25 },
      milestones: [
        { title: 'Auftakt', plannedDate: '2020-01-01', actualDate: null, status: 'planned', late: true },
      ],
      paper: { id: paper.id, reference: paper.reference, subject: paper.subject },
      sozialraeume: [{ code: w.altenhagen.code, name: 'Altenhagen' }],
    });

    const all = await anonymous.get<PublicMeasuresDto>(`/api/public/measures?bodyId=${bodyId}`);
    const json = all.text;
    for (const leak of [
      'Private Maßnahme Zeta',
      hidden.id,
      'Privater Bericht Omega',
      'Horst Heimlich',
      person.id,
      personEmail,
      'Sachgebiet Vertraulich',
      'Amt für Geheimsachen',
      'Träger Verborgen',
      'Interne Zielgruppe',
      'Geheimprogramm',
      'Internes Ziel',
      'Geheime Kennzahl',
      '987654',
      '123457',
      draft.id,
      closed.id,
      onlyPrivate.id,
      'Erik O. Schulz',
    ]) {
      expect(json, leak).not.toContain(leak);
    }
    expect(Object.keys(shown).sort()).toEqual(
      [
        'actualEnd',
        'actualStart',
        'cityWide',
        'decisionDate',
        'description',
        'handlungsfeld',
        'id',
        'latestReport',
        'milestones',
        'paper',
        'paperReference',
        'plannedEnd',
        'plannedStart',
        'progress',
        'sozialraeume',
        'status',
        'title',
        'updatedAt',
      ].sort(),
    );

    expectError(await anonymous.get('/api/public/measures?bodyId=nope'), 400, 'validation_failed');
    expectError(
      await anonymous.get(`/api/public/measures?bodyId=${bodyId}&limit=501`),
      400,
      'validation_failed',
    );
    expectError(await anonymous.get(`/api/public/measures?bodyId=${MISSING}`), 404, 'not_found');
    // One body in this database: it is the installation's, so bodyId may be left out.
    const only = await anonymous.get<PublicMeasuresDto>('/api/public/measures');
    expect(only.body.body.id).toBe(bodyId);
    expect(only.body.measures).toHaveLength(2);

    // The deciding paper's PDF: only released, public, and linked to a public measure; it names no private measure.
    const pdf = await download(anonymous, `/api/public/papers/${paper.id}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await readPdf(pdf.bytes)).text;
    expect(text).toContain('Offene Maßnahme');
    expect(text).not.toContain('Private Maßnahme Zeta');
    for (const id of [draft.id, closed.id, onlyPrivate.id, MISSING]) {
      expect((await download(anonymous, `/api/public/papers/${id}/export?format=pdf`)).status).toBe(404);
    }
    expectError(
      await anonymous.get(`/api/public/papers/${paper.id}/export?format=docx`),
      400,
      'validation_failed',
    );
    expectError(await anonymous.get(`/api/public/papers/kein-uuid/export?format=pdf`), 404, 'not_found');

    // Unpublished: gone from the page and its paper with it.
    await w.admin.put(`/api/measures/${open.id}/publication`, { public: false });
    const after = await anonymous.get<PublicMeasuresDto>(`/api/public/measures?bodyId=${bodyId}`);
    expect(after.body.measures.map((x) => x.title)).toEqual(['Zweite offene Maßnahme']);
    expect((await download(anonymous, `/api/public/papers/${paper.id}/export?format=pdf`)).status).toBe(404);

    // The signed-in routes stay closed without a session.
    expectError(await anonymous.get(`/api/measures/${open.id}/implementation`), 401, 'unauthenticated');
  });
});
