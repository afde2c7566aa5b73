import type { Principal, WorkshopParticipant } from '@quartierplan/domain';
import type { Logger } from 'pino';

/** The authenticated user of a request, with what authorisation needs. */
export interface CurrentUser extends Principal {
  email: string;
  name: string;
  bodyName: string;
  sessionId: string;
}

/** Hono environment shared by every route module. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    user: CurrentUser;
    /** Set on workshop participant routes: a user's session or a workshop guest's. */
    workshopActor: WorkshopActor;
  };
}

/** Who calls a workshop participant route: a user with a session, or a guest of that workshop. */
export type WorkshopActor =
  { kind: 'user'; user: CurrentUser } | { kind: 'guest'; participant: WorkshopParticipant };
