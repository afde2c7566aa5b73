import type { MilestoneDto, ReportDto } from '@quartierplan/domain';
import { implementationApi } from '$lib/api/implementation';

/** A milestone as the API answers it, for component tests. */
export function milestoneDto(patch: Partial<MilestoneDto> = {}): MilestoneDto {
  return {
    id: 'ms1',
    measureId: 'm1',
    title: 'Räume angemietet',
    plannedDate: '2026-11-30',
    actualDate: null,
    status: 'planned',
    responsible: 'Lernwerkstatt e. V.',
    responsibleUser: { id: 'u2', name: 'Tamara Träger' },
    position: 0,
    daysLate: 0,
    late: false,
    updatedAt: '2026-11-01T10:00:00Z',
    ...patch,
  };
}

/** A progress report as the API answers it. */
export function reportDto(patch: Partial<ReportDto> = {}): ReportDto {
  return {
    id: 'r1',
    measureId: 'm1',
    date: '2026-11-20',
    text: 'Erste Kurse gestartet.',
    progress: 30,
    author: { id: 'u2', name: 'Tamara Träger' },
    createdAt: '2026-11-20T10:00:00Z',
    ...patch,
  };
}

/** One request the component sent, as the server received it. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * The implementation API as the real client reaches it (through `implementationApi` and its `fetch`):
 * every request is recorded; `answer` decides the reply (by default 200 with `{}`, 204 for DELETE).
 */
export function implementationEndpoint(
  answer: (request: SentRequest) => { status: number; body?: unknown } | undefined = () => undefined,
) {
  const sent: SentRequest[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const request = {
      method,
      path: url.pathname,
      body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined,
    };
    sent.push(request);
    const reply = answer(request) ?? (method === 'DELETE' ? { status: 204 } : { status: 200, body: {} });
    return Promise.resolve(
      reply.status === 204
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(reply.body ?? {}), {
            status: reply.status,
            headers: { 'content-type': 'application/json' },
          }),
    );
  };
  return { api: implementationApi(fetchImpl), sent };
}
