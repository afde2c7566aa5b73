import {
  joinWorkshopInputSchema,
  normaliseJoinCode,
  workshopCodeParamsSchema,
  type WorkshopInvitationDto,
  type WorkshopSessionDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/context.ts';
import { unauthenticated } from '../../http/errors.ts';
import { jsonBody, params } from '../../http/validate.ts';
import { requireWorkshopActor } from '../../http/workshop-auth.ts';
import {
  findInvitation,
  guestOfToken,
  joinWorkshop,
  leaveWorkshop,
  throttledJoin,
  toInvitationDto,
  type WorkshopDeps,
} from '../../services/workshops.ts';

/** `GET /api/workshop-invitations/:code` (no login, throttled per address). */
export function workshopInvitationRoutes(deps: WorkshopDeps) {
  const { context } = deps;
  return new Hono<AppEnv>().get('/:code', params(workshopCodeParamsSchema), async (c) => {
    const code = normaliseJoinCode(c.req.valid('param').code);
    const address = clientAddress(c, context.config.trustProxy);
    const workshop = await throttledJoin(context, address, () => findInvitation(deps, code));
    return c.json(
      toInvitationDto(workshop, context.config.workshopRetentionDays) satisfies WorkshopInvitationDto,
    );
  });
}

/**
 * `POST /api/workshop-sessions` joins by code (no login, throttled per address): a guest gets the
 * `qp_workshop` cookie, a member of the body takes part with their account.
 * `DELETE /api/workshop-sessions/current` ends a guest's session.
 */
export function workshopSessionRoutes(deps: WorkshopDeps) {
  const { context } = deps;
  return new Hono<AppEnv>()
    .post('/', jsonBody(joinWorkshopInputSchema), async (c) => {
      const userToken = context.cookie.read(c);
      const session = userToken ? await context.sessions.validate(userToken) : null;
      const guestToken = context.workshopCookie.read(c);
      const guest = guestToken ? await guestOfToken(context, guestToken) : null;
      const address = clientAddress(c, context.config.trustProxy);
      const joined = await throttledJoin(context, address, () =>
        joinWorkshop(deps, c.req.valid('json'), { user: session?.user ?? null, guest }),
      );
      if (joined.kind === 'guest' && joined.token)
        context.workshopCookie.write(c, joined.token, joined.expiresAt);
      c.get('log').info(
        { event: 'workshop_joined', workshopId: joined.workshop.id, kind: joined.kind },
        'workshop joined',
      );
      const body: WorkshopSessionDto = {
        workshopId: joined.workshop.id,
        self: {
          participantId: joined.participant.id,
          kind: joined.kind,
          displayName: joined.participant.displayName,
          facilitator: false,
        },
      };
      return c.json(body, 201);
    })
    .delete('/current', requireWorkshopActor(context), async (c) => {
      const actor = c.get('workshopActor');
      // A member has no workshop session of their own: their account's session is the one.
      if (actor.kind !== 'guest') throw unauthenticated();
      await leaveWorkshop(deps, actor.participant);
      context.workshopCookie.clear(c);
      return c.body(null, 204);
    });
}
