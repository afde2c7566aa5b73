import { oidcLoginQuerySchema, safeNext, type SsoFailure } from '@quartierplan/domain';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Hono, type MiddlewareHandler } from 'hono';
import type { OidcClient, PendingLogin } from '../../auth/oidc.ts';
import { SsoError } from '../../auth/oidc.ts';
import type { AppContext } from '../../context.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { query } from '../../http/validate.ts';
import { recordSsoFailure, ssoLogin } from '../../services/sso.ts';

/** A login must come back from the provider within this time. */
const PENDING_MS = 10 * 60_000;
const COOKIE_PATH = '/api/auth/oidc';

/** The product's own origin: `PUBLIC_ORIGIN`, else the request's (the redirect URIs registered at the provider). */
export function productOrigin(c: Context, publicOrigin: string | undefined): string {
  return publicOrigin ?? new URL(c.req.url).origin;
}

function encodePending(pending: PendingLogin): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}

/** The pending login of this browser, or null when the cookie is missing, malformed or too old. */
function decodePending(value: string | undefined, now = Date.now()): PendingLogin | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingLogin>;
    const strings = [parsed.state, parsed.nonce, parsed.codeVerifier, parsed.next];
    if (!strings.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 4096)) return null;
    if (
      typeof parsed.startedAt !== 'number' ||
      now - parsed.startedAt > PENDING_MS ||
      parsed.startedAt > now
    ) {
      return null;
    }
    return parsed as PendingLogin;
  } catch {
    return null;
  }
}

/**
 * `GET /api/auth/oidc/login`, `GET /api/auth/oidc/callback`: the authorization code flow with PKCE. What the
 * callback checks against (state, nonce, PKCE verifier, `next`) waits in a cookie of this browser: HttpOnly,
 * SameSite=Lax (the provider's redirect back is a top-level GET, which Lax lets through), only for
 * /api/auth/oidc, 10 minutes, Secure under https. A cookie rather than a database row: abandoned logins
 * leave nothing behind to clean up, and any server instance can finish the login. Replays of a callback
 * fail at the provider (a code is good for one exchange) and the cookie is gone after the first try.
 */
export function oidcRoutes(context: AppContext) {
  const { config } = context;
  const secure = config.secureCookies;
  const cookieName = secure ? '__Secure-qp_oidc' : 'qp_oidc';
  const clearPending = (c: Context) =>
    deleteCookie(c, cookieName, { path: COOKIE_PATH, secure, httpOnly: true, sameSite: 'Lax' });

  const requireOidc = (): OidcClient => {
    if (!context.oidc) throw notFound('Single Sign-on ist nicht eingerichtet.');
    return context.oidc;
  };
  // Before the query is validated: without single sign-on these routes do not exist.
  const oidcConfigured: MiddlewareHandler<AppEnv> = async (_c, next) => {
    requireOidc();
    await next();
  };

  /** To the login page with the reason; the log says what exactly went wrong (never the browser). */
  const fail = async (c: Context<AppEnv>, reason: SsoFailure, detail: string, next = '/') => {
    c.get('log').warn({ event: 'login_failed', method: 'oidc', reason, detail }, 'single sign-on failed');
    if (config.oidc) {
      await recordSsoFailure(context, config.oidc, reason, clientAddress(c, config.trustProxy)).catch(
        (error: unknown) => c.get('log').error({ err: error }, 'could not record the failed login'),
      );
    }
    const query = new URLSearchParams({ fehler: reason });
    if (next !== '/') query.set('next', next);
    return c.redirect(`/login?${query}`, 303);
  };

  return new Hono<AppEnv>()
    .get('/login', oidcConfigured, query(oidcLoginQuerySchema), async (c) => {
      const oidc = requireOidc();
      const next = safeNext(c.req.valid('query').next);
      const redirectUri = `${productOrigin(c, config.publicOrigin)}/api/auth/oidc/callback`;
      let started: Awaited<ReturnType<OidcClient['start']>>;
      try {
        started = await oidc.start(redirectUri, next);
      } catch (error) {
        const reason = error instanceof SsoError ? error.reason : 'failed';
        return fail(c, reason, error instanceof Error ? error.message : String(error), next);
      }
      setCookie(c, cookieName, encodePending(started.pending), {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: COOKIE_PATH,
        maxAge: PENDING_MS / 1000,
      });
      return c.redirect(started.url.toString(), 303);
    })
    .get('/callback', async (c) => {
      const oidc = requireOidc();
      const pending = decodePending(getCookie(c, cookieName));
      clearPending(c);
      if (!pending)
        return fail(c, 'state', 'no pending login in this browser (missing, malformed or expired)');
      const origin = productOrigin(c, config.publicOrigin);
      // The redirect URI as registered, with the provider's parameters: openid-client sends it to the token
      // endpoint, where it must equal the one of the authorization request.
      const callbackUrl = new URL(`${origin}/api/auth/oidc/callback`);
      callbackUrl.search = new URL(c.req.url).search;
      try {
        const person = await oidc.finish(callbackUrl, pending);
        const { session } = await ssoLogin(
          context,
          config.oidc!,
          person,
          clientAddress(c, config.trustProxy),
          c.get('log'),
        );
        context.cookie.write(c, session.token, session.expiresAt);
        return c.redirect(pending.next, 303);
      } catch (error) {
        if (error instanceof SsoError) {
          // The service has recorded a refused (deactivated) account itself.
          if (error.reason === 'deactivated') {
            c.get('log').warn(
              { event: 'login_failed', method: 'oidc', reason: error.reason },
              'single sign-on failed',
            );
            return c.redirect('/login?fehler=deactivated', 303);
          }
          return fail(c, error.reason, error.message, pending.next);
        }
        c.get('log').error({ err: error }, 'single sign-on failed unexpectedly');
        return fail(c, 'failed', error instanceof Error ? error.message : String(error), pending.next);
      }
    });
}
