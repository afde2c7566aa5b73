import {
  berlinToday,
  type MeasureDto,
  type PaperDto,
  type PaperEventDto,
  type PaperSummaryDto,
} from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';

/** `YYYY-MM-DD` shifted by whole days, computed in UTC so no time zone moves it. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe.each(testDatabases())('decision guard rails on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
  });

  const result = (paper: PaperDto, index: number, body: Record<string, unknown>) =>
    w.clerk.post<PaperDto>(
      `/api/papers/${paper.id}/consultations/${paper.consultations[index]!.id}/result`,
      body,
    );

  it('refuses result dates in the future and leaves the measures where they are; today in Berlin is fine', async () => {
    const measure = await w.plannedMeasure();
    const paper = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [measure.id]))).id,
    );
    const today = berlinToday();
    const future = expectError(
      await result(paper, 1, { result: 'decided', date: addDays(today, 1) }),
      422,
      'validation_failed',
    );
    expect(future.message).toContain('nicht in der Zukunft');
    expect(future.details?.issues).toEqual([{ path: 'date', message: future.message }]);
    expect((await w.admin.get<MeasureDto>(`/api/measures/${measure.id}`)).body.status).toBe(
      'in_consultation',
    );
    expect((await w.clerk.get<PaperDto>(`/api/papers/${paper.id}`)).body.consultations[1]?.result).toBeNull();

    const decided = await result(paper, 1, { result: 'decided', date: today });
    expect(decided.status).toBe(200);
    expect(decided.body.consultations[1]).toMatchObject({ result: 'decided', resultDate: today });
  });

  it('keeps the results before the decision as they are once the deciding committee has decided', async () => {
    const paper = await releasePaper(w.clerk, (await createPaper(w.clerk, completePaper(w))).id);
    expect((await result(paper, 0, { result: 'postponed', date: '2024-02-01' })).status).toBe(200);
    // Changing an earlier result is fine while the decision is open, also after a postponement.
    expect((await result(paper, 1, { result: 'postponed', date: '2024-03-14' })).status).toBe(200);
    expect((await result(paper, 0, { result: 'recommended', date: '2024-02-15' })).status).toBe(200);
    expect((await result(paper, 1, { result: 'decided', date: '2024-04-11' })).status).toBe(200);
    const locked = expectError(
      await result(paper, 0, { result: 'rejected', date: '2024-02-15' }),
      409,
      'conflict',
    );
    expect(locked.message).toContain('bereits beschlossen');
    expect((await w.clerk.get<PaperDto>(`/api/papers/${paper.id}`)).body.consultations[0]).toMatchObject({
      result: 'recommended',
      resultDate: '2024-02-15',
    });
  });
});

describe.each(testDatabases())('deleting draft papers on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
  });

  const sequence = (reference: string) => Number(reference.split('/')[0]);

  it('deletes a draft for good, records who deleted which reference, and never hands the number out again', async () => {
    const measure = await w.plannedMeasure();
    const draft = await createPaper(w.clerk, completePaper(w, [measure.id]));
    const deleted = await w.clerk.delete(`/api/papers/${draft.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectError(await w.clerk.get(`/api/papers/${draft.id}`), 404, 'not_found');
    expectError(await w.clerk.delete(`/api/papers/${draft.id}`), 404, 'not_found');
    const list = await w.admin.get<PaperSummaryDto[]>('/api/papers');
    expect(list.body.map((p) => p.id)).not.toContain(draft.id);
    // The linked measure is untouched and can go into the next paper.
    expect((await w.admin.get<MeasureDto>(`/api/measures/${measure.id}`)).body.status).toBe('planned');

    const next = await createPaper(w.clerk, completePaper(w, [measure.id]));
    expect(sequence(next.reference)).toBe(sequence(draft.reference) + 1);

    const events = await w.admin.get<PaperEventDto[]>('/api/papers/events');
    expect(events.status).toBe(200);
    expect(events.body[0]).toMatchObject({
      kind: 'deleted',
      paperId: draft.id,
      reference: draft.reference,
      subject: draft.subject,
      actor: { name: expect.any(String) },
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(events.body[0]!.actor.id).not.toBeNull();
    expectError(await w.clerk.get('/api/papers/events'), 403, 'forbidden');
  });

  it('lets admins delete drafts too, keeps released papers (409)', async () => {
    const draft = await createPaper(w.clerk, completePaper(w));
    expect((await w.admin.delete(`/api/papers/${draft.id}`)).status).toBe(204);
    const measure = await w.plannedMeasure();
    const released = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [measure.id]))).id,
    );
    const refused = expectError(await w.clerk.delete(`/api/papers/${released.id}`), 409, 'conflict');
    expect(refused.message).toContain('gelöscht werden nur Entwürfe');
    expect((await w.clerk.get(`/api/papers/${released.id}`)).status).toBe(200);
    expect(
      (await w.admin.get<PaperEventDto[]>('/api/papers/events')).body.map((e) => e.paperId),
    ).not.toContain(released.id);
  });

  it('refuses members (403, also for papers they read) and other bodies (404)', async () => {
    const measure = await w.plannedMeasure();
    const released = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [measure.id]))).id,
    );
    expect((await w.viewer.get(`/api/papers/${released.id}`)).status).toBe(200);
    expectError(await w.viewer.delete(`/api/papers/${released.id}`), 403, 'forbidden');
    const draft = await createPaper(w.clerk, completePaper(w));
    expectError(await w.viewer.delete(`/api/papers/${draft.id}`), 403, 'forbidden');
    expectError(await w.viewer.get('/api/papers/events'), 403, 'forbidden');

    const other = await createPaperWorld(ctx);
    expectError(await other.clerk.delete(`/api/papers/${draft.id}`), 404, 'not_found');
    expectError(await other.admin.delete(`/api/papers/${draft.id}`), 404, 'not_found');
    expect((await other.admin.get<PaperEventDto[]>('/api/papers/events')).body).toEqual([]);
    expect((await w.clerk.get(`/api/papers/${draft.id}`)).status).toBe(200);
    expectError(await w.clerk.delete('/api/papers/not-a-uuid'), 404, 'not_found');
  });
});

describe.each(testDatabases())('Beratungsfolge date order on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
  });

  it('refuses a Beratungsfolge running backwards until the clerk confirms it (POST and PATCH)', async () => {
    const backwards = [
      { committeeId: w.council.id, date: '2024-03-14', role: 'decision' },
      { committeeId: w.jha.id, date: '2024-02-01', role: 'preliminary' },
    ];
    const body = { type: 'beschlussvorlage', subject: 'Rückwärts', consultations: backwards };
    const refused = expectError(await w.clerk.post('/api/papers', body), 422, 'confirmation_required');
    expect(refused.message).toContain('Beratung 2 (01.02.2024) liegt vor Beratung 1 (14.03.2024)');
    expect(refused.details).toMatchObject({
      reason: 'date_order',
      confirmWith: 'confirmDateOrder',
      consultations: [
        {
          index: 1,
          date: '2024-02-01',
          committeeId: w.jha.id,
          previousIndex: 0,
          previousDate: '2024-03-14',
          previousCommitteeId: w.council.id,
        },
      ],
      issues: [{ path: 'consultations.1.date', message: expect.stringContaining('rückwärts') }],
    });
    expect((await w.clerk.get<PaperSummaryDto[]>('/api/papers')).body).toEqual([]);

    const confirmed = await createPaper(w.clerk, { ...body, confirmDateOrder: true });
    expect(confirmed.consultations.map((c) => c.date)).toEqual(['2024-03-14', '2024-02-01']);

    const draft = await createPaper(w.clerk, { type: 'antrag', subject: 'Vorwärts' });
    const patch = (payload: Record<string, unknown>, version: number) =>
      w.clerk.patch<PaperDto>(`/api/papers/${draft.id}`, payload, {
        headers: { 'if-match': `"${version}"` },
      });
    expectError(await patch({ consultations: backwards }, draft.version), 422, 'confirmation_required');
    expect((await w.clerk.get<PaperDto>(`/api/papers/${draft.id}`)).body.consultations).toEqual([]);
    const saved = await patch({ consultations: backwards, confirmDateOrder: true }, draft.version);
    expect(saved.status).toBe(200);
    expect(saved.body.consultations).toHaveLength(2);
    // Edits that leave the Beratungsfolge alone do not ask again.
    expect((await patch({ subject: 'Neu' }, saved.body.version)).status).toBe(200);
    expectError(
      await w.clerk.post('/api/papers', { ...body, confirmDateOrder: 'ja' }),
      400,
      'validation_failed',
    );
  });
});
