import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.ts';
import { guestOfToken } from '../services/workshops.ts';
import type { AppEnv } from './context.ts';
import { unauthenticated } from './errors.ts';

/**
 * The workshop participant routes (_P_ in docs/CONTRACT.md): a user's session, or else a
 * workshop guest's cookie. Only these routes read the guest cookie, so everywhere else a guest
 * has no session at all (401); which workshop the guest may open is checked by the service.
 */
export function requireWorkshopActor(context: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = context.cookie.read(c);
    const session = token ? await context.sessions.validate(token) : null;
    if (session) {
      if (session.renewed) context.cookie.write(c, token!, session.expiresAt);
      c.set('user', session.user);
      c.set('workshopActor', { kind: 'user', user: session.user });
      c.set('log', c.get('log').child({ userId: session.user.id }));
      return next();
    }
    const guestToken = context.workshopCookie.read(c);
    const guest = guestToken ? await guestOfToken(context, guestToken) : null;
    if (!guest) {
      if (guestToken) context.workshopCookie.clear(c);
      throw unauthenticated();
    }
    c.set('workshopActor', { kind: 'guest', participant: guest });
    c.set('log', c.get('log').child({ workshopParticipantId: guest.id }));
    return next();
  };
}
