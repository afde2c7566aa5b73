import {
  berlinToday,
  type MeasureDto,
  type MeasureEventDto,
  type PaperDto,
  type PaperSummaryDto,
} from '@quartierplan/domain';
import { writeActionPlanJson } from '@quartierplan/collab/editor';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually } from '../../testing/sync-clients.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';

const YEAR = berlinToday().slice(0, 4);
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(testDatabases())('papers API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
  });

  it('creates with the contract body: 201, reference NNNN/YYYY, draft, version 1', async () => {
    const response = await w.clerk.post<PaperDto>('/api/papers', {
      type: 'beschlussvorlage',
      subject: 'Quartiersbüro',
      decisionProposal: ['Der Rat beschließt.'],
      consultations: [{ committeeId: w.council.id, date: '2024-03-14', role: 'decision' }],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({
      type: 'beschlussvorlage',
      status: 'draft',
      reference: expect.stringMatching(new RegExp(`^\\d{4}/${YEAR}$`)),
      subject: 'Quartiersbüro',
      decisionProposal: ['Der Rat beschließt.'],
      consultations: [
        {
          committee: { id: w.council.id, name: 'Rat der Stadt' },
          date: '2024-03-14',
          role: 'decision',
          order: 0,
        },
      ],
      version: 1,
      permissions: { edit: true, release: true, recordResults: false },
    });
    const read = await w.clerk.get<PaperDto>(`/api/papers/${response.body.id}`);
    expect(read.body).toEqual(response.body);
    const list = await w.clerk.get<PaperSummaryDto[]>('/api/papers');
    expect(list.body.map((p) => p.id)).toContain(response.body.id);
  });

  it('gives 20 concurrent POSTs 20 distinct references', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        w.clerk.post<PaperDto>('/api/papers', { type: 'antrag', subject: `Antrag ${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const references = responses.map((r) => r.body.reference);
    expect(new Set(references).size).toBe(20);
    const numbers = references.map((r) => Number(r.split('/')[0])).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });

  it('writes references in the body’s format (OO/SSS/YYYY takes the office number)', async () => {
    const world = await createPaperWorld(ctx);
    expectError(
      await world.clerk.put('/api/papers/settings', { referenceFormat: 'OO/SSS/YYYY' }),
      403,
      'forbidden',
    );
    expect((await world.admin.put('/api/papers/settings', { referenceFormat: 'OO/SSS/YYYY' })).status).toBe(
      200,
    );
    const haan = await createPaper(world.clerk, {
      type: 'antrag',
      subject: 'x',
      originatingOffice: '50 Sozialamt',
    });
    expect(haan.reference).toBe(`50/001/${YEAR}`);
    const missing = expectError(
      await world.clerk.post('/api/papers', { type: 'antrag', subject: 'x' }),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(missing.details)).toContain('Amt mit Nummer');
  });

  it('updates a draft with If-Match; stale → 409, missing → 428', async () => {
    const paper = await createPaper(w.clerk, { type: 'beschlussvorlage', subject: 'Entwurf' });
    expectError(
      await w.clerk.patch(`/api/papers/${paper.id}`, { subject: 'Neu' }),
      428,
      'precondition_required',
    );
    const ok = await w.clerk.patch<PaperDto>(
      `/api/papers/${paper.id}`,
      { subject: 'Neu', consultations: [{ committeeId: w.jha.id, date: '2024-01-10', role: 'information' }] },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ subject: 'Neu', version: 2, consultations: [{ role: 'information' }] });
    expectError(
      await w.clerk.patch(`/api/papers/${paper.id}`, { subject: 'Alt' }, { headers: { 'if-match': '1' } }),
      409,
      'conflict',
    );
  });

  it('checks the mandatory sections before release, then freezes the paper', async () => {
    const paper = await createPaper(w.clerk, { type: 'beschlussvorlage', subject: 'Unvollständig' });
    const incomplete = expectError(
      await w.clerk.post(`/api/papers/${paper.id}/release`),
      422,
      'validation_failed',
    );
    const paths = (incomplete.details?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'originatingOffice',
        'decisionProposal',
        'consultations',
        'justification',
        'signatures',
      ]),
    );

    const complete = await createPaper(w.clerk, completePaper(w));
    const released = await releasePaper(w.clerk, complete.id);
    expect(released).toMatchObject({
      status: 'released',
      version: 2,
      permissions: { edit: false, recordResults: true },
    });
    const frozen = expectError(
      await w.clerk.patch(
        `/api/papers/${complete.id}`,
        { subject: 'Später' },
        { headers: { 'if-match': '2' } },
      ),
      409,
      'conflict',
    );
    expect(frozen.message).toMatch(/ist freigegeben und kann nicht mehr geändert werden/);
    expectError(await w.clerk.post(`/api/papers/${complete.id}/release`), 409, 'conflict');
    expect((await w.clerk.get<PaperDto>(`/api/papers/${complete.id}`)).body.subject).toBe(
      'Netzwerkkoordination Altenhagen',
    );

    const supplement = await createPaper(w.clerk, {
      type: 'beschlussvorlage',
      subject: 'Ergänzung',
      supplementTo: complete.id,
    });
    expect(supplement.supplementTo).toEqual({ id: complete.id, reference: complete.reference });
    expect((await w.clerk.get<PaperDto>(`/api/papers/${complete.id}`)).body.supplements).toEqual([
      { id: supplement.id, reference: supplement.reference },
    ]);
    expectError(
      await w.clerk.post('/api/papers', { type: 'antrag', subject: 'x', supplementTo: supplement.id }),
      400,
      'validation_failed',
    );
  });

  it('moves the linked measures: into consultation on release, decided with reference and date by the council', async () => {
    const a = await w.plannedMeasure('Quartiersbüro');
    const b = await w.plannedMeasure('Elterncafé');
    const paper = await createPaper(w.clerk, completePaper(w, [a.id, b.id]));
    const released = await releasePaper(w.clerk, paper.id);
    expect(released.measures.map((m) => m.status)).toEqual(['in_consultation', 'in_consultation']);

    const [preliminary, decision] = released.consultations;
    expectError(
      await w.clerk.post(`/api/papers/${paper.id}/consultations/${decision!.id}/result`, {
        result: 'passed',
        date: '2024-03-14',
      }),
      400,
      'validation_failed',
    );
    const recommended = await w.clerk.post<PaperDto>(
      `/api/papers/${paper.id}/consultations/${preliminary!.id}/result`,
      { result: 'recommended', date: '2024-02-01' },
    );
    expect(recommended.status).toBe(200);
    expect(recommended.body.measures.map((m) => m.status)).toEqual(['in_consultation', 'in_consultation']);

    const decided = await w.clerk.post<PaperDto>(
      `/api/papers/${paper.id}/consultations/${decision!.id}/result`,
      { result: 'decided_amended', date: '2024-03-14' },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.consultations[1]).toMatchObject({
      result: 'decided_amended',
      resultDate: '2024-03-14',
    });
    for (const id of [a.id, b.id]) {
      const measure = (await w.admin.get<MeasureDto>(`/api/measures/${id}`)).body;
      expect(measure).toMatchObject({
        status: 'decided',
        decisionDate: '2024-03-14',
        paperReference: paper.reference,
      });
      const events = (await w.admin.get<MeasureEventDto[]>(`/api/measures/${id}/events`)).body;
      expect(events.at(-1)).toMatchObject({
        kind: 'transition',
        fromStatus: 'in_consultation',
        toStatus: 'decided',
      });
    }
    expectError(
      await w.clerk.post(`/api/papers/${paper.id}/consultations/${decision!.id}/result`, {
        result: 'rejected',
        date: '2024-03-15',
      }),
      409,
      'conflict',
    );
  });

  it('rejects all measures or none: one measure out of consultation rolls the whole result back', async () => {
    const a = await w.plannedMeasure();
    const b = await w.plannedMeasure();
    const paper = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [a.id, b.id]))).id,
    );
    expect(
      (
        await w.admin.post(`/api/measures/${b.id}/transitions`, {
          to: 'deferred',
          comment: 'Haushaltssperre',
        })
      ).status,
    ).toBe(200);
    const decision = paper.consultations.find((c) => c.role === 'decision')!;
    const blocked = expectError(
      await w.clerk.post(`/api/papers/${paper.id}/consultations/${decision.id}/result`, {
        result: 'rejected',
        date: '2024-03-14',
      }),
      422,
      'invalid_transition',
    );
    expect(blocked.message).toMatch(/nicht in Beratung/);
    expect((await w.admin.get<MeasureDto>(`/api/measures/${a.id}`)).body.status).toBe('in_consultation');
    expect((await w.clerk.get<PaperDto>(`/api/papers/${paper.id}`)).body.consultations[1]?.result).toBeNull();

    expect((await w.admin.post(`/api/measures/${b.id}/transitions`, { to: 'in_consultation' })).status).toBe(
      200,
    );
    const rejected = await w.clerk.post<PaperDto>(
      `/api/papers/${paper.id}/consultations/${decision.id}/result`,
      { result: 'rejected', date: '2024-03-14' },
    );
    expect(rejected.body.measures.map((m) => m.status)).toEqual(['rejected', 'rejected']);
  });

  it('releases exactly the version the clerk reviewed (If-Match): a later edit is not frozen unseen', async () => {
    const draft = await createPaper(w.clerk, completePaper(w, []));
    const edited = await w.admin.patch<PaperDto>(
      `/api/papers/${draft.id}`,
      { subject: 'Geänderter Betreff' },
      { headers: { 'if-match': `"${draft.version}"` } },
    );
    expect(edited.status).toBe(200);
    const stale = expectError(
      await w.clerk.post(
        `/api/papers/${draft.id}/release`,
        {},
        { headers: { 'if-match': `"${draft.version}"` } },
      ),
      409,
      'conflict',
    );
    expect(stale.message).toContain('inzwischen geändert');
    expect((await w.clerk.get<PaperDto>(`/api/papers/${draft.id}`)).body.status).toBe('draft');
    const released = await w.clerk.post<PaperDto>(
      `/api/papers/${draft.id}/release`,
      {},
      {
        headers: { 'if-match': `"${edited.body.version}"` },
      },
    );
    expect(released.status).toBe(200);
    expect(released.body.subject).toBe('Geänderter Betreff');
  });

  it('refuses to release a paper for decision whose measures could never take the decision', async () => {
    const planned = await w.plannedMeasure();
    const early = await w.plannedMeasure('Noch zurückgestellt');
    expect(
      (await w.admin.post(`/api/measures/${early.id}/transitions`, { to: 'deferred', comment: 'später' }))
        .status,
    ).toBe(200);
    const draft = await createPaper(w.clerk, completePaper(w, [planned.id, early.id]));
    const refused = expectError(
      await w.clerk.post(`/api/papers/${draft.id}/release`, {}),
      422,
      'invalid_transition',
    );
    expect(refused.message).toContain('„Noch zurückgestellt“ steht auf „zurückgestellt“');
    // Nothing moved, nothing frozen.
    expect((await w.admin.get<MeasureDto>(`/api/measures/${planned.id}`)).body.status).toBe('planned');
    expect((await w.clerk.get<PaperDto>(`/api/papers/${draft.id}`)).body.status).toBe('draft');
  });

  it('records results only on released papers and for its own consultations', async () => {
    const draft = await createPaper(w.clerk, completePaper(w));
    const id = draft.consultations[0]!.id;
    expectError(
      await w.clerk.post(`/api/papers/${draft.id}/consultations/${id}/result`, {
        result: 'recommended',
        date: '2024-02-01',
      }),
      409,
      'conflict',
    );
    expectError(
      await w.clerk.post(`/api/papers/${draft.id}/consultations/${MISSING}/result`, {
        result: 'recommended',
        date: '2024-02-01',
      }),
      404,
      'not_found',
    );
  });

  it('answers bad input with clear German errors', async () => {
    const malformed = expectError(
      await w.clerk.post('/api/papers', undefined, {
        body: '{"type":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expect(malformed.message).toMatch(/kein gültiges JSON/);
    const unknown = expectError(
      await w.clerk.post('/api/papers', {
        type: 'beschlussvorlage',
        subject: 'x',
        measureIds: [MISSING],
        consultations: [{ committeeId: MISSING, date: '2024-01-01', role: 'decision' }],
      }),
      400,
      'validation_failed',
    );
    expect(unknown.details?.issues).toEqual([
      { path: 'consultations.0.committeeId', message: 'Dieses Gremium gibt es nicht.' },
    ]);
    const measure = expectError(
      await w.clerk.post('/api/papers', { type: 'antrag', subject: 'x', measureIds: [MISSING] }),
      400,
      'validation_failed',
    );
    expect(measure.details?.issues).toEqual([
      { path: 'measureIds.0', message: 'Diese Maßnahme gibt es nicht.' },
    ]);
    const dates = expectError(
      await w.clerk.post('/api/papers', {
        type: 'antrag',
        subject: 'x',
        consultations: [{ committeeId: w.council.id, date: '2024-02-30', role: 'decision' }],
      }),
      400,
      'validation_failed',
    );
    expect(dates.details?.issues).toEqual([
      { path: 'consultations.0.date', message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' },
    ]);
    const big = await w.clerk.post('/api/papers', {
      type: 'antrag',
      subject: 'x',
      summary: 'ä'.repeat(600_000),
    });
    expectError(big, 413, 'payload_too_large');
    const long = expectError(
      await w.clerk.post('/api/papers', { type: 'antrag', subject: 'x'.repeat(2_001) }),
      400,
      'validation_failed',
    );
    expect(long.details?.issues).toEqual([{ path: 'subject', message: 'Höchstens 2000 Zeichen.' }]);
    expectError(await w.clerk.get('/api/papers/not-a-uuid'), 404, 'not_found');
  });

  it('prefills the Ausgangslage from the action plan as it stands, without comments or suggestions', async () => {
    const editor = connectSyncClient(ctx.server, w.admin, w.altenhagen.documents.actionPlan);
    await editor.synced;
    const data = { authorId: 'u', authorName: 'Anna Amtmann', at: '2026-12-01T09:30:00.000Z' };
    writeActionPlanJson(editor.doc, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Viele Familien', marks: [{ type: 'comment', attrs: { threadId: 't1' } }] },
            {
              type: 'text',
              text: ' und Senioren',
              marks: [{ type: 'insertion', attrs: { id: 's1', data } }],
            },
            { type: 'text', text: ' seit Jahren', marks: [{ type: 'deletion', attrs: { id: 's2', data } }] },
          ],
        },
      ],
    });
    const measure = await w.plannedMeasure('Beratungsstelle');
    try {
      await eventually(async () => {
        const response = await w.clerk.get<{ justification: unknown }>(
          `/api/papers/prefill?measureIds=${measure.id}`,
        );
        expect(response.status).toBe(200);
        const justification = JSON.stringify(response.body.justification);
        expect(justification).toContain('Viele Familien');
        expect(justification).toContain(' seit Jahren');
        expect(justification).not.toContain('Senioren');
        expect(justification).not.toMatch(/comment|insertion|deletion/);
      });
    } finally {
      editor.destroy();
    }
  });

  it('prefills a draft from measures and their Sozialräume', async () => {
    const a = await w.plannedMeasure('Quartiersbüro', { costOneOff: 1000.5, responsibleDepartment: 'FB 55' });
    const b = await w.plannedMeasure('Elterncafé', { costYearly: 200 });
    const response = await w.clerk.get<Record<string, unknown>>(
      `/api/papers/prefill?measureIds=${a.id},${b.id}`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      subject: 'Umsetzung der Maßnahmen „Quartiersbüro“ und „Elterncafé“',
      decisionProposal: [
        'Der Umsetzung der Maßnahme „Quartiersbüro“ wird zugestimmt.',
        'Der Umsetzung der Maßnahme „Elterncafé“ wird zugestimmt.',
        'Die Verwaltung wird beauftragt, über den Stand der Umsetzung zu berichten.',
      ],
      participatingOffices: ['FB 55'],
      financialImpact: { kind: 'costs', oneOffCents: 100_050, annualCents: 20_000 },
      measures: [{ id: a.id }, { id: b.id }],
    });
    expect(JSON.stringify(response.body.justification)).toContain('Beschreibung der Maßnahme.');
    expectError(await w.viewer.get(`/api/papers/prefill?measureIds=${a.id}`), 403, 'forbidden');
    expectError(await w.clerk.get('/api/papers/prefill?measureIds='), 400, 'validation_failed');
  });
});
