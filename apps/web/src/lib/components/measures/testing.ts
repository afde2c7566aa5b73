import type { MeasureDto, TransitionInput } from '@quartierplan/domain';
import { createApi } from '$lib/api/client';

/** A stored measure as the API answers it, for component tests. */
export function measureDto(patch: Partial<MeasureDto> = {}): MeasureDto {
  return {
    id: 'm1',
    title: 'Sprachcafé',
    description: '',
    status: 'planned',
    deferredFrom: null,
    cityWide: false,
    sozialraumIds: ['s1'],
    sozialraeume: [{ id: 's1', code: 'S01', name: 'Altenhagen' }],
    handlungsfeld: '',
    responsibleDepartment: '',
    provider: '',
    targetGroup: '',
    costOneOff: null,
    costYearly: null,
    fundingSource: null,
    fundingProgramme: '',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    goals: [],
    progress: 0,
    decisionDate: null,
    paperReference: null,
    needIds: [],
    needs: [],
    public: false,
    version: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    permissions: { edit: true, transitions: ['in_consultation', 'deferred'], corrections: [] },
    ...patch,
  };
}

/** An error answer in the API's one shape. */
export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * `POST /api/measures/:id/transitions` as the real API client reaches it (through `createApi` and
 * its `fetch`), answering like the server: the measure in its new status, one version on; a queued
 * `refusals` entry answers the next call with that error instead.
 */
export function transitionsEndpoint(measures: MeasureDto[]) {
  const calls: { id: string; input: TransitionInput }[] = [];
  const refusals: ErrorAnswer[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const id = /^\/api\/measures\/([^/]+)\/transitions$/.exec(url.pathname)?.[1];
    const measure = measures.find((m) => m.id === id);
    if (init?.method !== 'POST' || !id || !measure) return Promise.resolve(json(404, { error: {} }));
    const body = JSON.parse(String(init.body)) as TransitionInput;
    calls.push({ id, input: body });
    const refusal = refusals.shift();
    if (refusal) {
      const { status, ...error } = refusal;
      return Promise.resolve(json(status, { error: { details: null, ...error } }));
    }
    return Promise.resolve(json(200, { ...measure, status: body.to, version: measure.version + 1 }));
  };
  return { api: createApi(fetchImpl), calls, refusals };
}
