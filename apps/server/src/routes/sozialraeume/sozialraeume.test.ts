import type { SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs, unique } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** The contract shape of a Sozialraum in every answer. */
function expectSozialraum(value: unknown, expected: Partial<SozialraumDto>) {
  expect(value).toEqual({
    id: expect.stringMatching(UUID),
    code: expect.any(String),
    name: expect.any(String),
    stadtbezirk: expect.any(String),
    archived: expect.any(Boolean),
    access: expect.stringMatching(/^(edit|view)$/),
    documents: { actionPlan: expect.stringMatching(UUID), needs: expect.stringMatching(UUID) },
    ...expected,
  });
  const { documents } = value as SozialraumDto;
  expect(documents.actionPlan).not.toBe(documents.needs);
}

describe.each(testDatabases())('Sozialräume API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let clerk: ApiClient;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
  });

  const list = async (client: ApiClient, query = '') =>
    (await client.get<SozialraumDto[]>(`/api/sozialraeume${query}`)).body;

  it('creates a Sozialraum: 201 with id, code, name and its two documents', async () => {
    const response = await admin.post<SozialraumDto>('/api/sozialraeume', {
      code: ' HA-MI ',
      name: ' Hagen-Mitte ',
      stadtbezirk: 'Mitte',
    });
    expect(response.status).toBe(201);
    expectSozialraum(response.body, {
      code: 'HA-MI',
      name: 'Hagen-Mitte',
      stadtbezirk: 'Mitte',
      archived: false,
      access: 'edit',
    });
    // Only {code, name} are required by the contract.
    const minimal = await admin.post<SozialraumDto>('/api/sozialraeume', { code: 'HA-NO', name: 'Nord' });
    expectSozialraum(minimal.body, { code: 'HA-NO', name: 'Nord', stadtbezirk: '' });
  });

  it('answers GET /api/sozialraeume and GET /:id in the same shape, ordered by code', async () => {
    const b = await createSozialraum(admin, { code: 'ZZ-B' });
    const a = await createSozialraum(admin, { code: 'ZZ-A' });
    const items = await list(clerk);
    for (const item of items) expectSozialraum(item, { access: 'view' });
    const codes = items.map((s) => s.code);
    expect(codes).toEqual([...codes].sort());
    expect(items.filter((s) => s.code.startsWith('ZZ-'))).toEqual([
      { ...a, access: 'view' },
      { ...b, access: 'view' },
    ]);

    const one = await clerk.get<SozialraumDto>(`/api/sozialraeume/${a.id}`);
    expect(one.body).toEqual({ ...a, access: 'view' });
  });

  it('refuses a code the body already uses, on create and on rename', async () => {
    const taken = await createSozialraum(admin);
    const other = await createSozialraum(admin);
    const issues = { issues: [{ path: 'code', message: 'Dieses Kürzel ist bereits vergeben.' }] };

    const create = await admin.post('/api/sozialraeume', { code: taken.code, name: 'Doppelt' });
    expect(expectError(create, 400, 'validation_failed').details).toEqual(issues);
    const rename = await admin.patch(`/api/sozialraeume/${other.id}`, { code: taken.code });
    expect(expectError(rename, 400, 'validation_failed').details).toEqual(issues);
    expect((await admin.get<SozialraumDto>(`/api/sozialraeume/${other.id}`)).body.code).toBe(other.code);
  });

  it('edits code, name and Stadtbezirk; the documents stay', async () => {
    const s = await createSozialraum(admin, { stadtbezirk: 'Alt' });
    const code = unique('NEU-');
    const response = await admin.patch<SozialraumDto>(`/api/sozialraeume/${s.id}`, {
      code,
      name: 'Neuer Name',
      stadtbezirk: 'Neu',
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...s, code, name: 'Neuer Name', stadtbezirk: 'Neu' });
    expect((await clerk.get<SozialraumDto>(`/api/sozialraeume/${s.id}`)).body.name).toBe('Neuer Name');
  });

  it('archives and unarchives; only admins can list archived ones', async () => {
    const s = await createSozialraum(admin);
    const archived = await admin.patch<SozialraumDto>(`/api/sozialraeume/${s.id}`, { archived: true });
    expect(archived.body).toEqual({ ...s, archived: true });

    expect((await list(admin)).map((x) => x.id)).not.toContain(s.id);
    expect((await list(admin, '?includeArchived=true')).map((x) => x.id)).toContain(s.id);
    expect((await list(clerk, '?includeArchived=true')).map((x) => x.id)).not.toContain(s.id);
    // An archived Sozialraum is still there to be read (its plans are history).
    expect((await clerk.get<SozialraumDto>(`/api/sozialraeume/${s.id}`)).body.archived).toBe(true);

    const restored = await admin.patch<SozialraumDto>(`/api/sozialraeume/${s.id}`, { archived: false });
    expect(restored.body.archived).toBe(false);
    expect((await list(clerk)).map((x) => x.id)).toContain(s.id);
  });

  it('validates changes', async () => {
    const s = await createSozialraum(admin);
    expectError(await admin.patch(`/api/sozialraeume/${s.id}`, {}), 400, 'validation_failed');
    expectError(
      await admin.patch(`/api/sozialraeume/${s.id}`, { code: 'mit leerzeichen' }),
      400,
      'validation_failed',
    );
    expectError(await admin.post('/api/sozialraeume', { code: 'X' }), 400, 'validation_failed');
  });

  it('answers 404 for a Sozialraum that does not exist', async () => {
    for (const id of [MISSING, 'kein-uuid']) {
      expectError(await admin.get(`/api/sozialraeume/${id}`), 404, 'not_found');
      expectError(await admin.patch(`/api/sozialraeume/${id}`, { name: 'X' }), 404, 'not_found');
    }
  });
});
