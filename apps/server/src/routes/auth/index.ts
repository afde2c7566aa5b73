import {
  loginInputSchema,
  type AuthConfigDto,
  type LoginResponseDto,
  type LogoutResponseDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { sessionIdFromToken } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { requireLocalPasswords } from '../../http/local-passwords.ts';
import { jsonBody } from '../../http/validate.ts';
import { login, logout } from '../../services/auth.ts';
import { oidcRoutes, productOrigin } from './oidc.ts';

/** `GET /api/auth/config`, `POST /api/auth/login`, `POST /api/auth/logout`, `/api/auth/oidc/*`. */
export function authRoutes(context: AppContext) {
  const { cookie, config } = context;
  return new Hono<AppEnv>()
    .get('/config', (c) =>
      c.json({
        localPasswords: config.localPasswords,
        oidc: config.oidc ? { name: config.oidc.providerName } : null,
      } satisfies AuthConfigDto),
    )
    .post('/login', requireLocalPasswords(context), jsonBody(loginInputSchema), async (c) => {
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
      const sso = token ? await context.sessions.oidcOf(sessionIdFromToken(token)) : null;
      if (token) await logout(context, token);
      cookie.clear(c);
      if (sso?.sso && context.oidc) {
        // RP-initiated logout: the page sends the browser on to end the provider's session too.
        const endSessionUrl = await context.oidc
          .endSessionUrl(sso.idToken, `${productOrigin(c, config.publicOrigin)}/login`)
          .catch((error: unknown) => {
            c.get('log').warn({ err: error }, 'no end-session URL: the provider did not answer');
            return null;
          });
        if (endSessionUrl) return c.json({ endSessionUrl } satisfies LogoutResponseDto);
      }
      return c.body(null, 204);
    })
    .route('/oidc', oidcRoutes(context));
}
