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
  ReportDto,
  ReportInput,
  TimelineDto,
  UserDto,
} from '@quartierplan/domain';
import { apiRequester } from './client';

/**
 * The implementation API of a measure (docs/CONTRACT.md, "Implementation and transparency"): milestones,
 * progress reports, evaluation, publication and the traceability timeline. Its own module beside the
 * main client, like the notifications, so the measure page's sections can be tested with a fetch stub.
 */
export function implementationApi(fetchImpl: typeof fetch) {
  const send = apiRequester(fetchImpl);
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
  };
}

export type ImplementationApi = ReturnType<typeof implementationApi>;
