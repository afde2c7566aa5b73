import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/**
 * Runs an authorisation check before the body is read, so someone who may not write learns nothing from
 * validation errors (403/404 first, 400/422 only for those allowed). Place it after `params(...)` and before
 * `jsonBody(...)`; the service checks again inside its transaction, with the same domain rule.
 */
export function authorize(check: (c: Context<AppEnv>) => Promise<void> | void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await check(c);
    await next();
  };
}
