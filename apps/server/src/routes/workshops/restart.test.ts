import { WORKSHOP_ROUNDS_MAP, readRoundSummaries } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually } from '../../testing/sync-clients.ts';
import { loginAs } from '../../testing/fixtures.ts';
import {
  createWorkshop,
  createWorkshopScene,
  joinAsGuest,
  seedNeeds,
  startRound,
  vote,
} from '../../testing/workshops.ts';

describe.each(testDatabases())('workshop round timers across a restart on $name', (factory) => {
  it('re-arms an open timed round at start-up, so it closes by itself after a restart', async () => {
    const db = await factory.open();
    const first = await startTestServer(db.sql);
    let second: Awaited<ReturnType<typeof startTestServer>> | null = null;
    try {
      const scene = await createWorkshopScene(first);
      const [needId] = await seedNeeds(first, scene.sozialraum, ['Nachtbus']);
      const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
      const { guest } = await joinAsGuest(first, workshop.code);
      const round = await startRound(scene.facilitator, workshop.id, {
        dotsPerPerson: 2,
        durationSeconds: 3,
        needIds: [needId],
      });
      await vote(guest, workshop.id, round.id, needId!, 2);
      // The first process stops before the end (its timer with it); the second must close the round.
      await first.close();
      second = await startTestServer(db.sql);
      const facilitator = await loginAs(second, scene.facilitatorUser.email);
      const sync = connectSyncClient(second, facilitator, scene.sozialraum.documents.needs);
      try {
        await sync.synced;
        await eventually(() => {
          expect(readRoundSummaries(sync.doc).map((r) => r.roundId)).toContain(round.id);
        }, 8000);
      } finally {
        sync.destroy();
      }
    } finally {
      await second?.close();
      await db.close();
    }
    // Its accounts are made with real password hashing inside the test, not in a beforeAll.
  }, 60_000);

  it('writes at start-up a closed result that never reached the needs document', async () => {
    const db = await factory.open();
    const first = await startTestServer(db.sql);
    let second: Awaited<ReturnType<typeof startTestServer>> | null = null;
    try {
      const scene = await createWorkshopScene(first);
      const [needId] = await seedNeeds(first, scene.sozialraum, ['Stadtteilbüro']);
      const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
      const { guest } = await joinAsGuest(first, workshop.code);
      const round = await startRound(scene.facilitator, workshop.id, { dotsPerPerson: 2, needIds: [needId] });
      await vote(guest, workshop.id, round.id, needId!, 2);
      await scene.facilitator.post(`/api/workshops/${workshop.id}/rounds/${round.id}/close`);
      // As if the process had ended between the closing commit and the write into the document.
      const before = connectSyncClient(first, scene.facilitator, scene.sozialraum.documents.needs);
      const watcher = connectSyncClient(first, scene.admin, scene.sozialraum.documents.needs);
      try {
        await Promise.all([before.synced, watcher.synced]);
        expect(readRoundSummaries(watcher.doc).map((r) => r.roundId)).toContain(round.id);
        before.doc.getMap(WORKSHOP_ROUNDS_MAP).delete(round.id);
        // Relayed to other clients only once stored.
        await eventually(() => {
          expect(readRoundSummaries(watcher.doc).map((r) => r.roundId)).not.toContain(round.id);
        });
      } finally {
        before.destroy();
        watcher.destroy();
      }
      await db.sql`update workshop_round set results_written_at = null where id = ${round.id}`;
      await first.close();
      second = await startTestServer(db.sql);
      const facilitator = await loginAs(second, scene.facilitatorUser.email);
      const sync = connectSyncClient(second, facilitator, scene.sozialraum.documents.needs);
      try {
        await sync.synced;
        await eventually(() => {
          expect(readRoundSummaries(sync.doc).find((r) => r.roundId === round.id)).toMatchObject({
            number: 1,
          });
        }, 8000);
      } finally {
        sync.destroy();
      }
      await eventually(async () => {
        const [row] = await db.sql<{ writtenAt: Date | null }[]>`
          select results_written_at as written_at from workshop_round where id = ${round.id}`;
        expect(row!.writtenAt).not.toBeNull();
      });
    } finally {
      await second?.close();
      await db.close();
    }
  }, 60_000);
});
