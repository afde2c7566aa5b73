import type { Role } from '@quartierplan/domain';
import type { MiddlewareHandler } from 'hono';
import type { SessionService } from '../auth/sessions.ts';
import type { AppEnv } from './context.ts';
import { forbidden, unauthenticated } from './errors.ts';
import type { SessionCookie } from './session-cookie.ts';

/** Resolves the session cookie to the current user, or answers 401. */
export function requireUser(sessions: SessionService, cookie: SessionCookie): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = cookie.read(c);
    const session = token ? await sessions.validate(token) : null;
    if (!session) {
      if (token) cookie.clear(c);
      throw unauthenticated();
    }
    if (session.renewed) cookie.write(c, token!, session.expiresAt);
    c.set('user', session.user);
    c.set('log', c.get('log').child({ userId: session.user.id }));
    await next();
  };
}

/** Answers 403 unless the current user holds one of the roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('user').role)) throw forbidden();
    await next();
  };
}
