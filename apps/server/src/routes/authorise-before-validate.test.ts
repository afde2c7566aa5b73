import { testDatabases } from '@quartierplan/db/testing';
import type { MeasureDto, PaperDto } from '@quartierplan/domain';
import { beforeAll, describe, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../testing/papers.ts';
import { useTestServer } from '../testing/server.ts';

// Someone who may not write learns nothing from validation errors: malformed input from them is 403 (or
// 404 when they may not even read the thing), and only those allowed to write get 400 field details.
describe.each(testDatabases())('authorisation before validation on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;
  let measure: MeasureDto;
  let draft: PaperDto;
  let released: PaperDto;
  let decision: string;
  const ifMatch = (version: number) => ({ headers: { 'if-match': String(version) } });

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    measure = await w.plannedMeasure();
    draft = await createPaper(w.clerk, completePaper(w, [(await w.plannedMeasure()).id]));
    released = await releasePaper(w.clerk, (await createPaper(w.clerk, completePaper(w, [measure.id]))).id);
    decision = released.consultations.find((c) => c.role === 'decision')!.id;
  });

  it('papers: readers get 403, those who cannot read 404, composers 400', async () => {
    expectError(await w.viewer.post('/api/papers', { type: 7 }), 403, 'forbidden');
    expectError(await w.haspeMember.post('/api/papers', {}), 403, 'forbidden');
    expectError(
      await w.viewer.patch(`/api/papers/${released.id}`, { subject: 7 }, ifMatch(released.version)),
      403,
      'forbidden',
    );
    expectError(
      await w.viewer.patch(`/api/papers/${draft.id}`, { subject: 7 }, ifMatch(draft.version)),
      404,
      'not_found',
    );
    expectError(
      await w.viewer.post(`/api/papers/${released.id}/consultations/${decision}/result`, {
        result: 'vielleicht',
      }),
      403,
      'forbidden',
    );
    expectError(await w.clerk.post('/api/papers', { type: 7 }), 400, 'validation_failed');
    expectError(
      await w.clerk.post(`/api/papers/${released.id}/consultations/${decision}/result`, {
        result: 'vielleicht',
      }),
      400,
      'validation_failed',
    );
  });

  it('measures: those without the right get 403 for malformed input, those with it 400', async () => {
    expectError(await w.viewer.post('/api/measures', { title: 7 }), 403, 'forbidden');
    expectError(await w.clerk.post('/api/measures', {}), 403, 'forbidden');
    expectError(
      await w.viewer.patch(`/api/measures/${measure.id}`, { title: 7 }, ifMatch(measure.version)),
      403,
      'forbidden',
    );
    expectError(
      await w.haspeMember.patch(`/api/measures/${measure.id}`, { title: 7 }, ifMatch(measure.version)),
      403,
      'forbidden',
    );
    expectError(await w.viewer.post(`/api/measures/${measure.id}/transitions`, { to: 7 }), 403, 'forbidden');
    expectError(await w.haspeMember.post('/api/measures', { title: 7 }), 400, 'validation_failed');
    expectError(
      await w.admin.patch(`/api/measures/${measure.id}`, { title: 7 }, ifMatch(measure.version)),
      400,
      'validation_failed',
    );
    expectError(
      await w.admin.post(`/api/measures/${measure.id}/transitions`, { to: 7 }),
      400,
      'validation_failed',
    );
  });

  it('versions: a reader gets 403 for a malformed version, an editor 400', async () => {
    const docId = w.altenhagen.documents.actionPlan;
    expectError(await w.viewer.post(`/api/documents/${docId}/versions`, { name: 7 }), 403, 'forbidden');
    expectError(await w.haspeMember.post(`/api/documents/${docId}/versions`, { name: 7 }), 403, 'forbidden');
    expectError(
      await w.admin.post(`/api/documents/${docId}/versions`, { name: 7 }),
      400,
      'validation_failed',
    );
  });
});
