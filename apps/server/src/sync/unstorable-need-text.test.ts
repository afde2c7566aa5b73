import { createNeedMap, needsArray } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, loginAs } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import { connectSyncClient, eventually, type SyncClient } from '../testing/sync-clients.ts';

describe.each(testDatabases())('needs with text PostgreSQL cannot store on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let sozialraum: { id: string; documents: { actionPlan: string; needs: string } };
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    sozialraum = await createSozialraum(admin, {});
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('still reach the needs table, with U+FFFD for NUL and half emoji, and the other needs too', async () => {
    // A client that is not ours writes what no input field would: NUL and a lone surrogate.
    const client = connectSyncClient(ctx.server, admin, sozialraum.documents.needs);
    clients.push(client);
    await client.synced;
    const need = (id: string, title: string, description = '') =>
      createNeedMap({
        id,
        title,
        description,
        targetGroup: 'Familien\u0000',
        source: 'workshop',
        priority: 'high',
        status: 'open',
        createdBy: null,
        createdAt: null,
      });
    needsArray(client.doc).push([
      need('kita', 'Kita\u0000Plätze', 'Hallo \ud83d'),
      need('treff', 'Treffpunkt 👋'),
    ]);
    await eventually(async () => {
      const res = await admin.get<{ id: string; title: string; description: string; targetGroup: string }[]>(
        `/api/sozialraeume/${sozialraum.id}/needs`,
      );
      expect(res.status).toBe(200);
      expect(
        res.body.map(({ id, title, description, targetGroup }) => ({ id, title, description, targetGroup })),
      ).toEqual([
        { id: 'kita', title: 'Kita\uFFFDPlätze', description: 'Hallo \uFFFD', targetGroup: 'Familien\uFFFD' },
        { id: 'treff', title: 'Treffpunkt 👋', description: '', targetGroup: 'Familien\uFFFD' },
      ]);
    });
  });
});
