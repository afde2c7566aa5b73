import { readNeeds, readRoundSummaries } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import type { RoundResultDto, SozialraumNeedDto, WorkshopRoundDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually } from '../../testing/sync-clients.ts';
import {
  createWorkshop,
  createWorkshopScene,
  joinAsGuest,
  seedNeeds,
  startRound,
  vote,
  type WorkshopScene,
} from '../../testing/workshops.ts';

const sumDots = (round: WorkshopRoundDto) => Object.values(round.myVotes).reduce((a, b) => a + b, 0);

describe.each(testDatabases())('workshop rounds and votes on $name', (factory) => {
  const ctx = useTestServer(factory);
  let scene: WorkshopScene;
  let needIds: string[];

  beforeAll(async () => {
    scene = await createWorkshopScene(ctx.server);
    needIds = await seedNeeds(ctx.server, scene.sozialraum, [
      'Spielplatz sanieren',
      'Familienzentrum',
      'Jugendtreff',
      'Beleuchtung Unterführung',
      'Sitzbänke',
      'Sprachkurse',
    ]);
  });

  /** A fresh workshop (at most one round runs per workshop) with a guest. */
  async function workshopWithGuest(): Promise<{ id: string; guest: ApiClient }> {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    return { id: workshop.id, guest };
  }

  it('starts rounds only as facilitator, with the open needs as default ballot; one at a time', async () => {
    const { id, guest } = await workshopWithGuest();
    const path = `/api/workshops/${id}/rounds`;
    expectError(await guest.post(path, { dotsPerPerson: 5 }), 401, 'unauthenticated');
    expectError(await scene.member.post(path, { dotsPerPerson: 5 }), 403, 'forbidden');
    for (const body of [
      {},
      { dotsPerPerson: 0 },
      { dotsPerPerson: 21 },
      { dotsPerPerson: 2.5 },
      { dotsPerPerson: '5' },
      { dotsPerPerson: 3, maxPerItem: 4 },
      { dotsPerPerson: 3, durationSeconds: 0 },
      { dotsPerPerson: 3, durationSeconds: 4 * 3600 + 1 },
      { dotsPerPerson: 3, needIds: [] },
      { dotsPerPerson: 3, needIds: Array.from({ length: 201 }, (_, i) => `n${i}`) },
    ]) {
      expectError(await scene.facilitator.post(path, body), 400, 'validation_failed');
    }
    const unknown = await scene.facilitator.post(path, {
      dotsPerPerson: 3,
      needIds: [needIds[0], 'gibt-es-nicht'],
    });
    expect(expectError(unknown, 422, 'validation_failed').details).toMatchObject({
      unknown: ['gibt-es-nicht'],
    });

    const round = await startRound(scene.facilitator, id, { dotsPerPerson: 5, maxPerItem: 3 });
    expect(round).toMatchObject({ number: 1, status: 'open', endsAt: null, voterCount: 0 });
    // The facilitator sees the running tally, in ballot order while tied.
    expect(round.results!.map((r) => [r.needId, r.dots])).toEqual(needIds.map((id) => [id, 0]));
    expect(round.ballot.map((b) => b.needId)).toEqual(needIds);
    expectError(await scene.facilitator.post(path, { dotsPerPerson: 5 }), 409, 'conflict');
  });

  it('enforces the budget under 20 concurrent votes of one voter, and of 5 voters at once', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const guests = await Promise.all(
      Array.from({ length: 5 }, async () => (await joinAsGuest(ctx.server, workshop.code)).guest),
    );
    const round = await startRound(scene.facilitator, workshop.id, { dotsPerPerson: 5, maxPerItem: 3 });
    // Each request asks for 1–3 dots on one of six needs: 20 of them would spend far more than 5.
    const burst = (guest: ApiClient) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          vote(guest, workshop.id, round.id, needIds[i % 6]!, (i % 3) + 1),
        ),
      );
    const single = await burst(guests[0]!);
    for (const response of single.filter((r) => r.status !== 200))
      expectError(response, 422, 'validation_failed');
    expect(single.some((r) => r.status === 422)).toBe(true);
    const all = await Promise.all(guests.slice(1).map(burst));
    for (const response of all.flat().filter((r) => r.status !== 200))
      expectError(response, 422, 'validation_failed');

    const spent: number[] = [];
    for (const guest of guests) {
      const mine = await guest.get<WorkshopRoundDto[]>(`/api/workshops/${workshop.id}/rounds`);
      const current = mine.body[0]!;
      expect(Math.max(...Object.values(current.myVotes))).toBeLessThanOrEqual(3);
      spent.push(sumDots(current));
    }
    for (const dots of spent) expect(dots).toBeLessThanOrEqual(5);
    const closed = await scene.facilitator.post<WorkshopRoundDto>(
      `/api/workshops/${workshop.id}/rounds/${round.id}/close`,
    );
    expect(closed.body.status).toBe('closed');
    expect(closed.body.voterCount).toBe(5);
    expect(closed.body.results!.reduce((sum, r) => sum + r.dots, 0)).toBe(spent.reduce((a, b) => a + b, 0));
  });

  it('sets rather than adds (a retry never doubles); 0 takes dots back; refusals say why', async () => {
    const { id, guest } = await workshopWithGuest();
    const round = await startRound(scene.facilitator, id, {
      dotsPerPerson: 4,
      maxPerItem: 2,
      needIds: needIds.slice(0, 3),
    });
    expect((await vote(guest, id, round.id, needIds[0]!, 2)).body.myVotes).toEqual({ [needIds[0]!]: 2 });
    expect((await vote(guest, id, round.id, needIds[0]!, 2)).body.myVotes).toEqual({ [needIds[0]!]: 2 });
    expect((await vote(guest, id, round.id, needIds[1]!, 2)).status).toBe(200);
    const over = await vote(guest, id, round.id, needIds[2]!, 1);
    expect(expectError(over, 422, 'validation_failed').message).toBe('Sie haben keine Punkte mehr übrig.');
    expectError(await vote(guest, id, round.id, needIds[2]!, 3), 422, 'validation_failed');
    expect(
      expectError(await vote(guest, id, round.id, needIds[5]!, 1), 422, 'validation_failed').details,
    ).toMatchObject({ reason: 'not_on_ballot' });
    expect((await vote(guest, id, round.id, needIds[0]!, 0)).body.myVotes).toEqual({ [needIds[1]!]: 2 });
    expect((await vote(guest, id, round.id, needIds[2]!, 2)).status).toBe(200);
    // Bad input on the vote route.
    for (const body of [
      { needId: needIds[0], count: -1 },
      { needId: needIds[0], count: 1.5 },
      { count: 1 },
      { needId: 'x'.repeat(101), count: 1 },
    ]) {
      expectError(
        await guest.post(`/api/workshops/${id}/rounds/${round.id}/votes`, body),
        400,
        'validation_failed',
      );
    }
    expectError(await vote(guest, id, crypto.randomUUID(), needIds[0]!, 1), 404, 'not_found');
    expectError(await vote(guest, id, 'nope', needIds[0]!, 1), 404, 'not_found');
  });

  it('hides results from participants while open (403, null) unless live results were chosen', async () => {
    const { id, guest } = await workshopWithGuest();
    const round = await startRound(scene.facilitator, id, { dotsPerPerson: 3, needIds: needIds.slice(0, 2) });
    const voted = await vote(guest, id, round.id, needIds[1]!, 3);
    expect(voted.body.results).toBeNull();
    expectError(await guest.get(`/api/workshops/${id}/rounds/${round.id}/results`), 403, 'forbidden');
    expectError(await scene.member.get(`/api/workshops/${id}/rounds/${round.id}/results`), 403, 'forbidden');
    const facilitatorView = await scene.facilitator.get<RoundResultDto[]>(
      `/api/workshops/${id}/rounds/${round.id}/results`,
    );
    expect(facilitatorView.body.map((r) => [r.needId, r.dots])).toEqual([
      [needIds[1], 3],
      [needIds[0], 0],
    ]);
    await scene.facilitator.post(`/api/workshops/${id}/rounds/${round.id}/close`);
    const after = await guest.get<RoundResultDto[]>(`/api/workshops/${id}/rounds/${round.id}/results`);
    expect(after.status).toBe(200);
    expect(after.body[0]).toMatchObject({ needId: needIds[1], dots: 3, title: 'Familienzentrum' });
    expectError(await vote(guest, id, round.id, needIds[0]!, 1), 409, 'conflict');

    const live = await startRound(scene.facilitator, id, {
      dotsPerPerson: 3,
      liveResults: true,
      needIds: needIds.slice(0, 2),
    });
    const seen = await vote(guest, id, live.id, needIds[0]!, 1);
    expect(seen.body.results?.[0]).toMatchObject({ needId: needIds[0], dots: 1 });
    expect((await guest.get(`/api/workshops/${id}/rounds/${live.id}/results`)).status).toBe(200);
  });

  it('refuses a vote after endsAt with 409 even before the timer fires, and closes the round then', async () => {
    const { id, guest } = await workshopWithGuest();
    const round = await startRound(scene.facilitator, id, {
      dotsPerPerson: 3,
      durationSeconds: 600,
      needIds: needIds.slice(0, 2),
    });
    expect(Date.parse(round.endsAt!) - Date.now()).toBeGreaterThan(590_000);
    await vote(guest, id, round.id, needIds[0]!, 2);
    // Time runs out while the timer (10 minutes away) has not fired.
    await ctx.db.sql`update workshop_round set ends_at = now() - interval '1 second' where id = ${round.id}`;
    const late = await vote(guest, id, round.id, needIds[0]!, 3);
    expect(expectError(late, 409, 'conflict').details).toMatchObject({ reason: 'round_closed' });
    const rounds = await guest.get<WorkshopRoundDto[]>(`/api/workshops/${id}/rounds`);
    expect(rounds.body[0]).toMatchObject({ status: 'closed', voterCount: 1 });
    expect(rounds.body[0]!.results![0]).toMatchObject({ needId: needIds[0], dots: 2 });
  });

  it('closes a timed round by itself and writes the result into the needs document and the projection', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id, {
      title: 'Kinderkonferenz',
    });
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    const { guest: second } = await joinAsGuest(ctx.server, workshop.code);
    const sync = connectSyncClient(ctx.server, scene.facilitator, scene.sozialraum.documents.needs);
    await sync.synced;
    try {
      const round = await startRound(scene.facilitator, workshop.id, {
        dotsPerPerson: 5,
        durationSeconds: 2,
        needIds: needIds.slice(2, 5),
      });
      await vote(guest, workshop.id, round.id, needIds[3]!, 4);
      await vote(second, workshop.id, round.id, needIds[3]!, 2);
      await vote(second, workshop.id, round.id, needIds[2]!, 3);
      // Nothing reads the workshop meanwhile: only the timer can close the round.
      await eventually(() => {
        const summary = readRoundSummaries(sync.doc).find((r) => r.roundId === round.id);
        expect(summary).toMatchObject({
          workshopId: workshop.id,
          workshopTitle: 'Kinderkonferenz',
          number: 1,
          dotsPerPerson: 5,
        });
        const needs = new Map(readNeeds(sync.doc).map((n) => [n.id, n]));
        expect(needs.get(needIds[3]!)!.dots[round.id]).toBe(6);
        expect(needs.get(needIds[2]!)!.dots[round.id]).toBe(3);
        expect(needs.get(needIds[4]!)!.dots[round.id]).toBe(0);
        expect(needs.get(needIds[0]!)!.dots[round.id]).toBeUndefined();
      }, 6000);
      await eventually(async () => {
        const rows = await scene.facilitator.get<SozialraumNeedDto[]>(
          `/api/sozialraeume/${scene.sozialraum.id}/needs`,
        );
        expect(rows.body.find((n) => n.id === needIds[3])?.votes).toBe(6);
      });
      const [closed] = (await guest.get<WorkshopRoundDto[]>(`/api/workshops/${workshop.id}/rounds`)).body;
      expect(closed).toMatchObject({ status: 'closed', voterCount: 2 });
      expect(closed!.results!.map((r) => r.dots)).toEqual([6, 3, 0]);
      expectError(await vote(guest, workshop.id, round.id, needIds[4]!, 1), 409, 'conflict');

      // A second round keeps the first; the projection shows the latest result.
      const next = await startRound(scene.facilitator, workshop.id, {
        dotsPerPerson: 2,
        needIds: [needIds[3]!],
      });
      expect(next.number).toBe(2);
      await vote(guest, workshop.id, next.id, needIds[3]!, 1);
      await scene.facilitator.post(`/api/workshops/${workshop.id}/rounds/${next.id}/close`);
      const rounds = (await scene.facilitator.get<WorkshopRoundDto[]>(`/api/workshops/${workshop.id}/rounds`))
        .body;
      expect(rounds.map((r) => [r.number, r.results?.[0]?.dots])).toEqual([
        [1, 6],
        [2, 1],
      ]);
      await eventually(async () => {
        expect(readRoundSummaries(sync.doc).filter((r) => r.workshopId === workshop.id)).toHaveLength(2);
        const rows = await scene.facilitator.get<SozialraumNeedDto[]>(
          `/api/sozialraeume/${scene.sozialraum.id}/needs`,
        );
        expect(rows.body.find((n) => n.id === needIds[3])?.votes).toBe(1);
      });
    } finally {
      sync.destroy();
    }
  });

  it('pauses a timed round keeping its remaining seconds; paused votes are refused (409)', async () => {
    const { id, guest } = await workshopWithGuest();
    const round = await startRound(scene.facilitator, id, {
      dotsPerPerson: 3,
      durationSeconds: 120,
      needIds: needIds.slice(0, 2),
    });
    const base = `/api/workshops/${id}/rounds/${round.id}`;
    expectError(await guest.post(`${base}/pause`), 401, 'unauthenticated');
    const paused = await scene.facilitator.post<WorkshopRoundDto>(`${base}/pause`);
    expect(paused.body).toMatchObject({ status: 'paused', endsAt: null });
    expect(paused.body.remainingSeconds).toBeGreaterThan(110);
    expect(paused.body.remainingSeconds).toBeLessThanOrEqual(120);
    expect(
      expectError(await vote(guest, id, round.id, needIds[0]!, 1), 409, 'conflict').details,
    ).toMatchObject({
      reason: 'round_paused',
    });
    expectError(await scene.facilitator.post(`${base}/pause`), 409, 'conflict');
    const resumed = await scene.facilitator.post<WorkshopRoundDto>(`${base}/resume`);
    expect(resumed.body).toMatchObject({ status: 'open', remainingSeconds: null });
    expect(Date.parse(resumed.body.endsAt!) - Date.now()).toBeGreaterThan(100_000);
    expect((await vote(guest, id, round.id, needIds[0]!, 1)).status).toBe(200);
    const closed = await scene.facilitator.post<WorkshopRoundDto>(`${base}/close`);
    const again = await scene.facilitator.post<WorkshopRoundDto>(`${base}/close`);
    expect(again.body).toEqual(closed.body);
    expectError(await scene.facilitator.post(`${base}/resume`), 409, 'conflict');
    expectError(
      await scene.facilitator.post(`/api/workshops/${id}/rounds/${crypto.randomUUID()}/close`),
      404,
      'not_found',
    );
  });

  it('removing a participant removes their votes from the running round', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest, session } = await joinAsGuest(ctx.server, workshop.code);
    const round = await startRound(scene.facilitator, workshop.id, {
      dotsPerPerson: 3,
      needIds: needIds.slice(0, 2),
    });
    await vote(guest, workshop.id, round.id, needIds[0]!, 3);
    await vote(scene.member, workshop.id, round.id, needIds[1]!, 1);
    await scene.facilitator.delete(
      `/api/workshops/${workshop.id}/participants/${session.self.participantId}`,
    );
    const results = await scene.facilitator.get<RoundResultDto[]>(
      `/api/workshops/${workshop.id}/rounds/${round.id}/results`,
    );
    expect(results.body.map((r) => [r.needId, r.dots])).toEqual([
      [needIds[1], 1],
      [needIds[0], 0],
    ]);
  });

  it('closing the workshop closes its running round with the result', async () => {
    const { id, guest } = await workshopWithGuest();
    const round = await startRound(scene.facilitator, id, {
      dotsPerPerson: 3,
      durationSeconds: 300,
      needIds: needIds.slice(0, 2),
    });
    await vote(guest, id, round.id, needIds[0]!, 1);
    const closed = await scene.facilitator.post<{ status: string }>(`/api/workshops/${id}/close`);
    expect(closed.body.status).toBe('closed');
    expect((await scene.facilitator.post<{ status: string }>(`/api/workshops/${id}/close`)).status).toBe(200);
    const [after] = (await guest.get<WorkshopRoundDto[]>(`/api/workshops/${id}/rounds`)).body;
    expect(after).toMatchObject({ status: 'closed' });
    expect(after!.results![0]).toMatchObject({ needId: needIds[0], dots: 1 });
    expectError(
      await scene.facilitator.post(`/api/workshops/${id}/rounds`, { dotsPerPerson: 3 }),
      409,
      'conflict',
    );
  });
});
