import { testDatabases } from '@quartierplan/db/testing';
import type { SozialraumDto, SozialraumProfileDto } from '@quartierplan/domain';
import { convertWithLibreOffice, readDocx, readPdf } from '@quartierplan/export/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { insertIndicator, insertNeeds, insertValues } from '../../testing/evidence-rows.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { createMeasure, walk } from '../../testing/measures.ts';
import { download } from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';

const OLD = '2022-12-31';
const NEW = '2023-04-30';
const MISSING = '00000000-0000-4000-8000-000000000000';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(testDatabases())('Sozialraum profile on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let clerk: ApiClient;
  let memberA: ApiClient;
  let memberB: ApiClient;
  let stranger: ApiClient;
  let a: SozialraumDto;
  let b: SozialraumDto;
  let empty: SozialraumDto;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    a = await createSozialraum(admin, { code: 'AH', name: 'Altenhagen' });
    b = await createSozialraum(admin, { code: 'EM', name: 'Emst' });
    const c = await createSozialraum(admin, { code: 'WE', name: 'Wehringhausen' });
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
    const member = (s: SozialraumDto) =>
      createUser(admin, { role: 'member', memberships: [{ sozialraumId: s.id, access: 'view' }] });
    memberA = await loginAs(ctx.server, (await member(a)).email);
    memberB = await loginAs(ctx.server, (await member(b)).email);
    stranger = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);

    const sql = ctx.db.sql;
    const bodyId = body.bodyId;
    // Population: the city is the sum of the three Sozialräume at both dates.
    ids.population = await insertIndicator(sql, bodyId, { name: 'Einwohner gesamt', topic: 'Bevölkerung' });
    await insertValues(sql, ids.population, [
      [a.id, OLD, 13020],
      [b.id, OLD, 9000],
      [c.id, OLD, 7000],
      [null, OLD, 29020],
      [a.id, NEW, 13137],
      [b.id, NEW, 9100],
      [c.id, NEW, 7050],
      [null, NEW, 29287],
    ]);
    // A small count in A; with the city given as the sum, B's count is hidden too (or A's follows from it).
    ids.small = await insertIndicator(sql, bodyId, { name: 'Einwohner bulgarisch', topic: 'Bevölkerung' });
    await insertValues(sql, ids.small, [
      [a.id, NEW, 2],
      [b.id, NEW, 9],
      [c.id, NEW, 40],
      [null, NEW, 51],
    ]);
    ids.rate = await insertIndicator(sql, bodyId, {
      name: 'SGB II-Quote',
      kind: 'rate',
      unit: '%',
      precision: 1,
      topic: 'Soziales',
    });
    await insertValues(sql, ids.rate, [
      [a.id, NEW, 21.25],
      [null, NEW, 14.2],
    ]);
    // Only in B: not part of A's profile.
    ids.onlyB = await insertIndicator(sql, bodyId, { name: 'Nur Emst' });
    await insertValues(sql, ids.onlyB, [[b.id, NEW, 500]]);
    // An age group of the population (its `partOf` tells the page to draw it as the age structure).
    ids.young = await insertIndicator(sql, bodyId, {
      name: 'Einwohner unter 18',
      partOf: ids.population,
      topic: 'Bevölkerung',
    });
    await insertValues(sql, ids.young, [[a.id, NEW, 2400]]);

    await insertNeeds(sql, a.documents.needs, [
      { title: 'Mehr Kitaplätze', priority: 'high', status: 'open' },
      { title: 'Treffpunkt für Jugendliche', priority: 'low', status: 'addressed' },
    ]);
    const measure = await createMeasure(admin, {
      title: 'Familienzentrum Lange Straße',
      sozialraumIds: [a.id],
    });
    await walk(admin, measure.id, ['recommended']);
    ids.measure = measure.id;
    await createMeasure(admin, { title: 'Nur in Emst', sozialraumIds: [b.id] });
    // In the other body: a fourth Sozialraum without values here would break the city's sum.
    empty = await createSozialraum(stranger, { code: 'LE', name: 'Leer' });
  });

  const profile = async (client: ApiClient, id: string) => {
    const response = await client.get<SozialraumProfileDto>(`/api/sozialraeume/${id}/profile`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const key = (p: SozialraumProfileDto, id: string) => p.keyFigures.find((k) => k.indicator.id === id);

  it('shows each indicator’s latest value with the city at that date and the previous value', async () => {
    const p = await profile(memberA, a.id);
    expect(p.sozialraum).toEqual({ id: a.id, code: 'AH', name: 'Altenhagen' });
    // By topic, then in the order they were created (not by name); B's own indicator is not here.
    expect(p.keyFigures.map((k) => k.indicator.name)).toEqual([
      'Einwohner gesamt',
      'Einwohner bulgarisch',
      'Einwohner unter 18',
      'SGB II-Quote',
    ]);
    expect(key(p, ids.population!)).toEqual({
      indicator: expect.objectContaining({
        id: ids.population,
        kind: 'count',
        dates: [OLD, NEW],
        partOf: null,
      }),
      date: NEW,
      here: { value: 13137, suppressed: false },
      city: { value: 29287, suppressed: false },
      previous: { date: OLD, value: 13020, suppressed: false },
    });
    expect(key(p, ids.rate!)).toMatchObject({
      indicator: { unit: '%', precision: 1, kind: 'rate' },
      here: { value: 21.25, suppressed: false },
      city: { value: 14.2, suppressed: false },
      previous: null,
    });
    expect(key(p, ids.young!)).toMatchObject({ indicator: { partOf: ids.population }, city: null });
    expect(p.series.find((s) => s.indicatorId === ids.population)?.points).toEqual([
      { date: OLD, value: 13020, suppressed: false },
      { date: NEW, value: 13137, suppressed: false },
    ]);
    expect(p.series.map((s) => s.indicatorId).sort()).toEqual(p.keyFigures.map((k) => k.indicator.id).sort());
  });

  it('lists the Sozialraum’s needs and measures with their status and progress', async () => {
    const report = { date: '2026-11-30', text: 'Räume gefunden.', progress: 30 };
    expect((await admin.post(`/api/measures/${ids.measure}/reports`, report)).status).toBe(201);
    const p = await profile(clerk, a.id);
    expect(p.needs).toEqual([
      { id: expect.any(String), title: 'Mehr Kitaplätze', priority: 'high', status: 'open' },
      { id: expect.any(String), title: 'Treffpunkt für Jugendliche', priority: 'low', status: 'addressed' },
    ]);
    expect(p.measures).toEqual([
      { id: ids.measure, title: 'Familienzentrum Lange Straße', status: 'recommended', progress: 30 },
    ]);
  });

  it('suppresses a small count and the count that would give it away, the city stays', async () => {
    const here = key(await profile(admin, a.id), ids.small!);
    expect(here).toMatchObject({
      here: { value: null, suppressed: true },
      city: { value: 51, suppressed: false },
    });
    // 51 − 40 − B would reveal A: B is hidden too, whoever reads it.
    const there = key(await profile(memberB, b.id), ids.small!);
    expect(there).toMatchObject({ here: { value: null, suppressed: true } });
    const text = JSON.stringify(await profile(admin, a.id));
    expect(text).not.toMatch(/"value":2,/);
  });

  it('answers an empty profile for a Sozialraum without indicators', async () => {
    const p = await profile(stranger, empty.id);
    expect(p).toEqual({
      sozialraum: { id: empty.id, code: 'LE', name: 'Leer' },
      keyFigures: [],
      series: [],
      needs: [],
      measures: [],
    });
  });

  it('is read by whoever sees the Sozialraum: 403 to a member of another one, 404 to another body', async () => {
    expectError(await memberB.get(`/api/sozialraeume/${a.id}/profile`), 403, 'forbidden');
    expectError(await stranger.get(`/api/sozialraeume/${a.id}/profile`), 404, 'not_found');
    expectError(await admin.get(`/api/sozialraeume/${MISSING}/profile`), 404, 'not_found');
    expectError(await admin.get('/api/sozialraeume/kein-uuid/profile'), 404, 'not_found');
    const anonymous = new ApiClient(ctx.server.origin);
    expectError(await anonymous.get(`/api/sozialraeume/${a.id}/profile`), 401, 'unauthenticated');
    expectError(
      await anonymous.get(`/api/sozialraeume/${a.id}/profile/export?format=pdf`),
      401,
      'unauthenticated',
    );
  });

  it('exports the profile as DOCX that LibreOffice opens, with "•" and its footnote', async () => {
    const file = await download(memberA, `/api/sozialraeume/${a.id}/profile/export?format=docx`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(DOCX);
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Profil-AH-\d{4}-\d{2}-\d{2}\.docx"/,
    );
    const { text } = await readDocx(file.bytes);
    for (const line of [
      'Sozialraumprofil Altenhagen',
      'Einwohner gesamt',
      '13.137',
      '29.287',
      '13.020 (31.12.2022)',
      '21,3 %',
      '• Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl).',
      'Mehr Kitaplätze',
      'Familienzentrum Lange Straße',
      'Handlungsempfehlung',
    ]) {
      expect(text).toContain(line);
    }
    const { output } = await convertWithLibreOffice(file.bytes, 'docx', 'pdf');
    expect((await readPdf(output)).text.replace(/\s+/g, ' ')).toContain('Sozialraumprofil Altenhagen');
  }, 120_000);

  it('exports the profile as PDF', async () => {
    const file = await download(clerk, `/api/sozialraeume/${a.id}/profile/export?format=pdf`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Profil-AH-.*\.pdf"/);
    const text = (await readPdf(file.bytes)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Sozialraumprofil Altenhagen');
    expect(text).toContain('Aus Datenschutzgründen nicht ausgewiesen');
  });

  it('authorises the export before it validates the format', async () => {
    expectError(await memberB.get(`/api/sozialraeume/${a.id}/profile/export?format=xls`), 403, 'forbidden');
    expectError(await stranger.get(`/api/sozialraeume/${a.id}/profile/export?format=xls`), 404, 'not_found');
    expectError(
      await admin.get(`/api/sozialraeume/${a.id}/profile/export?format=xls`),
      400,
      'validation_failed',
    );
    expectError(await admin.get(`/api/sozialraeume/${a.id}/profile/export`), 400, 'validation_failed');
    const long = 'x'.repeat(5000);
    expectError(
      await admin.get(`/api/sozialraeume/${a.id}/profile/export?format=${long}`),
      400,
      'validation_failed',
    );
  });
});
