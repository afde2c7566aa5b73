import { deleteNeed, needsArray } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import type {
  CitationDto,
  DataExportDto,
  DocumentCitationDto,
  PaperCitationDto,
  SozialraumDto,
} from '@quartierplan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { insertIndicator, setIndicatorValue } from '../../testing/citation-rows.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  type TestBody,
  type TestUser,
} from '../../testing/fixtures.ts';
import { completePaper, createPaper, createPaperWorld } from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually, testNeed, type SyncClient } from '../../testing/sync-clients.ts';

const DATE = '2023-12-31';

describe.each(testDatabases())('needs citing figures on $name', (factory) => {
  const ctx = useTestServer(factory);
  let body: TestBody;
  let admin: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  let editorUser: TestUser;
  let wehringhausen: SozialraumDto;
  let haspe: SozialraumDto;
  let docId: string;
  let quote: string;
  let young: string;
  const clients: SyncClient[] = [];

  const citations = (needId: string, doc = docId) => `/api/documents/${doc}/needs/${needId}/citations`;
  const cite = (as: ApiClient, needId: string, input: Record<string, unknown>, doc = docId) =>
    as.post<CitationDto>(citations(needId, doc), input);

  async function needsClient(sr: SozialraumDto, needIds: string[]): Promise<SyncClient> {
    const client = connectSyncClient(ctx.server, admin, sr.documents.needs);
    clients.push(client);
    await client.synced;
    needsArray(client.doc).push(needIds.map((id) => testNeed(id)));
    // The server holds them (and projects them) once the sozialraum's needs list shows them.
    await eventually(async () => {
      const needs = await admin.get<{ id: string }[]>(`/api/sozialraeume/${sr.id}/needs`);
      expect(needs.body.map((n) => n.id)).toEqual(expect.arrayContaining(needIds));
    });
    return client;
  }

  beforeAll(async () => {
    body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    wehringhausen = await createSozialraum(admin, { name: 'Wehringhausen' });
    haspe = await createSozialraum(admin, { name: 'Haspe' });
    editorUser = await createUser(admin, {
      role: 'member',
      name: 'Erika Zitat',
      memberships: [{ sozialraumId: wehringhausen.id, access: 'edit' }],
    });
    const viewerUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: wehringhausen.id, access: 'view' }],
    });
    const outsiderUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: haspe.id, access: 'edit' }],
    });
    editor = await loginAs(ctx.server, editorUser.email);
    viewer = await loginAs(ctx.server, viewerUser.email);
    outsider = await loginAs(ctx.server, outsiderUser.email);
    docId = wehringhausen.documents.needs;
    await needsClient(wehringhausen, ['kita', 'treff', 'weg']);

    quote = await insertIndicator(ctx.db.sql, {
      bodyId: body.bodyId,
      name: 'SGB II-Quote',
      unit: '%',
      kind: 'rate',
      source: 'Bundesagentur für Arbeit',
      precision: 1,
    });
    await setIndicatorValue(ctx.db.sql, quote, wehringhausen.id, DATE, 22);
    await setIndicatorValue(ctx.db.sql, quote, haspe.id, DATE, 14.5);
    await setIndicatorValue(ctx.db.sql, quote, null, DATE, 17.3);
    // A count whose Wehringhausen value (2) is below the threshold; the city is their sum, so Haspe goes too.
    young = await insertIndicator(ctx.db.sql, { bodyId: body.bodyId, name: 'Kinder unter 3 Jahren' });
    await setIndicatorValue(ctx.db.sql, young, wehringhausen.id, DATE, 2);
    await setIndicatorValue(ctx.db.sql, young, haspe.id, DATE, 40);
    await setIndicatorValue(ctx.db.sql, young, null, DATE, 42);
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('cites a figure on a need, lists it and removes it', async () => {
    const created = await cite(editor, 'kita', {
      indicatorId: quote,
      sozialraumId: wehringhausen.id,
      date: DATE,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      needId: 'kita',
      indicatorId: quote,
      indicatorName: 'SGB II-Quote',
      unit: '%',
      precision: 1,
      sozialraum: { id: wehringhausen.id, name: 'Wehringhausen' },
      date: DATE,
      value: 22,
      suppressed: false,
      citedBy: { id: editorUser.id, name: 'Erika Zitat' },
    });
    const city = await cite(editor, 'kita', { indicatorId: quote, sozialraumId: null, date: DATE });
    expect(city.body).toMatchObject({ sozialraum: { id: null, name: 'Gesamtstadt' }, value: 17.3 });

    // Readers of the list see them; the list per document too.
    const listed = await viewer.get<CitationDto[]>(citations('kita'));
    expect(listed.status).toBe(200);
    expect(listed.body.map((c) => c.id)).toEqual([created.body.id, city.body.id]);
    const all = await viewer.get<DocumentCitationDto[]>(`/api/documents/${docId}/citations`);
    expect(all.body.map((c) => [c.needId, c.needTitle, c.needRemoved])).toEqual([
      ['kita', 'kita', false],
      ['kita', 'kita', false],
    ]);

    expect((await editor.delete(`${citations('kita')}/${city.body.id}`)).status).toBe(204);
    expect((await viewer.get<CitationDto[]>(citations('kita'))).body.map((c) => c.id)).toEqual([
      created.body.id,
    ]);
    expectError(await editor.delete(`${citations('kita')}/${city.body.id}`), 404, 'not_found');
    // Under the wrong need: not found either.
    expectError(await editor.delete(`${citations('treff')}/${created.body.id}`), 404, 'not_found');
  });

  it('keeps the figure as cited when the value changes or the indicator goes', async () => {
    const rate = await insertIndicator(ctx.db.sql, {
      bodyId: body.bodyId,
      name: 'Arbeitslosenquote',
      unit: '%',
      kind: 'rate',
    });
    await setIndicatorValue(ctx.db.sql, rate, wehringhausen.id, DATE, 9.5);
    const created = await cite(editor, 'treff', {
      indicatorId: rate,
      sozialraumId: wehringhausen.id,
      date: DATE,
    });
    expect(created.body.value).toBe(9.5);

    await setIndicatorValue(ctx.db.sql, rate, wehringhausen.id, DATE, 11.25);
    const [after] = (await editor.get<CitationDto[]>(citations('treff'))).body;
    expect(after).toMatchObject({ id: created.body.id, value: 9.5 });

    await ctx.db.sql`delete from indicator where id = ${rate}`;
    const [gone] = (await editor.get<CitationDto[]>(citations('treff'))).body;
    expect(gone).toMatchObject({
      id: created.body.id,
      indicatorId: null,
      indicatorName: 'Arbeitslosenquote',
      value: 9.5,
    });
  });

  it('cites a suppressed figure as suppressed, and so its secondary suppression', async () => {
    const small = await cite(editor, 'treff', {
      indicatorId: young,
      sozialraumId: wehringhausen.id,
      date: DATE,
    });
    expect(small.status).toBe(201);
    expect(small.body).toMatchObject({ value: null, suppressed: true });
    const figure = await editor.get(
      `/api/documents/${docId}/citable-figure?indicatorId=${young}&sozialraumId=${wehringhausen.id}&date=${DATE}`,
    );
    expect(figure.body).toEqual({ value: null, suppressed: true, exists: true });
    // Haspe (40) would give Wehringhausen away: city 42 − 40.
    const secondary = await admin.post<CitationDto>(citations('treff'), {
      indicatorId: young,
      sozialraumId: haspe.id,
      date: DATE,
    });
    expect(secondary.body).toMatchObject({ value: null, suppressed: true });
    expect(JSON.stringify((await editor.get(`/api/documents/${docId}/citations`)).body)).not.toMatch(
      /"value":2\b/,
    );
  });

  it('follows the body’s disclosure threshold, which only admins set (2–20), recorded as settings_changed', async () => {
    const pupils = await insertIndicator(ctx.db.sql, { bodyId: body.bodyId, name: 'Schulanfänger' });
    await setIndicatorValue(ctx.db.sql, pupils, wehringhausen.id, DATE, 4);
    const input = { indicatorId: pupils, sozialraumId: wehringhausen.id, date: DATE };
    expect((await cite(editor, 'weg', input)).body).toMatchObject({ value: 4, suppressed: false });

    expect((await admin.get('/api/body/disclosure')).body).toEqual({ threshold: 3 });
    expectError(await editor.get('/api/body/disclosure'), 403, 'forbidden');
    expectError(await editor.put('/api/body/disclosure', { threshold: 5 }), 403, 'forbidden');
    expectError(await admin.put('/api/body/disclosure', { threshold: 1 }), 400, 'validation_failed');
    expectError(await admin.put('/api/body/disclosure', { threshold: 21 }), 400, 'validation_failed');
    expectError(await admin.put('/api/body/disclosure', { threshold: 4.5 }), 400, 'validation_failed');
    expectError(await admin.put('/api/body/disclosure', {}), 400, 'validation_failed');
    expect((await admin.put('/api/body/disclosure', { threshold: 5 })).body).toEqual({ threshold: 5 });
    expect((await admin.get('/api/body/disclosure')).body).toEqual({ threshold: 5 });
    expect((await cite(editor, 'weg', input)).body).toMatchObject({ value: null, suppressed: true });

    const events = await admin.get<{ details: Record<string, unknown> }[]>(
      '/api/audit-log?kind=settings_changed',
    );
    expect(events.body[0]!.details).toMatchObject({ setting: 'disclosure_threshold', from: 3, to: 5 });
    expect((await admin.put('/api/body/disclosure', { threshold: 3 })).status).toBe(200);
  });

  it('refuses what may not be cited, each with its status', async () => {
    const good = { indicatorId: quote, sozialraumId: wehringhausen.id, date: DATE };
    // Not signed in; no access; read-only access.
    const anonymous = new (admin.constructor as new (origin: string) => ApiClient)(ctx.server.origin);
    expectError(await anonymous.get(citations('kita')), 401, 'unauthenticated');
    expectError(await outsider.get(citations('kita')), 403, 'forbidden');
    expectError(await outsider.get(`/api/documents/${docId}/citations`), 403, 'forbidden');
    expectError(await viewer.post(citations('kita'), good), 403, 'forbidden');
    // Authorised before validated: the viewer learns nothing from a bad body.
    expectError(await viewer.post(citations('kita'), { nonsense: true }), 403, 'forbidden');
    // A need that is not in the list; another list's need.
    expectError(await cite(editor, 'gibt-es-nicht', good), 404, 'not_found');
    expectError(await editor.get(citations('gibt-es-nicht')), 404, 'not_found');
    // An indicator of another body.
    const other = await createTestBody(ctx.db.sql);
    const foreign = await insertIndicator(ctx.db.sql, { bodyId: other.bodyId, name: 'Fremd' });
    await setIndicatorValue(ctx.db.sql, foreign, null, DATE, 100);
    expectError(await cite(editor, 'kita', { ...good, indicatorId: foreign }), 404, 'not_found');
    expectError(await cite(editor, 'kita', { ...good, indicatorId: crypto.randomUUID() }), 404, 'not_found');
    // A Sozialraum the person may not see; one that does not exist.
    expectError(await cite(editor, 'kita', { ...good, sozialraumId: haspe.id }), 403, 'forbidden');
    expectError(await cite(editor, 'kita', { ...good, sozialraumId: crypto.randomUUID() }), 404, 'not_found');
    // A date without a value.
    const noValue = expectError(
      await cite(editor, 'kita', { ...good, date: '2020-01-01' }),
      422,
      'validation_failed',
    );
    expect(noValue.details).toMatchObject({ issues: [{ path: 'date' }] });
    // Malformed, oversized.
    expectError(await cite(editor, 'kita', { ...good, date: '31.12.2023' }), 400, 'validation_failed');
    expectError(await cite(editor, 'kita', { ...good, indicatorId: 'x' }), 400, 'validation_failed');
    expectError(await cite(editor, 'kita', { indicatorId: quote, date: DATE }), 400, 'validation_failed');
    expectError(
      await editor.request('POST', citations('kita'), {
        body: '{"indicatorId":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expectError(
      await editor.request('POST', citations('kita'), {
        body: JSON.stringify({ ...good, padding: 'x'.repeat(2_000_000) }),
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'payload_too_large',
    );
    expectError(await editor.get(citations('x'.repeat(101))), 404, 'not_found');
    expectError(await editor.get(`/api/documents/kein-uuid/citations`), 404, 'not_found');
    // Another body's document; an action plan.
    expectError(await editor.get(`/api/documents/${crypto.randomUUID()}/citations`), 404, 'not_found');
    expectError(
      await cite(editor, 'kita', good, wehringhausen.documents.actionPlan),
      422,
      'citations_unsupported',
    );
  });

  it('keeps the citations of a removed need, listed as belonging to a removed need', async () => {
    const client = await needsClient(wehringhausen, ['alt']);
    const created = await cite(editor, 'alt', {
      indicatorId: quote,
      sozialraumId: wehringhausen.id,
      date: DATE,
    });
    expect(created.status).toBe(201);
    deleteNeed(client.doc, 'alt');
    await eventually(async () => {
      const all = await editor.get<DocumentCitationDto[]>(`/api/documents/${docId}/citations`);
      expect(all.body.find((c) => c.id === created.body.id)).toMatchObject({
        needId: 'alt',
        needTitle: null,
        needRemoved: true,
        value: 22,
      });
    });
    expect((await editor.get<CitationDto[]>(citations('alt'))).body).toHaveLength(1);
    // A removed need takes no new citations.
    expectError(
      await cite(editor, 'alt', { indicatorId: quote, sozialraumId: wehringhausen.id, date: DATE }),
      404,
      'not_found',
    );
  });

  it('exports the citations of a person and erases who cited, keeping the figure', async () => {
    const person = await createUser(admin, {
      role: 'member',
      name: 'Zitierende Person',
      memberships: [{ sozialraumId: wehringhausen.id, access: 'edit' }],
    });
    const client = await loginAs(ctx.server, person.email);
    const created = await cite(client, 'kita', {
      indicatorId: quote,
      sozialraumId: wehringhausen.id,
      date: DATE,
    });
    const exported = await admin.get<DataExportDto>(`/api/users/${person.id}/data-export`);
    expect(exported.body.needCitations).toEqual([
      expect.objectContaining({
        id: created.body.id,
        needId: 'kita',
        indicatorName: 'SGB II-Quote',
        value: 22,
      }),
    ]);
    expect((await admin.post(`/api/users/${person.id}/erase`, { confirmEmail: person.email })).status).toBe(
      204,
    );
    const [row] = await ctx.db.sql<{ citedBy: string | null }[]>`
      select cited_by from need_citation where id = ${created.body.id}`;
    expect(row!.citedBy).toBeNull();
    const listed = (await editor.get<CitationDto[]>(citations('kita'))).body.find(
      (c) => c.id === created.body.id,
    );
    expect(listed).toMatchObject({ citedBy: null, value: 22 });
  });
});

describe.each(testDatabases())('a paper’s citations on $name', (factory) => {
  const ctx = useTestServer(factory);

  it('lists the citations of the needs linked to the paper’s measures', async () => {
    const world = await createPaperWorld(ctx);
    const [row] = await ctx.db.sql<{ bodyId: string }[]>`
      select body_id from sozialraum where id = ${world.altenhagen.id}`;
    const bodyId = row!.bodyId;
    const client = connectSyncClient(ctx.server, world.admin, world.altenhagen.documents.needs);
    await client.synced;
    needsArray(client.doc).push([testNeed('spielplatz'), testNeed('anderes')]);
    await eventually(async () => {
      const needs = await world.admin.get<{ id: string }[]>(`/api/sozialraeume/${world.altenhagen.id}/needs`);
      expect(needs.body).toHaveLength(2);
    });
    const indicator = await insertIndicator(ctx.db.sql, {
      bodyId,
      name: 'SGB II-Quote',
      unit: '%',
      kind: 'rate',
      source: 'Bundesagentur für Arbeit',
    });
    await setIndicatorValue(ctx.db.sql, indicator, world.altenhagen.id, DATE, 21.5);
    const needs = world.altenhagen.documents.needs;
    const cited = await world.admin.post<CitationDto>(`/api/documents/${needs}/needs/spielplatz/citations`, {
      indicatorId: indicator,
      sozialraumId: world.altenhagen.id,
      date: DATE,
    });
    await world.admin.post(`/api/documents/${needs}/needs/anderes/citations`, {
      indicatorId: indicator,
      sozialraumId: null,
      date: DATE,
    }); // no city value: refused, and not linked anyway
    const measure = await world.plannedMeasure('Spielplatz', { needIds: ['spielplatz'] });
    const paper = await createPaper(world.clerk, completePaper(world, [measure.id]));

    const listed = await world.clerk.get<PaperCitationDto[]>(`/api/papers/${paper.id}/citations`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: cited.body.id,
        needTitle: 'spielplatz',
        indicatorName: 'SGB II-Quote',
        source: 'Bundesagentur für Arbeit',
        value: 21.5,
        measures: [{ id: measure.id, title: 'Spielplatz' }],
      }),
    ]);
    // A paper without measures; one the reader may not see; no such paper.
    const bare = await createPaper(world.clerk, completePaper(world));
    expect((await world.clerk.get(`/api/papers/${bare.id}/citations`)).body).toEqual([]);
    expectError(await world.haspeMember.get(`/api/papers/${paper.id}/citations`), 404, 'not_found');
    expectError(await world.clerk.get(`/api/papers/${crypto.randomUUID()}/citations`), 404, 'not_found');
    expectError(await world.clerk.get(`/api/papers/kein-uuid/citations`), 404, 'not_found');
    client.destroy();
  });
});
