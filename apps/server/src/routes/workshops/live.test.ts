import { testDatabases } from '@quartierplan/db/testing';
import type { WorkshopCardDto, WorkshopRoundDto, WorkshopStateDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../openapi/routes.ts';
import { expectError } from '../../testing/assertions.ts';
import { createUser, loginAs } from '../../testing/fixtures.ts';
import { startTestServer, useTestServer } from '../../testing/server.ts';
import { tryUpgrade } from '../../testing/sync-clients.ts';
import {
  addCard,
  createWorkshop,
  createWorkshopScene,
  joinAsGuest,
  openEventStream,
  seedNeeds,
  startRound,
  vote,
  type WorkshopScene,
} from '../../testing/workshops.ts';

describe.each(testDatabases())('workshop live channel and guest isolation on $name', (factory) => {
  const ctx = useTestServer(factory);
  let scene: WorkshopScene;

  beforeAll(async () => {
    scene = await createWorkshopScene(ctx.server);
  });

  it('streams state first, then changes shaped per subscriber; a removed guest gets `ended`', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const [needId] = await seedNeeds(ctx.server, scene.sozialraum, ['Schulweg sichern']);
    const { guest: phone, session } = await joinAsGuest(ctx.server, workshop.code, 'Lea');
    const { guest: other } = await joinAsGuest(ctx.server, workshop.code, 'Ben');
    const board = await openEventStream(ctx.server, scene.facilitator, workshop.id);
    const onPhone = await openEventStream(ctx.server, phone, workshop.id);
    try {
      const state = (await onPhone.next('state')) as WorkshopStateDto;
      expect(state.self).toMatchObject({ participantId: session.self.participantId, kind: 'guest' });
      expect(((await board.next('state')) as WorkshopStateDto).self.facilitator).toBe(true);

      const written = await addCard(other, workshop.id, 'Zebrastreifen vor der Schule');
      const seenByBoard = (await board.next(
        'card',
        (c) => (c as WorkshopCardDto).id === written.id,
      )) as WorkshopCardDto;
      const seenByPhone = (await onPhone.next(
        'card',
        (c) => (c as WorkshopCardDto).id === written.id,
      )) as WorkshopCardDto;
      expect(seenByBoard).toMatchObject({ authorName: 'Ben', mine: false });
      expect(seenByPhone).toMatchObject({ authorName: null, mine: false });
      const own = await addCard(phone, workshop.id, 'Tempo 30');
      expect(await onPhone.next('card', (c) => (c as WorkshopCardDto).id === own.id)).toMatchObject({
        mine: true,
      });

      // Hidden results stay null on the phone, the board sees the tally.
      const round = await startRound(scene.facilitator, workshop.id, { dotsPerPerson: 2, needIds: [needId] });
      await vote(other, workshop.id, round.id, needId!, 2);
      const hasVoter = (r: unknown) => (r as WorkshopRoundDto).voterCount === 1;
      expect(((await onPhone.next('round', hasVoter)) as WorkshopRoundDto).results).toBeNull();
      expect(((await board.next('round', hasVoter)) as WorkshopRoundDto).results![0]!.dots).toBe(2);

      await scene.facilitator.delete(
        `/api/workshops/${workshop.id}/participants/${session.self.participantId}`,
      );
      expect(await onPhone.next('ended')).toEqual({ reason: 'removed' });
      await onPhone.ended;
      expect(board.events.some((e) => e.event === 'ended')).toBe(false);
      expect(await board.next('card-removed', (d) => (d as { id: string }).id === own.id)).toEqual({
        id: own.id,
      });
    } finally {
      board.close();
      onPhone.close();
    }
  });

  it('ends a member’s stream at once when their access to the Sozialraum is removed', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const viewer = await createUser(scene.admin, {
      role: 'member',
      memberships: [{ sozialraumId: scene.sozialraum.id, access: 'view' }],
    });
    const client = await loginAs(ctx.server, viewer.email);
    const stream = await openEventStream(ctx.server, client, workshop.id);
    try {
      await stream.next('state');
      let ended = false;
      void stream.ended.then(() => (ended = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ended).toBe(false);
      expect((await scene.admin.put(`/api/users/${viewer.id}/memberships`, { memberships: [] })).status).toBe(
        200,
      );
      await stream.ended;
      expectError(await client.get(`/api/workshops/${workshop.id}/state`), 403, 'forbidden');
    } finally {
      stream.close();
    }
  });

  it('refuses the stream without a session and to guests of another workshop', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const other = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, other.code);
    const anonymous = await fetch(`${ctx.server.origin}/api/workshops/${workshop.id}/events`);
    expect(anonymous.status).toBe(401);
    await expect(openEventStream(ctx.server, guest, workshop.id)).rejects.toThrow(/401/);
  });

  it('answers 401 to a guest session on every /api route but its workshop participant routes', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    const ids = { id: workshop.id, docId: scene.sozialraum.documents.needs, bodyId: crypto.randomUUID() };
    let checked = 0;
    for (const route of ROUTES) {
      if (route.public || route.participant) continue;
      const path = route.path.replace(
        /:(\w+)/g,
        (_m, name: string) => ids[name as keyof typeof ids] ?? crypto.randomUUID(),
      );
      const response = await guest.request(route.method.toUpperCase(), path, route.body ? { json: {} } : {});
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(60);
    // The participant routes of its own workshop do answer it.
    expect((await guest.get(`/api/workshops/${workshop.id}/state`)).status).toBe(200);
  });

  it('refuses a guest session on a /sync upgrade (401)', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    const refused = await tryUpgrade(ctx.server, `/sync/${scene.sozialraum.documents.needs}`, {
      cookie: `qp_workshop=${guest.cookie('qp_workshop')}`,
      origin: ctx.server.origin,
    });
    expect(refused.status).toBe(401);
  });

  it('answers the state of a workshop to members, and 400 to unstorable text', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const state = await scene.member.get<WorkshopStateDto>(`/api/workshops/${workshop.id}/state`);
    expect(state.body.self).toMatchObject({ kind: 'member', participantId: '', facilitator: false });
    expectError(
      await scene.member.post(`/api/workshops/${workshop.id}/cards`, { title: 'a\u0000b' }),
      400,
      'validation_failed',
    );
    const oversized = await scene.member.post(`/api/workshops/${workshop.id}/cards`, {
      title: 'x'.repeat(2_000_000),
    });
    expectError(oversized, 413, 'payload_too_large');
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl).each(testDatabases())(
  'workshop live events across instances (Redis) on $name',
  (factory) => {
    it('delivers a card written on one instance to a phone streaming from another', async () => {
      const db = await factory.open();
      const env = { REDIS_URL: redisUrl! };
      const one = await startTestServer(db.sql, { env });
      const two = await startTestServer(db.sql, { env });
      try {
        for (const server of [one, two]) {
          await (server.context.workshopBus as { whenReady?: () => Promise<void> }).whenReady?.();
        }
        const scene = await createWorkshopScene(one);
        const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
        const { guest: writer } = await joinAsGuest(one, workshop.code, 'Ada');
        const { guest: reader } = await joinAsGuest(two, workshop.code);
        const stream = await openEventStream(two, reader, workshop.id);
        try {
          await stream.next('state');
          const started = performance.now();
          const card = await addCard(writer, workshop.id, 'Über Redis');
          const seen = (await stream.next(
            'card',
            (c) => (c as WorkshopCardDto).id === card.id,
          )) as WorkshopCardDto;
          expect(performance.now() - started).toBeLessThan(1000);
          expect(seen).toMatchObject({ title: 'Über Redis', authorName: null, mine: false });
        } finally {
          stream.close();
        }
      } finally {
        await one.close();
        await two.close();
        await one.context.workshopBus.close();
        await two.context.workshopBus.close();
        await one.context.measureBus.close();
        await two.context.measureBus.close();
        await db.close();
      }
    }, 60_000);
  },
);
