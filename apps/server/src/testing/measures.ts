import type { MeasureDto, MeasureLiveEventDto } from '@quartierplan/domain';
import type { ApiClient } from './client.ts';
import { checkDocumentedEvent, checkDocumentedResponse } from './contract.ts';
import type { TestServer } from './server.ts';

/** Creates a measure through the API; throws unless 201. */
export async function createMeasure(client: ApiClient, input: Record<string, unknown>): Promise<MeasureDto> {
  const response = await client.post<MeasureDto>('/api/measures', input);
  if (response.status !== 201)
    throw new Error(`Creating a measure failed: ${response.status} ${response.text}`);
  return response.body;
}

/** Runs transitions one after another as the client; throws unless each answers 200. */
export async function walk(
  client: ApiClient,
  id: string,
  steps: (string | Record<string, unknown>)[],
): Promise<MeasureDto> {
  let last: MeasureDto | undefined;
  for (const step of steps) {
    const body = typeof step === 'string' ? { to: step } : step;
    const response = await client.post<MeasureDto>(`/api/measures/${id}/transitions`, body);
    if (response.status !== 200)
      throw new Error(`Transition ${JSON.stringify(body)}: ${response.status} ${response.text}`);
    last = response.body;
  }
  return last!;
}

/** Complete transition data for the steps that need it. */
export const DECIDED = { to: 'decided', decisionDate: '2023-06-27', paperReference: '0745/2023' };

/** One Server-Sent Event as the stream delivered it. */
export interface SseMessage {
  event: string;
  id: string | null;
  data: string;
}

/** A real HTTP client of `GET /api/measures/events/stream`, with the user's cookie. */
export interface MeasureStream {
  status: number;
  contentType: string | null;
  messages: SseMessage[];
  /** Resolves with the first message (already received or arriving) that matches. */
  next(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** The `measure` events received so far, parsed. */
  measureEvents(): MeasureLiveEventDto[];
  close(): void;
}

function cookieHeader(client: ApiClient): string {
  return ['qp_session', '__Host-qp_session']
    .map((name) => (client.cookie(name) ? `${name}=${client.cookie(name)}` : null))
    .filter(Boolean)
    .join('; ');
}

const STREAM_PATH = '/api/measures/events/stream';

export async function openMeasureStream(server: TestServer, client: ApiClient): Promise<MeasureStream> {
  const controller = new AbortController();
  const response = await fetch(`${server.origin}${STREAM_PATH}`, {
    headers: { cookie: cookieHeader(client), accept: 'text/event-stream', 'x-forwarded-for': client.address },
    signal: controller.signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  checkDocumentedResponse(
    'GET',
    STREAM_PATH,
    response.status,
    contentType,
    response.status >= 400 ? await response.json() : null,
  );
  // Every event a test looks at is checked against the document.
  const documented = (message: SseMessage) => {
    if (message.event !== 'heartbeat') checkDocumentedEvent(STREAM_PATH, message.event, message.data);
    return message;
  };
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body?.getReader();
  if (reader && contentType.startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message: SseMessage = { event: 'message', id: null, data: '' };
            const data: string[] = [];
            let comment = true;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              comment = false;
              const [field, ...rest] = line.split(':');
              const value = rest.join(':').replace(/^ /, '');
              if (field === 'event') message.event = value;
              if (field === 'id') message.id = value;
              if (field === 'data') data.push(value);
            }
            message.data = data.join('\n');
            messages.push(comment ? { event: 'heartbeat', id: null, data: block } : message);
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    messages,
    next(match, timeoutMs = 1000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          try {
            resolve(documented(found));
          } catch (error) {
            reject(error as Error);
          }
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    measureEvents: () =>
      messages
        .filter((m) => m.event === 'measure')
        .map((m) => JSON.parse(documented(m).data) as MeasureLiveEventDto),
    close: () => controller.abort(),
  };
}
