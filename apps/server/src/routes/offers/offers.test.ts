import type {
  OfferDto,
  OfferImportDto,
  PublicOffersDto,
  SozialraumFeatureCollection,
} from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

/** A closed square ring around (lon, lat) with half-width d. */
const square = (lon: number, lat: number, d = 0.01) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
const polygon = (lon: number, lat: number, d?: number) => ({
  type: 'Polygon',
  coordinates: [square(lon, lat, d)],
});

describe.each(testDatabases())('Map and offers API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let bodyId: string;
  let north: { id: string; code: string; name: string };
  let south: { id: string; code: string; name: string };

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    bodyId = body.bodyId;
    admin = await loginAs(ctx.server, body.adminEmail);
    north = await createSozialraum(admin, { name: 'Nord' });
    south = await createSozialraum(admin, { name: 'Süd' });
    editor = await loginAs(
      ctx.server,
      (await createUser(admin, { role: 'member', memberships: [{ sozialraumId: north.id, access: 'edit' }] }))
        .email,
    );
    viewer = await loginAs(
      ctx.server,
      (await createUser(admin, { role: 'member', memberships: [{ sozialraumId: north.id, access: 'view' }] }))
        .email,
    );
  });

  const geometry = (client: ApiClient) =>
    client.get<SozialraumFeatureCollection>('/api/sozialraeume/geometry');

  it('stores a boundary and gives it back as a FeatureCollection of the visible Sozialräume', async () => {
    expect((await admin.put(`/api/sozialraeume/${north.id}/geometry`, polygon(7.47, 51.37))).status).toBe(
      204,
    );
    const multi = { type: 'MultiPolygon', coordinates: [[square(7.47, 51.33)], [square(7.52, 51.33)]] };
    expect((await admin.put(`/api/sozialraeume/${south.id}/geometry`, multi)).status).toBe(204);

    const all = (await geometry(admin)).body;
    const feature = all.features.find((f) => f.id === north.id)!;
    expect(feature).toEqual({
      type: 'Feature',
      id: north.id,
      properties: { id: north.id, code: north.code, name: 'Nord', schematic: false },
      geometry: polygon(7.47, 51.37),
    });
    expect(all.features.find((f) => f.id === south.id)!.geometry).toEqual(multi);
    // A member sees only their own Sozialräume' boundaries.
    expect((await geometry(viewer)).body.features.map((f) => f.id)).toEqual([north.id]);
  });

  it('accepts a Feature and refuses unusable GeoJSON with its status', async () => {
    const url = `/api/sozialraeume/${north.id}/geometry`;
    expect(
      (await admin.put(url, { type: 'Feature', properties: {}, geometry: polygon(7.47, 51.37) })).status,
    ).toBe(204);
    expectError(await admin.put(url, { type: 'Point', coordinates: [7, 51] }), 422, 'validation_failed');
    const outside = expectError(await admin.put(url, polygon(200, 51)), 422, 'validation_failed');
    expect(JSON.stringify(outside.details)).toContain('Längengrad');
    expectError(await admin.put(url, polygon(7, 95)), 422, 'validation_failed');
    const open = square(7, 51).slice(0, 4);
    const notClosed = expectError(
      await admin.put(url, { type: 'Polygon', coordinates: [open] }),
      422,
      'validation_failed',
    );
    expect(JSON.stringify(notClosed.details)).toContain('geschlossen');
    expectError(await admin.put(url, { type: 'Polygon', coordinates: 'x' }), 422, 'validation_failed');
    // More than 100,000 positions (small enough in bytes to pass the body limit).
    const many = Array.from({ length: 100_001 }, () => [0, 0]);
    many.push([0, 0]);
    const tooMany = expectError(
      await admin.put(url, { type: 'Polygon', coordinates: [many] }),
      413,
      'payload_too_large',
    );
    expect(tooMany.message).toContain('100.000');
    expectError(
      await admin.request('PUT', url, { body: '{"type":', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed_json',
    );
    // Authorisation before validation: a member learns nothing from the body.
    expectError(await editor.put(url, { nonsense: true }), 403, 'forbidden');
    expectError(
      await new ApiClient(ctx.server.origin).get('/api/sozialraeume/geometry'),
      401,
      'unauthenticated',
    );
    expectError(
      await admin.put(`/api/sozialraeume/00000000-0000-4000-8000-000000000000/geometry`, polygon(7, 51)),
      404,
      'not_found',
    );
    // The stored boundary is untouched by the refusals.
    expect((await geometry(admin)).body.features.find((f) => f.id === north.id)!.geometry).toEqual(
      polygon(7.47, 51.37),
    );
  });

  it('assigns the Sozialraum from the location: inside, outside, on a MultiPolygon, and again on a boundary change', async () => {
    const inside = await admin.post<OfferDto>('/api/offers', {
      name: 'Jugendtreff',
      location: { lat: 51.37, lon: 7.47 },
    });
    expect(inside.status).toBe(201);
    expect(inside.body.sozialraum).toEqual({ id: north.id, code: north.code, name: 'Nord' });

    const onSecondPart = await admin.post<OfferDto>('/api/offers', {
      name: 'Beratung',
      location: { lat: 51.33, lon: 7.52 },
    });
    expect(onSecondPart.body.sozialraum?.id).toBe(south.id);

    const outside = await admin.post<OfferDto>('/api/offers', {
      name: 'Außerhalb',
      location: { lat: 50, lon: 8 },
      sozialraumId: south.id,
    });
    expect(outside.body.sozialraum?.id).toBe(south.id); // as entered
    const nowhere = await admin.post<OfferDto>('/api/offers', {
      name: 'Nirgends',
      location: { lat: 50, lon: 8 },
    });
    expect(nowhere.body.sozialraum).toBeNull();

    // North's boundary moves onto the second part of South's: the offer there moves with it? No: the first
    // containing boundary wins; the Jugendtreff, now outside every boundary, loses North.
    expect((await admin.put(`/api/sozialraeume/${north.id}/geometry`, polygon(8, 50, 0.5))).status).toBe(204);
    const offers = (await admin.get<OfferDto[]>('/api/offers')).body;
    const byName = new Map(offers.map((o) => [o.name, o]));
    expect(byName.get('Jugendtreff')!.sozialraum).toBeNull();
    expect(byName.get('Nirgends')!.sozialraum?.id).toBe(north.id);
    expect(byName.get('Außerhalb')!.sozialraum?.id).toBe(north.id);
    expect(byName.get('Beratung')!.sozialraum?.id).toBe(south.id);
    // Back as it was.
    expect((await admin.put(`/api/sozialraeume/${north.id}/geometry`, polygon(7.47, 51.37))).status).toBe(
      204,
    );
    const again = new Map((await admin.get<OfferDto[]>('/api/offers')).body.map((o) => [o.name, o]));
    expect(again.get('Jugendtreff')!.sozialraum?.id).toBe(north.id);
    expect(again.get('Nirgends')!.sozialraum).toBeNull();
  });

  it('lets admins and edit members write offers in their Sozialraum, and nobody else', async () => {
    const own = await editor.post<OfferDto>('/api/offers', { name: 'Spielgruppe', sozialraumId: north.id });
    expect(own.status).toBe(201);
    expectError(
      await editor.post('/api/offers', { name: 'Fremd', sozialraumId: south.id }),
      403,
      'forbidden',
    );
    expectError(
      await editor.post('/api/offers', { name: 'Fremd', location: { lat: 51.33, lon: 7.52 } }),
      403,
      'forbidden',
    );
    expectError(await editor.post('/api/offers', { name: 'Ohne Sozialraum' }), 403, 'forbidden');
    // Viewers are refused before their body is validated.
    expectError(await viewer.post('/api/offers', { name: '' }), 403, 'forbidden');
    expectError(await viewer.patch(`/api/offers/${own.body.id}`, { name: 123 }), 403, 'forbidden');
    expectError(await viewer.delete(`/api/offers/${own.body.id}`), 403, 'forbidden');
    // Validation for those who may write.
    const invalid = expectError(
      await editor.post('/api/offers', { name: '', location: { lat: 91, lon: 0 } }),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(invalid.details)).toContain('Bitte einen Namen angeben.');
    expectError(
      await admin.post('/api/offers', { name: 'X', sozialraumId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'validation_failed',
    );
    expectError(await admin.post('/api/offers', { name: 'x'.repeat(201) }), 400, 'validation_failed');

    const changed = await editor.patch<OfferDto>(`/api/offers/${own.body.id}`, {
      category: 'Familie',
      published: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Spielgruppe', category: 'Familie', published: true });
    // Moving it out of their Sozialraum is not theirs to do.
    expectError(
      await editor.patch(`/api/offers/${own.body.id}`, { sozialraumId: south.id }),
      403,
      'forbidden',
    );
    expectError(await editor.patch('/api/offers/00000000-0000-4000-8000-000000000000', {}), 404, 'not_found');

    // Every signed-in user reads the inventory.
    expect((await viewer.get<OfferDto[]>('/api/offers')).body.some((o) => o.id === own.body.id)).toBe(true);
    expectError(await new ApiClient(ctx.server.origin).get('/api/offers'), 401, 'unauthenticated');

    expect((await editor.delete(`/api/offers/${own.body.id}`)).status).toBe(204);
    expectError(await editor.delete(`/api/offers/${own.body.id}`), 404, 'not_found');

    // Another body's admin finds nothing.
    const other = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    const mine = (await admin.get<OfferDto[]>('/api/offers')).body[0]!;
    expectError(await other.patch(`/api/offers/${mine.id}`, { name: 'Y' }), 404, 'not_found');
    expect((await other.get<OfferDto[]>('/api/offers')).body).toEqual([]);
  });

  const importCsv = (client: ApiClient, bytes: Uint8Array | string, commit = false) =>
    client.request<OfferImportDto>('POST', `/api/offers/import${commit ? '?commit=true' : ''}`, {
      body: bytes,
      headers: { 'content-type': 'text/csv' },
    });

  it('imports offers from CSV (semicolon, Windows-1252) with a preview that stores nothing', async () => {
    const before = (await admin.get<OfferDto[]>('/api/offers')).body.length;
    const csv = `Name;Träger;Kategorie;Zielgruppen;Breitengrad;Längengrad;Sozialraum;Veröffentlicht\r\nMütterzentrum;AWO;Familie;Eltern|Kinder;51,37;7,47;;ja\r\nSchuldnerberatung;Caritas;Beratung;;;;${south.code};nein\r\n`;
    const latin1 = Uint8Array.from([...csv].map((ch) => ch.charCodeAt(0)));
    const preview = await importCsv(admin, latin1);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ committed: false, count: 2, issues: [] });
    expect(preview.body.rows[0]).toEqual({
      line: 2,
      name: 'Mütterzentrum',
      category: 'Familie',
      sozialraum: 'Nord',
      location: { lat: 51.37, lon: 7.47 },
    });
    expect((await admin.get<OfferDto[]>('/api/offers')).body.length).toBe(before);

    const committed = await importCsv(admin, latin1, true);
    expect(committed.body.committed).toBe(true);
    const offers = (await admin.get<OfferDto[]>('/api/offers')).body;
    expect(offers.length).toBe(before + 2);
    expect(offers.find((o) => o.name === 'Mütterzentrum')).toMatchObject({
      targetGroups: ['Eltern', 'Kinder'],
      published: true,
      provider: 'AWO',
    });
    expect(offers.find((o) => o.name === 'Schuldnerberatung')!.sozialraum?.id).toBe(south.id);
  });

  it('reports bad CSV rows with their line numbers and stores nothing (comma, UTF-8)', async () => {
    const before = (await admin.get<OfferDto[]>('/api/offers')).body.length;
    const csv =
      'name,category,lat,lon,sozialraum,published\nGut,Sport,51.37,7.47,,ja\n,Sport,,,,\nKaputt,Sport,abc,7,,\nFremd,Sport,,,XX-UNBEKANNT,vielleicht\n';
    const preview = await importCsv(admin, new TextEncoder().encode(csv), true);
    expect(preview.status).toBe(200);
    expect(preview.body.committed).toBe(false);
    expect(preview.body.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'Name'],
      [4, 'Breitengrad'],
      [5, 'Sozialraum'],
      [5, 'Veröffentlicht'],
    ]);
    expect((await admin.get<OfferDto[]>('/api/offers')).body.length).toBe(before);

    const noName = await importCsv(admin, 'Titel;Ort\nA;B\n');
    expect(noName.body.issues).toEqual([{ line: 1, message: 'Die Kopfzeile braucht eine Spalte „Name“.' }]);
    const empty = await importCsv(admin, 'Name\n');
    expect(empty.body.issues[0]!.message).toContain('keine Angebote');
    // An edit member may import only into their Sozialraum.
    const foreign = await importCsv(editor, `Name;Sozialraum\nA;${south.code}\n`, true);
    expect(foreign.body.issues).toEqual([
      { line: 2, message: 'Für diesen Sozialraum fehlt Ihnen das Bearbeitungsrecht.' },
    ]);
    expectError(await importCsv(viewer, 'Name\nA\n'), 403, 'forbidden');
    // As a form field, like the indicator import.
    const form = new FormData();
    form.set('file', new Blob(['Name;Kategorie\nFormular;Test\n']), 'angebote.csv');
    const asForm = await admin.request<OfferImportDto>('POST', '/api/offers/import', { body: form });
    expect(asForm.body).toMatchObject({ committed: false, count: 1, issues: [] });
    expectError(
      await admin.request('POST', '/api/offers/import', { body: new FormData() }),
      400,
      'validation_failed',
    );
    expectError(await importCsv(admin, 'x'.repeat(2_000_000)), 413, 'payload_too_large');
  });

  it('publishes only published offers of that body without login, with nothing internal in them', async () => {
    await admin.post('/api/offers', { name: 'Intern', published: false, contact: 'intern@example.org' });
    await admin.post('/api/offers', {
      name: 'Öffentlich',
      published: true,
      location: { lat: 51.37, lon: 7.47 },
    });
    const other = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    await other.post('/api/offers', { name: 'Andere Stadt', published: true });

    const anonymous = new ApiClient(ctx.server.origin);
    const response = await anonymous.get<PublicOffersDto>(`/api/public/offers?bodyId=${bodyId}`);
    expect(response.status).toBe(200);
    const names = response.body.offers.map((o) => o.name);
    expect(names).toContain('Öffentlich');
    expect(names).toContain('Mütterzentrum');
    expect(names).not.toContain('Intern');
    expect(names).not.toContain('Schuldnerberatung');
    expect(names).not.toContain('Andere Stadt');
    expect(Object.keys(response.body).sort()).toEqual(['areas', 'body', 'offers']);
    for (const offer of response.body.offers) {
      expect(Object.keys(offer).sort()).toEqual(
        [
          'address',
          'category',
          'contact',
          'location',
          'name',
          'openingHours',
          'provider',
          'sozialraum',
          'targetGroups',
        ].sort(),
      );
      if (offer.sozialraum) expect(Object.keys(offer.sozialraum).sort()).toEqual(['code', 'name']);
    }
    for (const feature of response.body.areas.features) {
      expect(Object.keys(feature.properties).sort()).toEqual(['code', 'name', 'schematic']);
    }
    // No id of anything (offers, Sozialräume, people) anywhere in the answer.
    expect(response.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(response.text).not.toContain('published');

    expectError(await anonymous.get('/api/public/offers?bodyId=nope'), 400, 'validation_failed');
    // Without bodyId: the installation's only body; the tests' installation has several.
    expectError(await anonymous.get('/api/public/offers'), 404, 'not_found');
    expectError(
      await anonymous.get('/api/public/offers?bodyId=00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
    );
  });
});
