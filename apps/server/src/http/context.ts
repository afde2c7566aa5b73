import type { Principal } from '@quartierplan/domain';
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
  };
}
