import { randomUUID } from 'node:crypto';
import { addNeed } from '@quartierplan/collab';
import type {
  SozialraumDto,
  WorkshopCardDto,
  WorkshopDto,
  WorkshopRoundDto,
  WorkshopSessionDto,
} from '@quartierplan/domain';
import { ApiClient } from './client.ts';
import { createSozialraum, createTestBody, createUser, loginAs, type TestUser } from './fixtures.ts';
import type { TestServer } from './server.ts';

/** A body with a Sozialraum, its facilitator (member with edit) and a viewing member. */
export interface WorkshopScene {
  admin: ApiClient;
  facilitator: ApiClient;
  facilitatorUser: TestUser;
  member: ApiClient;
  memberUser: TestUser;
  sozialraum: SozialraumDto;
}

export async function createWorkshopScene(server: TestServer): Promise<WorkshopScene> {
  const body = await createTestBody(server.context.sql);
  const admin = await loginAs(server, body.adminEmail);
  const sozialraum = await createSozialraum(admin);
  const facilitatorUser = await createUser(admin, {
    role: 'member',
    memberships: [{ sozialraumId: sozialraum.id, access: 'edit' }],
  });
  const memberUser = await createUser(admin, {
    role: 'member',
    memberships: [{ sozialraumId: sozialraum.id, access: 'view' }],
  });
  return {
    admin,
    facilitator: await loginAs(server, facilitatorUser.email),
    facilitatorUser,
    member: await loginAs(server, memberUser.email),
    memberUser,
    sozialraum,
  };
}

/** Creates a workshop through the API as the facilitator; throws unless 201. */
export async function createWorkshop(
  facilitator: ApiClient,
  sozialraumId: string,
  input: { title?: string; date?: string; endTime?: string | null } = {},
): Promise<WorkshopDto> {
  const response = await facilitator.post<WorkshopDto>(`/api/sozialraeume/${sozialraumId}/workshops`, {
    title: input.title ?? 'Bedarfsermittlung Jugend',
    date: input.date ?? '2026-12-03',
    ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
  });
  if (response.status !== 201)
    throw new Error(`Creating a workshop failed: ${response.status} ${response.text}`);
  return response.body;
}

/** A phone without an account: joins by code (typed in lower case with the dash, as people do). */
export async function joinAsGuest(
  server: TestServer,
  code: string,
  displayName?: string,
): Promise<{ guest: ApiClient; session: WorkshopSessionDto }> {
  const guest = new ApiClient(server.origin);
  const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
  const response = await guest.post<WorkshopSessionDto>('/api/workshop-sessions', {
    code: typed,
    ...(displayName === undefined ? {} : { displayName }),
  });
  if (response.status !== 201) throw new Error(`Joining failed: ${response.status} ${response.text}`);
  return { guest, session: response.body };
}

export async function addCard(
  client: ApiClient,
  workshopId: string,
  title: string,
): Promise<WorkshopCardDto> {
  const response = await client.post<WorkshopCardDto>(`/api/workshops/${workshopId}/cards`, { title });
  if (response.status !== 201) throw new Error(`Adding a card failed: ${response.status} ${response.text}`);
  return response.body;
}

/**
 * Puts needs into the Sozialraum's needs list the way the server itself writes (through the
 * loaded document), and returns their ids in list order.
 */
export async function seedNeeds(
  server: TestServer,
  sozialraum: SozialraumDto,
  titles: string[],
): Promise<string[]> {
  const ids = titles.map(() => randomUUID());
  const [row] = await server.context.sql<{ bodyId: string }[]>`
    select body_id from sozialraum where id = ${sozialraum.id}`;
  await server.sync.withRoom(
    { id: sozialraum.documents.needs, bodyId: row!.bodyId, sozialraumId: sozialraum.id, kind: 'needs' },
    async (room) => {
      room.applyServerChange((doc) => {
        titles.forEach((title, i) =>
          addNeed(doc, {
            id: ids[i]!,
            title,
            source: 'other',
            createdBy: null,
            createdAt: new Date().toISOString(),
          }),
        );
      }, null);
      await room.flushed();
    },
  );
  return ids;
}

export async function startRound(
  facilitator: ApiClient,
  workshopId: string,
  input: Record<string, unknown>,
): Promise<WorkshopRoundDto> {
  const response = await facilitator.post<WorkshopRoundDto>(`/api/workshops/${workshopId}/rounds`, input);
  if (response.status !== 201)
    throw new Error(`Starting a round failed: ${response.status} ${response.text}`);
  return response.body;
}

export const vote = (client: ApiClient, workshopId: string, roundId: string, needId: string, count: number) =>
  client.post<WorkshopRoundDto>(`/api/workshops/${workshopId}/rounds/${roundId}/votes`, { needId, count });

/** One event of a workshop stream, its data parsed. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** An open `GET …/events` stream as a browser's EventSource would read it. */
export interface EventStream {
  events: StreamEvent[];
  /** Resolves with the first event (from the start) of that name passing `match`. */
  next(event: string, match?: (data: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a workshop's event stream with the client's cookies (user session or guest). */
export async function openEventStream(
  server: TestServer,
  client: ApiClient,
  workshopId: string,
): Promise<EventStream> {
  const cookie = ['qp_session', 'qp_workshop']
    .map((name) => (client.cookie(name) ? `${name}=${client.cookie(name)}` : null))
    .filter(Boolean)
    .join('; ');
  const abort = new AbortController();
  const response = await fetch(`${server.origin}/api/workshops/${workshopId}/events`, {
    headers: { cookie, 'x-forwarded-for': client.address, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`Stream refused: ${response.status}`);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.replace(/^data: ?/, ''))
            .join('\n');
          if (event) events.push({ event, data: JSON.parse(data) });
          for (const wake of waiters) wake();
          split = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    ended,
    next(event, match = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => e.event === event && match(e.data));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.data);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No ${event} event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close() {
      abort.abort();
    },
  };
}
