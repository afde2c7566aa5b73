import type { MeasureDto, MeasureEventDto, SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { DECIDED, createMeasure, walk } from '../../testing/measures.ts';

describe.each(testDatabases())('measure status comments and corrections on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let clerk: ApiClient;
  let editor: ApiClient;
  let area: SozialraumDto;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    area = await createSozialraum(admin);
    clerk = await loginAs(ctx.server, (await createUser(admin, { role: 'clerk' })).email);
    editor = await loginAs(
      ctx.server,
      (await createUser(admin, { role: 'member', memberships: [{ sozialraumId: area.id, access: 'edit' }] }))
        .email,
    );
  });

  const move = (client: ApiClient, m: { id: string }, body: Record<string, unknown>, ifMatch?: string) =>
    client.post<MeasureDto>(
      `/api/measures/${m.id}/transitions`,
      body,
      ifMatch ? { headers: { 'if-match': ifMatch } } : {},
    );
  const events = async (m: { id: string }) =>
    (await admin.get<MeasureEventDto[]>(`/api/measures/${m.id}/events`)).body;

  it('requires a comment for rejected and deferred, naming the field', async () => {
    const m = await createMeasure(admin, { title: 'Begegnungscafé', sozialraumIds: [area.id] });
    await walk(admin, m.id, ['recommended', 'planned', 'in_consultation']);
    for (const comment of [undefined, '   ']) {
      const rejected = await move(clerk, m, { to: 'rejected', decisionDate: '2024-03-14', comment });
      expect(expectError(rejected, 422, 'invalid_transition').details).toMatchObject({
        issues: [{ path: 'comment', message: 'Bitte einen Grund für die Ablehnung angeben.' }],
      });
      const deferred = await move(admin, m, { to: 'deferred', comment });
      expect(expectError(deferred, 422, 'invalid_transition').details).toMatchObject({
        issues: [{ path: 'comment', message: 'Bitte einen Grund für die Zurückstellung angeben.' }],
      });
    }
    const rejected = await move(clerk, m, {
      to: 'rejected',
      decisionDate: '2024-03-14',
      comment: 'Keine Mittel',
    });
    expect(rejected.status).toBe(200);
    expect((await events(m)).at(-1)).toMatchObject({ kind: 'transition', comment: 'Keine Mittel' });
  });

  it('lets an admin correct to an earlier state with a reason, recorded as a correction', async () => {
    const m = await createMeasure(admin, { title: 'Stadtteilfest', sozialraumIds: [area.id] });
    const decided = await walk(admin, m.id, ['recommended', 'planned', 'in_consultation', DECIDED]);
    expect(decided.permissions.corrections).toEqual(['idea', 'recommended', 'planned', 'in_consultation']);

    const response = await move(
      admin,
      m,
      { to: 'planned', correction: true, comment: '  Beschluss betraf eine andere Vorlage ' },
      `"${decided.version}"`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${decided.version + 1}"`);
    expect(response.body).toMatchObject({
      status: 'planned',
      deferredFrom: null,
      // The decision no longer stands before `decided`.
      decisionDate: null,
      paperReference: null,
      version: decided.version + 1,
      permissions: { transitions: ['in_consultation', 'deferred'], corrections: ['idea', 'recommended'] },
    });
    expect((await events(m)).at(-1)).toMatchObject({
      kind: 'correction',
      fromStatus: 'decided',
      toStatus: 'planned',
      comment: 'Beschluss betraf eine andere Vorlage',
      data: { clearedDecision: { decisionDate: '2023-06-27', paperReference: '0745/2023' } },
      version: decided.version + 1,
    });
    // The ordinary workflow goes on from the corrected state.
    expect((await walk(clerk, m.id, ['in_consultation'])).status).toBe('in_consultation');
  });

  it('keeps the decision when a correction stays at or after decided, and leaves a deferral behind', async () => {
    const m = await createMeasure(admin, { title: 'Schulsozialarbeit', sozialraumIds: [area.id] });
    await walk(admin, m.id, ['recommended', 'planned', 'in_consultation', DECIDED, 'in_implementation']);
    const corrected = await move(admin, m, { to: 'decided', correction: true, comment: 'Start verschoben' });
    expect(corrected.body).toMatchObject({
      status: 'decided',
      decisionDate: '2023-06-27',
      paperReference: '0745/2023',
    });

    const deferred = await walk(admin, m.id, [{ to: 'deferred', comment: 'Haushaltssperre' }]);
    expect(deferred.permissions.corrections).toContain('decided');
    const back = await move(admin, m, {
      to: 'in_consultation',
      correction: true,
      comment: 'Beschluss aufgehoben',
    });
    expect(back.body).toMatchObject({ status: 'in_consultation', deferredFrom: null, decisionDate: null });
  });

  it('refuses corrections without reason (422), by non-admins (403), forward or sideways (422), stale (409)', async () => {
    const m = await createMeasure(editor, { title: 'Nachbarschaftshilfe', sozialraumIds: [area.id] });
    const planned = await walk(editor, m.id, ['recommended', 'planned']);
    expect(planned.permissions.corrections).toEqual([]);

    for (const comment of [undefined, '', ' \n ']) {
      const missing = await move(admin, m, { to: 'idea', correction: true, comment });
      expect(expectError(missing, 422, 'invalid_transition').details).toMatchObject({
        issues: [{ path: 'comment', message: 'Bitte einen Grund für die Korrektur angeben.' }],
      });
    }
    // Authorised before validated: a non-admin learns nothing about the target.
    for (const client of [editor, clerk]) {
      expectError(await move(client, m, { to: 'idea', correction: true, comment: 'x' }), 403, 'forbidden');
      expectError(await move(client, m, { to: 'decided', correction: true }), 403, 'forbidden');
    }
    for (const to of ['planned', 'in_consultation', 'evaluated', 'deferred', 'rejected']) {
      const illegal = await move(admin, m, { to, correction: true, comment: 'Versehen' });
      expect(expectError(illegal, 422, 'invalid_transition').details).toMatchObject({
        from: 'planned',
        allowed: ['idea', 'recommended'],
      });
    }
    expectError(
      await move(admin, m, { to: 'idea', correction: 'ja', comment: 'x' }),
      400,
      'validation_failed',
    );
    expectError(
      await move(admin, m, { to: 'idea', correction: true, comment: 'x' }, `"${planned.version - 1}"`),
      409,
      'conflict',
    );
    // Nothing of the refused attempts reached the measure or its trail.
    expect((await admin.get<MeasureDto>(`/api/measures/${m.id}`)).body).toMatchObject({
      status: 'planned',
      version: planned.version,
    });
    expect((await events(m)).every((e) => e.kind !== 'correction')).toBe(true);

    const ok = await move(
      admin,
      m,
      { to: 'idea', correction: true, comment: 'Noch nicht abgestimmt' },
      `"${planned.version}"`,
    );
    expect(ok.body).toMatchObject({ status: 'idea', version: planned.version + 1 });
  });
});
