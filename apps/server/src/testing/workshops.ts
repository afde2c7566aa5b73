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
