import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.ts';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

/** `LOCAL_PASSWORDS=off`: password login and password changes answer 403 (before the body is read). */
export function requireLocalPasswords(context: AppContext): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    if (!context.config.localPasswords) {
      throw new AppError(
        403,
        'password_login_disabled',
        'Die Anmeldung mit Passwort ist abgeschaltet. Bitte melden Sie sich über Single Sign-on an.',
      );
    }
    await next();
  };
}
