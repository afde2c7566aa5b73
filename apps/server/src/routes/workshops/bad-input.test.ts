import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../openapi/routes.ts';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createTestBody, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  addCard,
  createWorkshop,
  createWorkshopScene,
  joinAsGuest,
  seedNeeds,
  type WorkshopScene,
} from '../../testing/workshops.ts';

/** Every route under /api/workshops/:id (the export routes of the table included, when present). */
const workshopRoutes = ROUTES.filter((route) => route.path.startsWith('/api/workshops/:id'));

describe.each(testDatabases())('workshop routes refuse bad input on $name', (factory) => {
  const ctx = useTestServer(factory);
  let scene: WorkshopScene;
  let ids: Record<string, string>;
  let stranger: ApiClient;

  beforeAll(async () => {
    scene = await createWorkshopScene(ctx.server);
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest, session } = await joinAsGuest(ctx.server, workshop.code);
    const card = await addCard(guest, workshop.id, 'Karte');
    const cluster = await scene.facilitator.post<{ id: string }>(`/api/workshops/${workshop.id}/clusters`, {
      label: 'Gruppe',
      colour: 'blue',
    });
    const [needId] = await seedNeeds(ctx.server, scene.sozialraum, ['Bedarf']);
    const round = await scene.facilitator.post<{ id: string }>(`/api/workshops/${workshop.id}/rounds`, {
      dotsPerPerson: 3,
      needIds: [needId],
    });
    ids = {
      id: workshop.id,
      cardId: card.id,
      clusterId: cluster.body.id,
      roundId: round.body.id,
      participantId: session.self.participantId,
    };
    stranger = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
  });

  const pathOf = (template: string, values: Record<string, string>) =>
    template.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? crypto.randomUUID());

  it('answers 404 for an unknown workshop id on every route, before reading the body', async () => {
    expect(workshopRoutes.length).toBeGreaterThan(20);
    for (const route of workshopRoutes) {
      const path = pathOf(route.path, { ...ids, id: crypto.randomUUID() });
      const response = await scene.admin.request(
        route.method.toUpperCase(),
        path,
        route.body ? { json: 'nonsense' } : {},
      );
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
      });
    }
  });

  it("answers 404 to another body's admin on every route of a real workshop", async () => {
    for (const route of workshopRoutes) {
      const response = await stranger.request(
        route.method.toUpperCase(),
        pathOf(route.path, ids),
        route.body ? { json: {} } : {},
      );
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
      });
    }
  });

  it('answers 400 malformed_json and 400 for wrong types on every route with a body', async () => {
    const withBody = workshopRoutes.filter((route) => route.body);
    expect(withBody.length).toBeGreaterThanOrEqual(8);
    for (const route of withBody) {
      const path = pathOf(route.path, ids);
      const malformed = await scene.facilitator.request(route.method.toUpperCase(), path, {
        body: '{"title": "unterbrochen',
        headers: { 'content-type': 'application/json' },
      });
      expectError(malformed, 400, 'malformed_json');
      const wrongType = await scene.facilitator.request(route.method.toUpperCase(), path, {
        json: [1, 2, 3],
      });
      expectError(wrongType, 400, 'validation_failed');
      const notJson = await scene.facilitator.request(route.method.toUpperCase(), path, {
        body: 'title=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectError(notJson, 415, 'unsupported_media_type');
    }
  });

  it('answers 404 for unknown and malformed card, cluster, round and participant ids', async () => {
    const base = `/api/workshops/${ids.id}`;
    for (const [method, path, body] of [
      ['PATCH', `${base}/cards/${crypto.randomUUID()}`, { title: 'x' }],
      ['DELETE', `${base}/cards/not-an-id`, undefined],
      ['POST', `${base}/cards/${crypto.randomUUID()}/merge`, { intoCardId: ids.cardId }],
      ['PATCH', `${base}/clusters/${crypto.randomUUID()}`, { label: 'x', colour: 'red' }],
      ['DELETE', `${base}/clusters/${crypto.randomUUID()}`, undefined],
      ['POST', `${base}/rounds/${crypto.randomUUID()}/pause`, undefined],
      ['GET', `${base}/rounds/${crypto.randomUUID()}/results`, undefined],
      ['DELETE', `${base}/participants/12`, undefined],
    ] as const) {
      const response = await scene.facilitator.request(method, path, body ? { json: body } : {});
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expectError(response, 404, 'not_found');
    }
  });
});
