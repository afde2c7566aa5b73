import type { WorkshopCardDto, WorkshopRoundDto } from '@quartierplan/domain';
import { vi } from 'vitest';

/** One request the component made, as the API would receive it. */
export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
}

/** An answer: status and JSON body (errors in the API's one shape). */
export type Answer = { status: number; body?: unknown };

/**
 * Puts a stand-in for the workshop API behind the global `fetch` the components' API client uses
 * (no server runs in component tests); `answer` decides per request, every call is recorded.
 */
export function stubApi(answer: (call: ApiCall) => Answer): ApiCall[] {
  const calls: ApiCall[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const call = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

/** The API's error shape. */
export const apiError = (status: number, code: string, message: string, details: unknown = null) => ({
  status,
  body: { error: { code, message, details } },
});

export function roundDto(patch: Partial<WorkshopRoundDto> = {}): WorkshopRoundDto {
  return {
    id: 'r1',
    number: 1,
    status: 'open',
    dotsPerPerson: 2,
    maxPerItem: null,
    durationSeconds: null,
    liveResults: false,
    startedAt: '2026-12-03T10:00:00Z',
    endsAt: null,
    remainingSeconds: null,
    closedAt: null,
    ballot: [
      { needId: 'n1', title: 'Treffpunkt für Jugendliche' },
      { needId: 'n2', title: 'Sprachcafé für Eltern' },
    ],
    results: null,
    myVotes: {},
    voterCount: 0,
    ...patch,
  };
}

export function cardDto(patch: Partial<WorkshopCardDto> = {}): WorkshopCardDto {
  return {
    id: 'c1',
    title: 'Treffpunkt für Jugendliche',
    description: '',
    status: 'new',
    clusterId: null,
    mergedIntoId: null,
    needId: null,
    authorName: 'Aylin',
    mine: false,
    createdAt: '2026-12-03T10:00:00Z',
    updatedAt: '2026-12-03T10:00:00Z',
    ...patch,
  };
}
