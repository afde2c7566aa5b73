import type {
  EvaluationIndicatorDto,
  EvaluationIndicatorInput,
  EvaluationIndicatorPatch,
  ImplementationDto,
  MeasureDto,
  MentionablePersonDto,
  MilestoneDto,
  MilestoneInput,
  MilestonePatch,
  PublicMeasureDto,
  PublicMeasuresDto,
  ReportDto,
  ReportInput,
  TimelineDto,
  UserDto,
  WorkplanDto,
} from '@quartierplan/domain';
import { apiExchanger, apiRequester, nextLink } from './client';

/** The filters of the work plan; empty strings mean "all". */
export interface WorkplanFilters {
  sozialraumId: string;
  programme: string;
}

/** The query string of the work plan (and its export) for these filters, without empty ones. */
export function workplanQuery(filters: WorkplanFilters, format?: 'pdf' | 'xlsx'): string {
  const params = new URLSearchParams();
  if (filters.sozialraumId) params.set('sozialraumId', filters.sozialraumId);
  if (filters.programme) params.set('programme', filters.programme);
  if (format) params.set('format', format);
  return params.toString();
}

/** Where the work plan is downloaded as a file (an API address: the browser follows it as a download). */
export const workplanExportUrl = (filters: WorkplanFilters, format: 'pdf' | 'xlsx'): string =>
  `/api/workplan/export?${workplanQuery(filters, format)}`;

/** The released paper that decided a public measure, as PDF, for anyone. */
export const publicPaperPdfUrl = (paperId: string): string =>
  `/api/public/papers/${encodeURIComponent(paperId)}/export?format=pdf`;

/** Most pages of public measures read for one page view (500 each): bounds a broken `Link` loop. */
const PUBLIC_PAGES_MAX = 20;

/**
 * The implementation API (docs/CONTRACT.md, "Implementation and transparency"): a measure's milestones,
 * progress reports, evaluation, publication and traceability timeline; the work plan; the public list. Its own module beside the
 * main client, like the notifications, so the measure page's sections can be tested with a fetch stub.
 */
export function implementationApi(fetchImpl: typeof fetch) {
  const send = apiRequester(fetchImpl);
  const exchange = apiExchanger(fetchImpl);
  const request = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    send<T>(method, path, body, {});
  const base = (measureId: string) => `/measures/${encodeURIComponent(measureId)}`;

  return {
    get: (measureId: string) => request<ImplementationDto>('GET', `${base(measureId)}/implementation`),
    timeline: (measureId: string) => request<TimelineDto>('GET', `${base(measureId)}/timeline`),

    createMilestone: (measureId: string, input: MilestoneInput) =>
      request<MilestoneDto>('POST', `${base(measureId)}/milestones`, input),
    updateMilestone: (measureId: string, id: string, input: MilestonePatch) =>
      request<MilestoneDto>('PATCH', `${base(measureId)}/milestones/${id}`, input),
    deleteMilestone: (measureId: string, id: string) =>
      request<void>('DELETE', `${base(measureId)}/milestones/${id}`),
    reorderMilestones: (measureId: string, ids: string[]) =>
      request<MilestoneDto[]>('PUT', `${base(measureId)}/milestones/order`, { ids }),

    createReport: (measureId: string, input: ReportInput) =>
      request<ReportDto>('POST', `${base(measureId)}/reports`, input),
    deleteReport: (measureId: string, id: string) =>
      request<void>('DELETE', `${base(measureId)}/reports/${id}`),

    createEvaluation: (measureId: string, input: EvaluationIndicatorInput) =>
      request<EvaluationIndicatorDto>('POST', `${base(measureId)}/evaluation`, input),
    updateEvaluation: (measureId: string, id: string, input: EvaluationIndicatorPatch) =>
      request<EvaluationIndicatorDto>('PATCH', `${base(measureId)}/evaluation/${id}`, input),
    deleteEvaluation: (measureId: string, id: string) =>
      request<void>('DELETE', `${base(measureId)}/evaluation/${id}`),

    setPublication: (measureId: string, visible: boolean) =>
      request<MeasureDto>('PUT', `${base(measureId)}/publication`, { public: visible }),

    /** Everyone who may read a document (a Sozialraum's action plan: its members), for the reminder picker. */
    documentPeople: (docId: string) =>
      request<MentionablePersonDto[]>('GET', `/documents/${encodeURIComponent(docId)}/people`),
    /** The body's accounts (admins only). */
    users: () => request<UserDto[]>('GET', '/users'),

    /** `GET /api/workplan` for the filters. */
    workplan: (filters: WorkplanFilters): Promise<WorkplanDto> => {
      const query = workplanQuery(filters);
      return request<WorkplanDto>('GET', `/workplan${query ? `?${query}` : ''}`);
    },
    /**
     * Every public measure of a body (`bodyId`, or the installation's only body), page after page through the
     * `Link` header, so the page's filters see all of them.
     */
    publicMeasures: async (bodyId: string | null): Promise<PublicMeasuresDto> => {
      const first = `/public/measures?${new URLSearchParams({
        ...(bodyId ? { bodyId } : {}),
        limit: '500',
      }).toString()}`;
      const read = (path: string) => exchange<PublicMeasuresDto>('GET', path, undefined, {});
      const following = (headers: Headers): string | null => {
        const next = nextLink(headers.get('link'));
        return next?.startsWith('/api/public/measures?') ? next.slice('/api'.length) : null;
      };
      const answer = await read(first);
      const measures: PublicMeasureDto[] = [...answer.body.measures];
      let target = following(answer.headers);
      for (let pages = 1; target && pages < PUBLIC_PAGES_MAX; pages++) {
        const page = await read(target);
        measures.push(...page.body.measures);
        target = following(page.headers);
      }
      return { body: answer.body.body, measures };
    },
  };
}

export type ImplementationApi = ReturnType<typeof implementationApi>;
