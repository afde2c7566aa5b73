import type {
  CreateMeasureInput,
  MeasureDashboardDto,
  MeasureDto,
  MeasureEventDto,
  MeasureStatus,
  UpdateMeasureInput,
} from '@quartierplan/domain';
import { apiRequester } from '$lib/api/client';
import { filtersToSearchParams, type MeasureFilters } from './filters';

/** A need of a Sozialraum as `GET /api/sozialraeume/:id/needs` lists it (the fields measures use). */
export interface SozialraumNeed {
  id: string;
  title: string;
  status: string;
  measureIds: string[];
}

/** What `POST /api/measures/:id/transitions` takes besides the target. */
export interface TransitionRequest {
  to: MeasureStatus;
  comment?: string;
  decisionDate?: string;
  paperReference?: string;
}

/** The measures part of the API, on the shared requester (same `/api` paths, same `ApiError`). */
export function createMeasureApi(fetchImpl: typeof fetch) {
  const requestWithHeaders = apiRequester(fetchImpl);
  const request = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    requestWithHeaders<T>(method, path, body, headers);

  return {
    listMeasures: (filters: MeasureFilters) => {
      const query = filtersToSearchParams(filters).toString();
      return request<MeasureDto[]>('GET', `/measures${query ? `?${query}` : ''}`);
    },
    getMeasure: (id: string) => request<MeasureDto>('GET', `/measures/${id}`),
    createMeasure: (input: CreateMeasureInput) => request<MeasureDto>('POST', '/measures', input),
    /** Changes fields of the measure as of `version`; someone else's change in between → 409. */
    updateMeasure: (id: string, version: number, input: UpdateMeasureInput) =>
      request<MeasureDto>('PATCH', `/measures/${id}`, input, { 'if-match': String(version) }),
    /**
     * Moves the measure. No If-Match: the server checks the transition against the current
     * status, so an edit of, say, the description in between does not block a status change.
     */
    transitionMeasure: (id: string, input: TransitionRequest) =>
      request<MeasureDto>('POST', `/measures/${id}/transitions`, input),
    measureEvents: (id: string) => request<MeasureEventDto[]>('GET', `/measures/${id}/events`),
    measureDashboard: (staleDays: number) =>
      request<MeasureDashboardDto>('GET', `/measures/dashboard?staleDays=${staleDays}`),
    sozialraumNeeds: (sozialraumId: string) =>
      request<SozialraumNeed[]>('GET', `/sozialraeume/${sozialraumId}/needs`),
  };
}

export type MeasureApi = ReturnType<typeof createMeasureApi>;
