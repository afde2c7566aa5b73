import { testDatabases } from '@quartierplan/db/testing';
import type { PaperDto, PaperSummaryDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';

describe.each(testDatabases())('paper permissions on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;
  let draft: PaperDto;
  let released: PaperDto;
  let unlinked: PaperDto;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    const measure = await w.plannedMeasure();
    draft = await createPaper(w.clerk, completePaper(w, [(await w.plannedMeasure()).id]));
    released = await releasePaper(w.clerk, (await createPaper(w.admin, completePaper(w, [measure.id]))).id);
    unlinked = await releasePaper(w.clerk, (await createPaper(w.clerk, completePaper(w))).id);
  });

  it('needs a session', async () => {
    const anonymous = new ApiClient(ctx.server.origin);
    expectError(await anonymous.get('/api/papers'), 401, 'unauthenticated');
    expectError(await anonymous.get('/api/oparl/v1.1/system'), 401, 'unauthenticated');
  });

  it('lets only clerks and admins compose, release and record results', async () => {
    expectError(await w.viewer.post('/api/papers', { type: 'antrag', subject: 'x' }), 403, 'forbidden');
    expectError(await w.haspeMember.post('/api/papers', { type: 'antrag', subject: 'x' }), 403, 'forbidden');
    const decision = released.consultations.find((c) => c.role === 'decision')!;
    expectError(
      await w.viewer.post(`/api/papers/${released.id}/consultations/${decision.id}/result`, {
        result: 'decided',
        date: '2024-03-14',
      }),
      403,
      'forbidden',
    );
    expect((await w.viewer.get<PaperDto>(`/api/papers/${released.id}`)).body.permissions).toEqual({
      edit: false,
      release: false,
      recordResults: false,
    });
  });

  it('shows members released papers that link a measure they see, and nothing else', async () => {
    const ids = (client: ApiClient) =>
      client.get<PaperSummaryDto[]>('/api/papers').then((r) => r.body.map((p) => p.id));
    expect(await ids(w.viewer)).toEqual([released.id]);
    expect(await ids(w.haspeMember)).toEqual([]);
    expect(await ids(w.clerk)).toEqual(expect.arrayContaining([draft.id, released.id, unlinked.id]));
    expectError(await w.viewer.get(`/api/papers/${draft.id}`), 404, 'not_found');
    expectError(await w.viewer.get(`/api/papers/${unlinked.id}`), 404, 'not_found');
    expectError(await w.haspeMember.get(`/api/papers/${released.id}`), 404, 'not_found');
    expectError(
      await w.viewer.patch(`/api/papers/${draft.id}`, { subject: 'x' }, { headers: { 'if-match': '1' } }),
      404,
      'not_found',
    );
  });

  it('shows each member only the linked measures of Sozialräume they see', async () => {
    const inAltenhagen = await w.plannedMeasure('Quartiersbüro Altenhagen');
    const inHaspe = await w.plannedMeasure('Geheimes Vorhaben Haspe', { sozialraumIds: [w.haspe.id] });
    const paper = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [inAltenhagen.id, inHaspe.id]))).id,
    );
    const titles = async (client: ApiClient) =>
      (await client.get<PaperDto>(`/api/papers/${paper.id}`)).body.measures.map((m) => m.title).sort();
    expect(await titles(w.viewer)).toEqual(['Quartiersbüro Altenhagen']);
    expect(await titles(w.haspeMember)).toEqual(['Geheimes Vorhaben Haspe']);
    expect(await titles(w.clerk)).toEqual(['Geheimes Vorhaben Haspe', 'Quartiersbüro Altenhagen']);
    const exported = await w.viewer.get(`/api/oparl/v1.1/papers/${paper.id}`);
    expect(exported.text).not.toContain('Geheimes Vorhaben Haspe');
  });

  it('never shows another body anything: 404 for every paper route', async () => {
    const other = await createPaperWorld(ctx);
    const decision = released.consultations[1]!;
    expect((await other.admin.get<PaperSummaryDto[]>('/api/papers')).body).toEqual([]);
    for (const response of [
      await other.admin.get(`/api/papers/${released.id}`),
      await other.clerk.patch(`/api/papers/${draft.id}`, { subject: 'x' }, { headers: { 'if-match': '1' } }),
      await other.clerk.post(`/api/papers/${draft.id}/release`),
      await other.clerk.post(`/api/papers/${released.id}/consultations/${decision.id}/result`, {
        result: 'decided',
        date: '2024-03-14',
      }),
      await other.clerk.get(`/api/papers/${released.id}/export?format=oparl`),
      await other.clerk.get(`/api/oparl/v1.1/papers/${released.id}`),
    ]) {
      expectError(response, 404, 'not_found');
    }
    const foreign = expectError(
      await other.clerk.post('/api/papers', { ...completePaper(w), measureIds: [] }),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(foreign.details)).toContain('Dieses Gremium gibt es nicht.');
  });
});
