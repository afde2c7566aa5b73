import { loginInputSchema } from '@quartierplan/domain';
import { userRepository } from '@quartierplan/db';
import { Hono } from 'hono';
import { verifyAgainstDummy, verifyPassword } from '../../auth/password.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { jsonBody } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';

function tooManyAttempts(until: Date, now = new Date()): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    429,
    'too_many_requests',
    `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
    { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) },
  );
}

/** `POST /api/auth/login`, `POST /api/auth/logout`. */
export function authRoutes(context: AppContext) {
  const { sql, sessions, throttle, cookie, config } = context;
  const users = userRepository(sql);

  return new Hono<AppEnv>()
    .post('/login', jsonBody(loginInputSchema), async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientAddress(c, config.trustProxy);
      const locked = await throttle.lockedUntil(email, ip);
      if (locked) {
        c.header('Retry-After', String(Math.ceil((locked.getTime() - Date.now()) / 1000)));
        throw tooManyAttempts(locked);
      }
      const user = await users.findCredentialsByEmail(email);
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyAgainstDummy(password);
      if (!user || !ok || !user.active) {
        const nowLocked = await throttle.registerFailure(email, ip);
        c.get('log').info({ event: 'login_failed', email, ip }, 'login failed');
        if (nowLocked) {
          c.header('Retry-After', String(Math.ceil((nowLocked.getTime() - Date.now()) / 1000)));
          throw tooManyAttempts(nowLocked);
        }
        // One message for unknown address, wrong password and deactivated account alike.
        throw new AppError(401, 'invalid_credentials', 'E-Mail-Adresse oder Passwort ist falsch.');
      }
      await throttle.registerSuccess(email);
      const session = await sessions.create(user.id);
      cookie.write(c, session.token, session.expiresAt);
      c.get('log').info({ event: 'login', userId: user.id }, 'login');
      return c.json({ id: user.id, name: user.name, role: user.role });
    })
    .post('/logout', async (c) => {
      const token = cookie.read(c);
      if (token) {
        const session = await sessions.validate(token);
        if (session) {
          await sessions.invalidate(session.user.sessionId);
          context.events.emit('user-changed', session.user.id);
        }
      }
      cookie.clear(c);
      return c.body(null, 204);
    });
}
