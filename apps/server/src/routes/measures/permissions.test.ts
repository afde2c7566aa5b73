import type { MeasureDto, SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { DECIDED, createMeasure, walk } from '../../testing/measures.ts';

describe.each(testDatabases())('measure permissions on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let clerk: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let neighbour: ApiClient;
  let otherBody: ApiClient;
  let mine: SozialraumDto;
  let theirs: SozialraumDto;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    mine = await createSozialraum(admin);
    theirs = await createSozialraum(admin);
    const member = async (sozialraumId: string, access: 'edit' | 'view') =>
      loginAs(
        ctx.server,
        (await createUser(admin, { role: 'member', memberships: [{ sozialraumId, access }] })).email,
      );
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
    editor = await member(mine.id, 'edit');
    viewer = await member(mine.id, 'view');
    neighbour = await member(theirs.id, 'edit');
    otherBody = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
  });

  const patch = (client: ApiClient, m: MeasureDto, body: Record<string, unknown>, version = m.version) =>
    client.patch<MeasureDto>(`/api/measures/${m.id}`, body, { headers: { 'if-match': String(version) } });
  const move = (client: ApiClient, m: MeasureDto, body: Record<string, unknown>) =>
    client.post<MeasureDto>(`/api/measures/${m.id}/transitions`, body);

  it('lets members with edit create in their Sozialräume only; city-wide is for admins', async () => {
    expect((await editor.post('/api/measures', { title: 'Eigenes', sozialraumIds: [mine.id] })).status).toBe(
      201,
    );
    expectError(
      await editor.post('/api/measures', { title: 'Fremd', sozialraumIds: [theirs.id] }),
      403,
      'forbidden',
    );
    expectError(
      await editor.post('/api/measures', { title: 'Beide', sozialraumIds: [mine.id, theirs.id] }),
      403,
      'forbidden',
    );
    expectError(await editor.post('/api/measures', { title: 'Stadt', cityWide: true }), 403, 'forbidden');
    expectError(
      await viewer.post('/api/measures', { title: 'Lesend', sozialraumIds: [mine.id] }),
      403,
      'forbidden',
    );
    expectError(
      await clerk.post('/api/measures', { title: 'Gremium', sozialraumIds: [mine.id] }),
      403,
      'forbidden',
    );
    expect((await admin.post('/api/measures', { title: 'Stadt', cityWide: true })).status).toBe(201);
  });

  it('lets members edit until planned, then only admins; clerks record consultation and decisions', async () => {
    let m = await createMeasure(editor, { title: 'Bewegungsangebot', sozialraumIds: [mine.id] });
    expect(m.permissions).toEqual({ edit: true, transitions: ['recommended', 'deferred'], corrections: [] });
    m = (await patch(editor, m, { description: 'Sport im Park' })).body;
    m = await walk(editor, m.id, ['recommended', 'planned']);
    expect(m.permissions).toEqual({ edit: true, transitions: ['deferred'], corrections: [] });
    m = (await patch(editor, m, { costYearly: 4_000 })).body;
    expect(m.version).toBe(5);

    expectError(await move(editor, m, { to: 'in_consultation' }), 403, 'forbidden');
    expectError(await move(viewer, m, { to: 'in_consultation' }), 403, 'forbidden');
    m = await walk(clerk, m.id, ['in_consultation']);
    expectError(await patch(editor, m, { title: 'Zu spät' }), 403, 'forbidden');
    expectError(await patch(clerk, m, { title: 'Gremium' }), 403, 'forbidden');
    expectError(await move(editor, m, { to: 'deferred', comment: 'x' }), 403, 'forbidden');
    // An illegal transition is 422 whoever asks; a legal one the role lacks is 403.
    expectError(await move(clerk, m, { to: 'completed' }), 422, 'invalid_transition');
    expectError(await move(clerk, m, { to: 'deferred', comment: 'x' }), 403, 'forbidden');
    m = await walk(clerk, m.id, [DECIDED]);
    expectError(await move(clerk, m, { to: 'in_implementation' }), 403, 'forbidden');
    m = await walk(admin, m.id, ['in_implementation']);
    expect((await patch(admin, m, { progress: 30 })).body.progress).toBe(30);
  });

  it('lets viewers read and nothing else; other Sozialräume and bodies see nothing', async () => {
    const m = await createMeasure(editor, { title: 'Nur hier', sozialraumIds: [mine.id] });
    expect((await viewer.get<MeasureDto>(`/api/measures/${m.id}`)).body.permissions).toEqual({
      edit: false,
      transitions: [],
      corrections: [],
    });
    expectError(await patch(viewer, m, { title: 'x' }), 403, 'forbidden');
    expectError(await move(viewer, m, { to: 'recommended' }), 403, 'forbidden');

    for (const path of [`/api/measures/${m.id}`, `/api/measures/${m.id}/events`]) {
      expectError(await neighbour.get(path), 403, 'forbidden');
      expectError(await otherBody.get(path), 404, 'not_found');
    }
    expectError(await patch(neighbour, m, { title: 'x' }), 403, 'forbidden');
    expectError(await move(neighbour, m, { to: 'recommended' }), 403, 'forbidden');
    expectError(await patch(otherBody, m, { title: 'x' }), 404, 'not_found');
    expectError(await move(otherBody, m, { to: 'recommended' }), 404, 'not_found');
    expect((await neighbour.get<MeasureDto[]>('/api/measures')).body.map((x) => x.id)).not.toContain(m.id);
    expect((await otherBody.get<MeasureDto[]>('/api/measures')).body).toEqual([]);
    const exported = await neighbour.get('/api/measures/export?format=csv');
    expect(exported.text).not.toContain('Nur hier');
    // Another body's Sozialraum is unknown here.
    expectError(
      await otherBody.post('/api/measures', { title: 'x', sozialraumIds: [mine.id] }),
      400,
      'validation_failed',
    );
  });

  it('shows city-wide measures to every member, editable by admins only', async () => {
    const m = await createMeasure(admin, { title: 'Stadtweiter Familienpass', cityWide: true });
    for (const client of [editor, viewer, neighbour, clerk]) {
      const read = await client.get<MeasureDto>(`/api/measures/${m.id}`);
      expect(read.status).toBe(200);
      expect(read.body.permissions.edit).toBe(false);
    }
    expectError(await patch(editor, m, { title: 'x' }), 403, 'forbidden');
    expectError(await move(editor, m, { to: 'recommended' }), 403, 'forbidden');
    expect((await neighbour.get<MeasureDto[]>('/api/measures')).body.map((x) => x.id)).toContain(m.id);
  });

  it('does not let members move a measure into Sozialräume they cannot edit', async () => {
    const m = await createMeasure(editor, { title: 'Umzug', sozialraumIds: [mine.id] });
    expectError(await patch(editor, m, { sozialraumIds: [mine.id, theirs.id] }), 403, 'forbidden');
    expectError(await patch(editor, m, { sozialraumIds: [], cityWide: true }), 403, 'forbidden');
    expect((await patch(admin, m, { sozialraumIds: [theirs.id] })).body.sozialraumIds).toEqual([theirs.id]);
    expectError(await editor.get(`/api/measures/${m.id}`), 403, 'forbidden');
  });

  it('keeps the dashboard to admins', async () => {
    for (const client of [clerk, editor, viewer]) {
      expectError(await client.get('/api/measures/dashboard'), 403, 'forbidden');
    }
    expect((await admin.get('/api/measures/dashboard')).status).toBe(200);
  });
});
