import { readRoundSummaries } from '@quartierplan/collab';
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
});
