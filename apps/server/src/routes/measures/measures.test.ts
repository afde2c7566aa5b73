import { needRepository } from '@quartierplan/db';
import type { MeasureDto, MeasureEventDto, SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { DECIDED, createMeasure, walk } from '../../testing/measures.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

const need = (id: string, title: string) => ({
  id,
  title,
  description: '',
  targetGroup: 'Familien',
  source: 'workshop',
  priority: 'high',
  status: 'open',
  votes: 3,
  createdBy: null,
  createdAt: null,
});

describe.each(testDatabases())('measures API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let altenhagen: SozialraumDto;
  let haspe: SozialraumDto;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    altenhagen = await createSozialraum(admin, { name: 'Altenhagen' });
    haspe = await createSozialraum(admin, { name: 'Haspe' });
    // Needs come from the needs document's projection; written here as the projection would.
    await needRepository(ctx.db.sql).replaceForDocument(
      altenhagen.documents.needs,
      [need('need-anlauf', 'Anlaufstelle im Quartier'), need('need-sprache', 'Sprachkurse für Eltern')],
      0,
    );
    await needRepository(ctx.db.sql).replaceForDocument(
      haspe.documents.needs,
      [need('need-haspe', 'Spielplatz')],
      0,
    );
  });

  it('creates with the contract minimum: 201, status idea, version 1, ETag', async () => {
    const response = await admin.post<MeasureDto>('/api/measures', {
      title: 'Quartiersbüro Altenhagen',
      sozialraumIds: [altenhagen.id],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      title: 'Quartiersbüro Altenhagen',
      description: '',
      status: 'idea',
      deferredFrom: null,
      cityWide: false,
      sozialraumIds: [altenhagen.id],
      sozialraeume: [{ id: altenhagen.id, code: altenhagen.code, name: 'Altenhagen' }],
      handlungsfeld: '',
      responsibleDepartment: '',
      provider: '',
      targetGroup: '',
      costOneOff: null,
      costYearly: null,
      fundingSource: null,
      fundingProgramme: '',
      plannedStart: null,
      plannedEnd: null,
      actualStart: null,
      actualEnd: null,
      goals: [],
      progress: 0,
      decisionDate: null,
      paperReference: null,
      public: false,
      needIds: [],
      needs: [],
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      permissions: { edit: true, transitions: ['recommended', 'deferred'], corrections: [] },
    });
    const read = await admin.get<MeasureDto>(`/api/measures/${response.body.id}`);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(response.body);
  });

  it('stores every field of the model and links needs of its Sozialräume', async () => {
    const input = {
      title: 'Sprachcafé für Eltern',
      description: 'Wöchentliches Sprachcafé im Familienzentrum.',
      sozialraumIds: [altenhagen.id],
      handlungsfeld: 'Bildung',
      responsibleDepartment: '55 Fachbereich Jugend und Soziales',
      provider: 'AWO Unterbezirk Hagen-Märkischer Kreis',
      targetGroup: 'Eltern mit Kindern unter 6',
      costOneOff: 2_500.5,
      costYearly: 18_000,
      fundingSource: 'land',
      fundingProgramme: 'Zusammen im Quartier',
      plannedStart: '2024-03-01',
      plannedEnd: '2025-12-31',
      actualStart: null,
      actualEnd: null,
      goals: [{ goal: 'Eltern erreichen', indicator: 'Teilnehmende pro Monat', targetValue: '40' }],
      progress: 0,
      needIds: ['need-sprache', 'need-anlauf'],
    };
    const created = await createMeasure(admin, input);
    const { needIds: _needIds, ...fields } = input;
    expect(created).toMatchObject(fields);
    expect(created.needs).toEqual([
      { id: 'need-anlauf', title: 'Anlaufstelle im Quartier', sozialraumId: altenhagen.id },
      { id: 'need-sprache', title: 'Sprachkurse für Eltern', sozialraumId: altenhagen.id },
    ]);

    const needs = await admin.get<{ id: string; measureIds: string[] }[]>(
      `/api/sozialraeume/${altenhagen.id}/needs`,
    );
    expect(needs.body.find((n) => n.id === 'need-sprache')!.measureIds).toContain(created.id);
    const byNeed = await admin.get<MeasureDto[]>('/api/measures?needId=need-sprache');
    expect(byNeed.body.map((m) => m.id)).toEqual([created.id]);

    // A need of another Sozialraum does not fit this measure.
    const foreign = await admin.post('/api/measures', { ...input, needIds: ['need-haspe'] });
    expect(expectError(foreign, 400, 'validation_failed').details).toEqual({
      issues: [
        { path: 'needIds.0', message: 'Diesen Bedarf gibt es in den Sozialräumen der Maßnahme nicht.' },
      ],
    });
  });

  it('patches with If-Match: diff in the audit trail, 409 when stale, 428 without, no-op keeps the version', async () => {
    const m = await createMeasure(admin, { title: 'Stadtteilfest', sozialraumIds: [altenhagen.id] });
    const path = `/api/measures/${m.id}`;

    expectError(await admin.patch(path, { title: 'Ohne Version' }), 428, 'precondition_required');
    const ok = await admin.patch<MeasureDto>(
      path,
      { title: 'Stadtteilfest 2024', costOneOff: 800 },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(ok.body).toMatchObject({ title: 'Stadtteilfest 2024', costOneOff: 800, version: 2 });

    const stale = await admin.patch(path, { title: 'Veraltet' }, { headers: { 'if-match': '1' } });
    expect(expectError(stale, 409, 'conflict').details).toEqual({ currentVersion: 2 });
    expect((await admin.get<MeasureDto>(path)).body.title).toBe('Stadtteilfest 2024');

    const same = await admin.patch<MeasureDto>(
      path,
      { title: 'Stadtteilfest 2024' },
      { headers: { 'if-match': 'W/"2"' } },
    );
    expect(same.body.version).toBe(2);

    const events = await admin.get<MeasureEventDto[]>(`${path}/events`);
    expect(events.body.map((e) => [e.kind, e.version])).toEqual([
      ['created', 1],
      ['updated', 2],
    ]);
    expect(events.body[1]).toMatchObject({
      actor: { id: expect.stringMatching(UUID), name: expect.any(String) },
      changes: {
        title: { from: 'Stadtteilfest', to: 'Stadtteilfest 2024' },
        costOneOff: { from: null, to: 800 },
      },
    });
  });

  it('decides concurrent writes of one measure against the version each was checked on', async () => {
    const m = await createMeasure(admin, { title: 'Gleichzeitig', sozialraumIds: [haspe.id] });
    const path = `/api/measures/${m.id}`;
    const patches = await Promise.all(
      [10, 20, 30, 40].map((progress) =>
        admin.patch<MeasureDto>(path, { progress }, { headers: { 'if-match': '"1"' } }),
      ),
    );
    expect(patches.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    // Without If-Match each transition is checked against the state it finds: one defers the idea, the
    // others find it deferred already.
    const deferrals = await Promise.all(
      [1, 2, 3, 4].map(() => admin.post(`${path}/transitions`, { to: 'deferred', comment: 'Pause' })),
    );
    expect(deferrals.map((r) => r.status).sort()).toEqual([200, 422, 422, 422]);
    const events = (await admin.get<MeasureEventDto[]>(`${path}/events`)).body;
    expect(events.map((e) => [e.kind, e.version])).toEqual([
      ['created', 1],
      ['updated', 2],
      ['transition', 3],
    ]);
    expect((await admin.get<MeasureDto>(path)).body).toMatchObject({ status: 'deferred', version: 3 });
  });

  it('walks the whole workflow with audit entries; illegal or incomplete transitions answer 422', async () => {
    const m = await createMeasure(admin, { title: 'Familienzentrum', sozialraumIds: [haspe.id] });
    const path = `/api/measures/${m.id}/transitions`;

    const illegal = await admin.post(path, DECIDED);
    expect(expectError(illegal, 422, 'invalid_transition').details).toEqual({
      from: 'idea',
      to: 'decided',
      allowed: ['recommended', 'deferred'],
    });
    await walk(admin, m.id, ['recommended', 'planned', 'in_consultation']);
    const incomplete = await admin.post(path, { to: 'decided', decisionDate: '2023-06-27' });
    expect(expectError(incomplete, 422, 'invalid_transition').details).toMatchObject({
      issues: [{ path: 'paperReference', message: 'Bitte die Drucksachennummer angeben (z. B. 0745/2023).' }],
    });
    expectError(await admin.post(path, { to: 'deferred' }), 422, 'invalid_transition');
    const deferred = await walk(admin, m.id, [{ to: 'deferred', comment: 'Haushaltssperre 2024' }]);
    expect(deferred).toMatchObject({ status: 'deferred', deferredFrom: 'in_consultation' });
    expectError(await admin.post(path, { to: 'planned' }), 422, 'invalid_transition');
    const decided = await walk(admin, m.id, ['in_consultation', DECIDED]);
    expect(decided).toMatchObject({
      status: 'decided',
      decisionDate: '2023-06-27',
      paperReference: '0745/2023',
    });
    const done = await walk(admin, m.id, ['in_implementation', 'completed', 'evaluated']);
    expect(done).toMatchObject({ status: 'evaluated', version: 10, permissions: { transitions: [] } });

    const events = (await admin.get<MeasureEventDto[]>(`/api/measures/${m.id}/events`)).body;
    expect(events.map((e) => `${e.fromStatus ?? ''}→${e.toStatus ?? ''}`)).toEqual([
      '→idea',
      'idea→recommended',
      'recommended→planned',
      'planned→in_consultation',
      'in_consultation→deferred',
      'deferred→in_consultation',
      'in_consultation→decided',
      'decided→in_implementation',
      'in_implementation→completed',
      'completed→evaluated',
    ]);
    expect(events[4]).toMatchObject({ comment: 'Haushaltssperre 2024' });
    expect(events[6]).toMatchObject({ data: { decisionDate: '2023-06-27', paperReference: '0745/2023' } });
    expect(events.map((e) => Number(e.id))).toEqual(
      [...events.map((e) => Number(e.id))].sort((a, b) => a - b),
    );
  });

  it('rejects and resubmits; stale If-Match on a transition is 409', async () => {
    const m = await createMeasure(admin, { title: 'Streetwork', sozialraumIds: [haspe.id] });
    await walk(admin, m.id, ['recommended', 'planned', 'in_consultation']);
    const path = `/api/measures/${m.id}/transitions`;
    expectError(
      await admin.post(path, { to: 'rejected' }, { headers: { 'if-match': '"1"' } }),
      409,
      'conflict',
    );
    const rejected = await walk(admin, m.id, [
      { to: 'rejected', decisionDate: '2023-09-12', comment: 'Keine Mittel' },
    ]);
    expect(rejected).toMatchObject({
      status: 'rejected',
      decisionDate: '2023-09-12',
      permissions: { transitions: ['planned'] },
    });
    const resubmitted = await walk(admin, m.id, ['planned']);
    expect(resubmitted).toMatchObject({ status: 'planned', decisionDate: null, paperReference: null });
  });

  it('offers no way to change or delete the audit trail', async () => {
    const m = await createMeasure(admin, { title: 'Audit', sozialraumIds: [haspe.id] });
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const response = await admin.request(method, `/api/measures/${m.id}/events`, { json: {} });
      expect(response.status).toBe(404);
    }
    expect((await admin.request('DELETE', `/api/measures/${m.id}`)).status).toBe(404);
    expect((await admin.get<MeasureEventDto[]>(`/api/measures/${m.id}/events`)).body).toHaveLength(1);
  });

  it('filters the list', async () => {
    const a = await createMeasure(admin, {
      title: 'Lernförderung Grundschule',
      sozialraumIds: [haspe.id],
      handlungsfeld: 'Bildung',
      responsibleDepartment: 'Schulverwaltung',
      fundingSource: 'eu',
    });
    const city = await createMeasure(admin, {
      title: 'Familienpass',
      cityWide: true,
      description: 'Lernförderung inklusive',
    });
    const ids = async (q: string) =>
      (await admin.get<MeasureDto[]>(`/api/measures?${q}`)).body.map((m) => m.id);
    expect(await ids('q=lernförderung')).toEqual(expect.arrayContaining([a.id, city.id]));
    expect(await ids(`q=lernförderung&sozialraumId=${haspe.id}`)).toEqual([a.id]);
    expect(await ids('q=lernförderung&sozialraumId=city')).toEqual([city.id]);
    expect(await ids('q=lernförderung&fundingSource=eu')).toEqual([a.id]);
    expect(await ids('q=lernförderung&handlungsfeld=Bildung')).toEqual([a.id]);
    expect(await ids('responsible=schulverw')).toEqual([a.id]);
    expect(await ids('q=lernförderung&status=idea,planned')).toHaveLength(2);
    expect(await ids('q=lernförderung&status=planned')).toEqual([]);
    expectError(await admin.get('/api/measures?status=fertig'), 400, 'validation_failed');
    expectError(await admin.get('/api/measures?sozialraumId=xyz'), 400, 'validation_failed');
  });

  it('refuses bad input with clear errors', async () => {
    const post = (body: string, type = 'application/json') =>
      admin.request('POST', '/api/measures', { body, headers: { 'content-type': type } });
    expectError(await post('{"title": '), 400, 'malformed_json');
    expectError(await post('title=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    const wrong = await admin.post('/api/measures', {
      title: ['x'],
      sozialraumIds: 'abc',
      costYearly: '100',
    });
    expect(expectError(wrong, 400, 'validation_failed').details).toEqual({
      issues: expect.arrayContaining([
        { path: 'title', message: 'Der Titel muss ein Text sein.' },
        { path: 'costYearly', message: 'Jährliche Kosten muss eine Zahl (Euro) sein.' },
      ]),
    });
    const unknown = await admin.post('/api/measures', { title: 'X', sozialraumIds: [MISSING] });
    expect(expectError(unknown, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'sozialraumIds.0', message: 'Diesen Sozialraum gibt es nicht.' }],
    });
    const long = await admin.post('/api/measures', { title: 'x'.repeat(301), sozialraumIds: [haspe.id] });
    expectError(long, 400, 'validation_failed');
    const huge = await admin.post('/api/measures', {
      title: 'X',
      sozialraumIds: [haspe.id],
      description: 'x'.repeat(1_100_000),
    });
    expectError(huge, 413, 'payload_too_large');
    expectError(await admin.get(`/api/measures/${MISSING}`), 404, 'not_found');
    expectError(await admin.get('/api/measures/kein-uuid'), 404, 'not_found');
    expectError(
      await admin.post(`/api/measures/${MISSING}/transitions`, { to: 'recommended' }),
      404,
      'not_found',
    );
    const m = await createMeasure(admin, { title: 'Y', sozialraumIds: [haspe.id] });
    expectError(
      await admin.post(`/api/measures/${m.id}/transitions`, { to: 'fertig' }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.patch(`/api/measures/${m.id}`, {}, { headers: { 'if-match': '1' } }),
      400,
      'validation_failed',
    );
    const reversed = await admin.patch(
      `/api/measures/${m.id}`,
      { plannedStart: '2025-01-01', plannedEnd: '2024-01-01' },
      { headers: { 'if-match': '1' } },
    );
    expectError(reversed, 400, 'validation_failed');
    const cityAndSr = await admin.patch(
      `/api/measures/${m.id}`,
      { cityWide: true },
      { headers: { 'if-match': '1' } },
    );
    expect(expectError(cityAndSr, 400, 'validation_failed').details).toEqual({
      issues: [
        { path: 'sozialraumIds', message: 'Eine stadtweite Maßnahme nennt keine einzelnen Sozialräume.' },
      ],
    });
  });
});
