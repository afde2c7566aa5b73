import { testDatabases } from '@quartierplan/db/testing';
import type { MeetingDto, PaperDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { useTestServer } from '../../testing/server.ts';
import { createPaper, createPaperWorld, type PaperWorld } from '../../testing/papers.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(testDatabases())('meetings API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
  });

  it('lets clerks and admins plan meetings that papers then use', async () => {
    const created = await w.clerk.post<MeetingDto>('/api/meetings', {
      committeeId: w.jha.id,
      date: '2024-02-01',
      startTime: '17:00',
      location: 'Rathaus, Raum 101',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      committee: { id: w.jha.id, name: 'Jugendhilfeausschuss' },
      date: '2024-02-01',
      startTime: '17:00',
      consultationCount: 0,
    });
    expect((await w.viewer.get<MeetingDto[]>('/api/meetings')).body.map((m) => m.id)).toEqual([
      created.body.id,
    ]);
    expectError(
      await w.viewer.post('/api/meetings', { committeeId: w.jha.id, date: '2024-02-02' }),
      403,
      'forbidden',
    );

    const paper = await createPaper(w.clerk, {
      type: 'beschlussvorlage',
      subject: 'x',
      consultations: [
        { committeeId: w.jha.id, date: '2024-02-01', role: 'preliminary', meetingId: created.body.id },
      ],
    });
    expect(paper.consultations[0]?.meeting).toMatchObject({
      id: created.body.id,
      location: 'Rathaus, Raum 101',
    });
    const wrong = expectError(
      await w.clerk.post<PaperDto>('/api/papers', {
        type: 'antrag',
        subject: 'x',
        consultations: [
          { committeeId: w.council.id, date: '2024-02-03', role: 'decision', meetingId: created.body.id },
        ],
      }),
      400,
      'validation_failed',
    );
    expect(wrong.details?.issues).toEqual([
      { path: 'consultations.0.meetingId', message: 'Die Sitzung gehört zu einem anderen Gremium.' },
    ]);
    expectError(await w.clerk.delete(`/api/meetings/${created.body.id}`), 409, 'conflict');
  });

  it('checks committee, date, time and duplicates', async () => {
    const bad = expectError(
      await w.admin.post('/api/meetings', {
        committeeId: w.council.id,
        date: '14.03.2024',
        startTime: '25:00',
      }),
      400,
      'validation_failed',
    );
    expect((bad.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['date', 'startTime']);
    expectError(
      await w.admin.post('/api/meetings', { committeeId: MISSING, date: '2024-03-14' }),
      400,
      'validation_failed',
    );
    const ok = await w.admin.post<MeetingDto>('/api/meetings', {
      committeeId: w.council.id,
      date: '2024-03-14',
    });
    expect(ok.status).toBe(201);
    const twice = expectError(
      await w.admin.post('/api/meetings', { committeeId: w.council.id, date: '2024-03-14' }),
      400,
      'validation_failed',
    );
    expect(twice.details?.issues).toEqual([
      { path: 'date', message: 'Dieses Gremium tagt an diesem Tag bereits.' },
    ]);
    expect((await w.admin.delete(`/api/meetings/${ok.body.id}`)).status).toBe(204);
    const other = await createPaperWorld(ctx);
    expect((await other.admin.get<MeetingDto[]>('/api/meetings')).body).toEqual([]);
  });
});
