import type {
  CitableFigureDto,
  CitationDto,
  CitationInput,
  DisclosureSettings,
  DocumentCitationDto,
  PaperCitationDto,
} from '@quartierplan/domain';
import type {
  AuthConfigDto,
  EraseUserInput,
  AccessibilityFeedbackDto,
  AccessibilityFeedbackInput,
  AccessibilityStatementDto,
  ChangeOwnPasswordInput,
  CommitteeDto,
  CreateCommitteeInput,
  CreateSozialraumInput,
  CreateUserInput,
  DocumentDto,
  DocumentRestoreDto,
  DocumentVersionContentDto,
  DocumentVersionDto,
  ErrorBody,
  FieldIssue,
  IndicatorDto,
  IndicatorImportDto,
  IndicatorInput,
  IndicatorValuesDto,
  UpdateIndicatorInput,
  Page,
  LoginInput,
  LogoutResponseDto,
  MeDto,
  SetMembershipsInput,
  SozialraumDto,
  SozialraumProfileDto,
  UpdateSozialraumInput,
  UpdateUserInput,
  UserDto,
} from '@quartierplan/domain';
import type {
  ConsultationResultInput,
  CreateMeasureInput,
  CreateMeetingInput,
  CreatePaperInput,
  MeasureDashboardDto,
  MeasureDto,
  MeasureEventDto,
  MeetingDto,
  PaperDto,
  PaperPrefillDto,
  PaperSettingsDto,
  PaperSettingsInput,
  PaperSummaryDto,
  SozialraumNeedDto,
  TransitionInput,
  UpdateMeasureInput,
  UpdatePaperInput,
} from '@quartierplan/domain';
import type {
  AcceptCardDto,
  ClusterInput,
  CreateCardInput,
  CreateWorkshopInput,
  JoinWorkshopInput,
  RoundResultDto,
  StartRoundInput,
  UpdateCardInput,
  UpdateWorkshopInput,
  VoteInput,
  WorkshopCardDto,
  WorkshopClusterDto,
  WorkshopDto,
  WorkshopInvitationDto,
  WorkshopParticipantDto,
  WorkshopRoundDto,
  WorkshopSessionDto,
  WorkshopStateDto,
} from '@quartierplan/domain';
import type {
  BoundaryInput,
  OfferDto,
  OfferInput,
  PublicOffersDto,
  SozialraumFeatureCollection,
} from '@quartierplan/domain';
import { MEASURES_PAGE_MAX } from '@quartierplan/domain';

import { filtersToSearchParams, type MeasureFilters } from '../measures/filters';
import { paperFiltersToSearchParams, type PaperFilters } from '../papers/filters';

/** An error answer of the API, with its code and (for invalid input) the field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems by field path (`email`, `memberships`, …). */
  get fieldErrors(): Record<string, string> {
    const issues = (this.details?.issues as FieldIssue[] | undefined) ?? [];
    const errors: Record<string, string> = {};
    for (const issue of issues) errors[issue.path || '_'] ??= issue.message;
    return errors;
  }
}

type Fetch = typeof fetch;

/**
 * `If-Match` for a record `version`: the entity tag the server sends as `ETag` (`"3"`), quoted as HTTP
 * wants it, for every versioned record alike.
 */
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * One request to the API on the same origin (`/api`), with the one error shape turned into
 * `ApiError`, so every call answers errors alike.
 */
