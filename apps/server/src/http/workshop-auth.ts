import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.ts';
import { guestOfToken } from '../services/workshops.ts';
import type { AppEnv } from './context.ts';
import { unauthenticated } from './errors.ts';

/**
 * The workshop participant routes (_P_ in docs/CONTRACT.md): a workshop guest's cookie or a
 * user's session. Only these routes read the guest cookie, so everywhere else a guest has no
 * session at all (401); which workshop the guest may open is checked by the service.
 *
 * The guest cookie of the workshop asked for wins over a user session: someone with an account
 * that does not reach this Sozialraum (another body, no membership) joins as a guest on the
 * same browser and must go on as that guest.
 */
export function requireWorkshopActor(context: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const guestToken = context.workshopCookie.read(c);
    const guest = guestToken ? await guestOfToken(context, guestToken) : null;
    if (guestToken && !guest) context.workshopCookie.clear(c);
    const workshopId = c.req.param('id') as string | undefined;
    const asGuest = () => {
      c.set('workshopActor', { kind: 'guest', participant: guest! });
      c.set('log', c.get('log').child({ workshopParticipantId: guest!.id }));
      return next();
    };
    if (guest && (workshopId === undefined || workshopId === guest.workshopId)) return asGuest();

    const token = context.cookie.read(c);
    const session = token ? await context.sessions.validate(token) : null;
    if (session) {
      if (session.renewed) context.cookie.write(c, token!, session.expiresAt);
      c.set('user', session.user);
      c.set('workshopActor', { kind: 'user', user: session.user });
      c.set('log', c.get('log').child({ userId: session.user.id }));
      return next();
    }
    // A guest of another workshop: the service answers 401 for it.
    if (guest) return asGuest();
    throw unauthenticated();
  };
}
