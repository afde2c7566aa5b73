import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import {
  openWorkshop,
  requireFacilitator,
  type WorkshopAccess,
  type WorkshopDeps,
} from '../../services/workshops.ts';

/** Route environment: the workshop as the requester may use it, loaded before the body is read. */
export interface WorkshopEnv {
  Variables: AppEnv['Variables'] & { access: WorkshopAccess };
}

/** The origin join URLs are built on: PUBLIC_ORIGIN, else the request's own. */
export const requestOrigin = (context: AppContext, c: Context) =>
  context.config.publicOrigin ?? new URL(c.req.url).origin;

/**
 * Loads the workshop of `:id` for the requester (404/403, 401 for another workshop's guest);
 * `facilitator` also demands the facilitator. Runs before the body is validated: authorise first.
 */
export function loadWorkshop(
  deps: WorkshopDeps,
  options: { facilitator: boolean },
): MiddlewareHandler<WorkshopEnv> {
  return async (c, next) => {
    const actor = c.get('workshopActor') ?? { kind: 'user' as const, user: c.get('user') };
    const access = await openWorkshop(deps, actor, c.req.param('id')!, requestOrigin(deps.context, c));
    if (options.facilitator) requireFacilitator(access);
    c.set('access', access);
    await next();
  };
}

/**
 * The guards every workshop route is built from, in this order: the session (`participant`: user
 * or the workshop's guest; `user`: user only), the `:id` check, then the workshop for the
 * requester. Sub-routers in files of their own (events.ts, export.ts) take them from here.
 */
export interface WorkshopGuards {
  participant: MiddlewareHandler<WorkshopEnv>;
  user: MiddlewareHandler<WorkshopEnv>;
  workshopId: MiddlewareHandler<WorkshopEnv>;
  asParticipant: MiddlewareHandler<WorkshopEnv>;
  asFacilitator: MiddlewareHandler<WorkshopEnv>;
}