export function apiExchanger(fetchImpl: Fetch) {
  return async function exchange<T>(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<{ body: T; headers: Headers }> {
    let response: Response;
    try {
      response = await fetchImpl(`/api${path}`, {
        method,
        // A form (file upload) sets its own multipart content type with the boundary.
        headers:
          body === undefined || body instanceof FormData
            ? headers
            : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(
        0,
        'network',
        'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
        null,
      );
    }
    if (response.status === 204) return { body: undefined as T, headers: response.headers };
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
    return { body: parsed as T, headers: response.headers };
  };
}

/** `apiExchanger` for callers that need only the answer's body. */
export function apiRequester(fetchImpl: Fetch) {
  const exchange = apiExchanger(fetchImpl);
  return async <T>(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<T> => (await exchange<T>(method, path, body, headers)).body;
}

/** The `rel="next"` target of an RFC 8288 Link header, if any. */
export function nextLink(header: string | null): string | null {
  for (const part of header?.split(',') ?? []) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(match[2]!)) return match[1]!;
  }
  return null;
}

/**
 * One page of a paged list (`GET /api/measures`, `/api/papers`, …): the first, or the one a previous page's
 * `next` names. Only links into the same list are followed: the header comes from our server, a link elsewhere
 * would be a bug.
 */
export function pageReader(fetchImpl: Fetch) {
  const exchange = apiExchanger(fetchImpl);
  return async function readPage<T>(path: string, next?: string | null): Promise<Page<T>> {
    const listPath = path.split('?')[0]!;
    const target = next?.startsWith(`/api${listPath}?`) ? next.slice('/api'.length) : path;
    const answer = await exchange<T[]>('GET', target, undefined, {});
    return { items: answer.body, next: nextLink(answer.headers.get('link')) };
  };
}

/**
 * The typed client of the Quartierplan API. In the browser it calls `/api` on the same origin;
 * in server-side loads SvelteKit's `fetch` is passed in and `handleFetch` routes it internally.
 */
export function createApi(fetchImpl: Fetch) {
  const requestWithHeaders = apiRequester(fetchImpl);
  const request = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    requestWithHeaders<T>(method, path, body, {});
  const readPage = pageReader(fetchImpl);

  return {
    login: (input: LoginInput) => request<{ id: string }>('POST', '/auth/login', input),
    /** For a single sign-on session: where to end the session at the provider too (`endSessionUrl`). */
    logout: () => request<LogoutResponseDto | undefined>('POST', '/auth/logout'),
    authConfig: () => request<AuthConfigDto>('GET', '/auth/config'),
    me: () => request<MeDto>('GET', '/me'),
    changeOwnPassword: (input: ChangeOwnPasswordInput) => request<void>('POST', '/me/password', input),

    sozialraumGeometry: () => request<SozialraumFeatureCollection>('GET', '/sozialraeume/geometry'),
    setBoundary: (id: string, boundary: BoundaryInput | null) =>
      request<void>('PUT', `/sozialraeume/${id}/geometry`, boundary),
    listOffers: () => request<OfferDto[]>('GET', '/offers'),
    createOffer: (input: OfferInput) => request<OfferDto>('POST', '/offers', input),
    updateOffer: (id: string, input: Partial<OfferInput>) =>
      request<OfferDto>('PATCH', `/offers/${id}`, input),
    deleteOffer: (id: string) => request<void>('DELETE', `/offers/${id}`),
    publicOffers: (bodyId?: string | null) =>
      request<PublicOffersDto>(
        'GET',
        `/public/offers${bodyId ? `?bodyId=${encodeURIComponent(bodyId)}` : ''}`,
      ),
    getAccessibilityStatement: () => request<AccessibilityStatementDto>('GET', '/accessibility'),
    updateAccessibilityStatement: (statement: string) =>
      request<AccessibilityStatementDto>('PUT', '/accessibility', { statement }),
    sendAccessibilityFeedback: (input: AccessibilityFeedbackInput) =>
      request<{ id: string }>('POST', '/accessibility/feedback', input),
    listAccessibilityFeedback: () => request<AccessibilityFeedbackDto[]>('GET', '/accessibility/feedback'),
    deleteAccessibilityFeedback: (id: string) => request<void>('DELETE', `/accessibility/feedback/${id}`),

    listUsers: () => request<UserDto[]>('GET', '/users'),
    getUser: (id: string) => request<UserDto>('GET', `/users/${id}`),
    createUser: (input: CreateUserInput) => request<{ id: string }>('POST', '/users', input),
    updateUser: (id: string, input: UpdateUserInput) => request<UserDto>('PATCH', `/users/${id}`, input),
    setMemberships: (id: string, input: SetMembershipsInput) =>
      request<UserDto>('PUT', `/users/${id}/memberships`, input),
    resetPassword: (id: string, password: string) =>
      request<void>('POST', `/users/${id}/password`, { password }),
    endSessions: (id: string) => request<void>('DELETE', `/users/${id}/sessions`),
    /** DSGVO Art. 17: the admin confirms with the person's address. */
    eraseUser: (id: string, input: EraseUserInput) => request<void>('POST', `/users/${id}/erase`, input),

    listSozialraeume: (includeArchived = false) =>
      request<SozialraumDto[]>('GET', `/sozialraeume${includeArchived ? '?includeArchived=true' : ''}`),
    getSozialraum: (id: string) => request<SozialraumDto>('GET', `/sozialraeume/${id}`),
    createSozialraum: (input: CreateSozialraumInput) =>
      request<SozialraumDto>('POST', '/sozialraeume', input),
    updateSozialraum: (id: string, input: UpdateSozialraumInput) =>
      request<SozialraumDto>('PATCH', `/sozialraeume/${id}`, input),
    profile: (id: string) => request<SozialraumProfileDto>('GET', `/sozialraeume/${id}/profile`),

    getDocument: (docId: string) => request<DocumentDto>('GET', `/documents/${docId}`),
    listVersions: (docId: string) => request<DocumentVersionDto[]>('GET', `/documents/${docId}/versions`),
    createVersion: (docId: string, name: string) =>
      request<DocumentVersionDto>('POST', `/documents/${docId}/versions`, { name }),
    getVersion: (docId: string, versionId: string) =>
      request<DocumentVersionContentDto>('GET', `/documents/${docId}/versions/${versionId}`),
    restoreVersion: (docId: string, versionId: string) =>
      request<DocumentRestoreDto>('POST', `/documents/${docId}/versions/${versionId}/restore`),

    listCommittees: () => request<CommitteeDto[]>('GET', '/committees'),

    listIndicators: () => request<IndicatorDto[]>('GET', '/indicators'),
    indicator: (id: string) => request<IndicatorDto>('GET', `/indicators/${id}`),
    createIndicator: (input: IndicatorInput) => request<IndicatorDto>('POST', '/indicators', input),
    updateIndicator: (id: string, input: UpdateIndicatorInput) =>
      request<IndicatorDto>('PATCH', `/indicators/${id}`, input),
    deleteIndicator: (id: string) => request<void>('DELETE', `/indicators/${id}`),
    indicatorValues: (id: string, date?: string) =>
      request<IndicatorValuesDto>(
        'GET',
        `/indicators/${id}/values${date ? `?date=${encodeURIComponent(date)}` : ''}`,
      ),
    /** A statistics table (multipart: file, date, namePrefix, kind, unit): a preview, or stored with `commit`. */
    importIndicators: (form: FormData, commit: boolean) =>
      request<IndicatorImportDto>('POST', `/indicators/import${commit ? '?commit=true' : ''}`, form),
    createCommittee: (input: CreateCommitteeInput) => request<CommitteeDto>('POST', '/committees', input),

    /** The first page of the papers the filters let through, or the page a previous one's `next` names. */
    listPapers: (filters?: PaperFilters, next?: string | null) => {
      const query = filters ? paperFiltersToSearchParams(filters).toString() : '';
      return readPage<PaperSummaryDto>(query ? `/papers?${query}` : '/papers', next);
    },
    getPaper: (id: string) => request<PaperDto>('GET', `/papers/${id}`),
    createPaper: (input: CreatePaperInput) => request<PaperDto>('POST', '/papers', input),
    /** Saves a draft; `version` is the one the form was loaded with (sent as If-Match). */
    updatePaper: (id: string, version: number, input: UpdatePaperInput) =>
      requestWithHeaders<PaperDto>('PATCH', `/papers/${id}`, input, ifMatch(version)),
    deletePaper: (id: string) => request<void>('DELETE', `/papers/${id}`),
    releasePaper: (id: string, version: number) =>
      requestWithHeaders<PaperDto>('POST', `/papers/${id}/release`, undefined, ifMatch(version)),
    recordConsultationResult: (id: string, consultationId: string, input: ConsultationResultInput) =>
      request<PaperDto>('POST', `/papers/${id}/consultations/${consultationId}/result`, input),
    /** The Auszug aus der Niederschrift of one consultation; "" removes it. */
    setConsultationMinutes: (id: string, consultationId: string, text: string) =>
      request<PaperDto>('PUT', `/papers/${id}/consultations/${consultationId}/minutes`, { text }),
    paperPrefill: (measureIds: readonly string[]) =>
      request<PaperPrefillDto>(
        'GET',
        `/papers/prefill?measureIds=${measureIds.map(encodeURIComponent).join(',')}`,
      ),
    getPaperSettings: () => request<PaperSettingsDto>('GET', '/papers/settings'),
    updatePaperSettings: (input: PaperSettingsInput) =>
      request<PaperSettingsDto>('PUT', '/papers/settings', input),
    listMeetings: () => request<MeetingDto[]>('GET', '/meetings'),
    createMeeting: (input: CreateMeetingInput) => request<MeetingDto>('POST', '/meetings', input),
    deleteMeeting: (id: string) => request<void>('DELETE', `/meetings/${id}`),

    /** The first page of the measures the filters let through, or the page a previous one's `next` names. */
    listMeasures: (filters?: MeasureFilters, next?: string | null, limit?: number) => {
      const query = filters ? filtersToSearchParams(filters) : new URLSearchParams();
      if (limit) query.set('limit', String(limit));
      const search = query.toString();
      return readPage<MeasureDto>(`/measures${search ? `?${search}` : ''}`, next);
    },
    /** Every measure the user sees, page after page (for pickers that offer all of them). */
    listAllMeasures: async () => {
      const all: MeasureDto[] = [];
      let next: string | null = null;
      do {
        const page: Page<MeasureDto> = await readPage<MeasureDto>(
          `/measures?limit=${MEASURES_PAGE_MAX}`,
          next,
        );
        all.push(...page.items);
        next = page.next;
      } while (next);
      return all;
    },
    getMeasure: (id: string) => request<MeasureDto>('GET', `/measures/${id}`),
    createMeasure: (input: CreateMeasureInput) => request<MeasureDto>('POST', '/measures', input),
    /** Changes fields of the measure as of `version`; someone else's change in between → 409. */
    updateMeasure: (id: string, version: number, input: UpdateMeasureInput) =>
      requestWithHeaders<MeasureDto>('PATCH', `/measures/${id}`, input, ifMatch(version)),
    /**
     * Moves the measure. No If-Match: the server checks the transition against the current
     * status, so an edit of, say, the description in between does not block a status change.
     */
    transitionMeasure: (id: string, input: TransitionInput) =>
      request<MeasureDto>('POST', `/measures/${id}/transitions`, input),
    measureEvents: (id: string) => request<MeasureEventDto[]>('GET', `/measures/${id}/events`),
    measureDashboard: (staleDays: number) =>
      request<MeasureDashboardDto>('GET', `/measures/dashboard?staleDays=${staleDays}`),
    sozialraumNeeds: (sozialraumId: string) =>
      request<SozialraumNeedDto[]>('GET', `/sozialraeume/${sozialraumId}/needs`),

    getPrivacyContact: () => request<{ contact: string }>('GET', '/body/privacy'),
    getDisclosure: () => request<DisclosureSettings>('GET', '/body/disclosure'),
    updateDisclosure: (threshold: number) =>
      request<DisclosureSettings>('PUT', '/body/disclosure', { threshold }),

    listDocumentCitations: (docId: string) =>
      request<DocumentCitationDto[]>('GET', `/documents/${docId}/citations`),
    citableFigure: (docId: string, input: CitationInput) =>
      request<CitableFigureDto>(
        'GET',
        `/documents/${docId}/citable-figure?${new URLSearchParams({
          indicatorId: input.indicatorId,
          date: input.date,
          ...(input.sozialraumId ? { sozialraumId: input.sozialraumId } : {}),
        }).toString()}`,
      ),
    citeFigure: (docId: string, needId: string, input: CitationInput) =>
      request<CitationDto>(
        'POST',
        `/documents/${docId}/needs/${encodeURIComponent(needId)}/citations`,
        input,
      ),
    removeCitation: (docId: string, needId: string, id: string) =>
      request<void>('DELETE', `/documents/${docId}/needs/${encodeURIComponent(needId)}/citations/${id}`),
    paperCitations: (paperId: string) => request<PaperCitationDto[]>('GET', `/papers/${paperId}/citations`),
    updatePrivacyContact: (contact: string) =>
      request<{ contact: string }>('PUT', '/body/privacy', { contact }),

    listWorkshops: (sozialraumId: string) =>
      request<WorkshopDto[]>('GET', `/sozialraeume/${sozialraumId}/workshops`),
    createWorkshop: (sozialraumId: string, input: CreateWorkshopInput) =>
      request<WorkshopDto>('POST', `/sozialraeume/${sozialraumId}/workshops`, input),
    getWorkshop: (id: string) => request<WorkshopDto>('GET', `/workshops/${id}`),
    updateWorkshop: (id: string, input: UpdateWorkshopInput) =>
      request<WorkshopDto>('PATCH', `/workshops/${id}`, input),
    closeWorkshop: (id: string) => request<WorkshopDto>('POST', `/workshops/${id}/close`),
    workshopState: (id: string) => request<WorkshopStateDto>('GET', `/workshops/${id}/state`),
    workshopInvitation: (code: string) =>
      request<WorkshopInvitationDto>('GET', `/workshop-invitations/${encodeURIComponent(code)}`),
    joinWorkshop: (input: JoinWorkshopInput) =>
      request<WorkshopSessionDto>('POST', '/workshop-sessions', input),
    leaveWorkshop: () => request<void>('DELETE', '/workshop-sessions/current'),
    listParticipants: (id: string) =>
      request<WorkshopParticipantDto[]>('GET', `/workshops/${id}/participants`),
    removeParticipant: (id: string, participantId: string) =>
      request<void>('DELETE', `/workshops/${id}/participants/${participantId}`),
    addCard: (id: string, input: CreateCardInput) =>
      request<WorkshopCardDto>('POST', `/workshops/${id}/cards`, input),
    updateCard: (id: string, cardId: string, input: UpdateCardInput) =>
      request<WorkshopCardDto>('PATCH', `/workshops/${id}/cards/${cardId}`, input),
    deleteCard: (id: string, cardId: string) => request<void>('DELETE', `/workshops/${id}/cards/${cardId}`),
    mergeCard: (id: string, cardId: string, intoCardId: string) =>
      request<WorkshopCardDto>('POST', `/workshops/${id}/cards/${cardId}/merge`, { intoCardId }),
    acceptCard: (id: string, cardId: string) =>
      request<AcceptCardDto>('POST', `/workshops/${id}/cards/${cardId}/accept`),
    createCluster: (id: string, input: ClusterInput) =>
      request<WorkshopClusterDto>('POST', `/workshops/${id}/clusters`, input),
    startRound: (id: string, input: StartRoundInput) =>
      request<WorkshopRoundDto>('POST', `/workshops/${id}/rounds`, input),
    /** `pause`, `resume` or `close` a round (facilitator). */
    roundAction: (id: string, roundId: string, action: 'pause' | 'resume' | 'close') =>
      request<WorkshopRoundDto>('POST', `/workshops/${id}/rounds/${roundId}/${action}`),
    vote: (id: string, roundId: string, input: VoteInput) =>
      request<WorkshopRoundDto>('POST', `/workshops/${id}/rounds/${roundId}/votes`, input),
    roundResults: (id: string, roundId: string) =>
      request<RoundResultDto[]>('GET', `/workshops/${id}/rounds/${roundId}/results`),
  };
}

export type Api = ReturnType<typeof createApi>;
