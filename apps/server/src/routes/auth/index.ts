import { loginInputSchema, type LoginResponseDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { jsonBody } from '../../http/validate.ts';
import { login, logout } from '../../services/auth.ts';

/** `POST /api/auth/login`, `POST /api/auth/logout`. */
export function authRoutes(context: AppContext) {
  const { cookie, config } = context;
  return new Hono<AppEnv>()
    .post('/login', jsonBody(loginInputSchema), async (c) => {
      const { user, session } = await login(
        context,
        c.req.valid('json'),
        clientAddress(c, config.trustProxy),
        c.get('log'),
      ).catch((error: unknown) => {
        const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
        if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
        throw error;
      });
      cookie.write(c, session.token, session.expiresAt);
      c.get('log').info({ event: 'login', userId: user.id }, 'login');
      return c.json(user satisfies LoginResponseDto);
    })
    .post('/logout', async (c) => {
      const token = cookie.read(c);
      if (token) await logout(context, token);
      cookie.clear(c);
      return c.body(null, 204);
    });
}
