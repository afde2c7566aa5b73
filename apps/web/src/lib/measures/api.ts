import type {
  CreateMeasureInput,
  ErrorBody,
  MeasureDashboardDto,
  MeasureDto,
  MeasureEventDto,
  MeasureStatus,
  UpdateMeasureInput,
} from '@quartierplan/domain';
import { ApiError } from '$lib/api/client';
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

/**
 * The measures part of the API. It lives beside the shared client (same error type, same
 * same-origin `/api` paths) because it needs request headers the shared client does not send:
 * `If-Match` carries the version a PATCH was based on.
 */
export function createMeasureApi(fetchImpl: typeof fetch) {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`/api${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(
        0,
        'network',
        'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
        null,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const error = (parsed as ErrorBody | null)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'unknown',
        error?.message ?? `Unerwartete Antwort des Servers (${response.status}).`,
        error?.details ?? null,
      );
    }
    return parsed as T;
  }

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
