import { isCrossOriginWrite } from '@quartierplan/domain';
import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

/**
 * CSRF defence for every content type, JSON included: a state-changing request that a browser
 * marks as coming from another origin is refused. Clients without Origin and Sec-Fetch-Site
 * headers (curl, integrations) are not browsers and carry no ambient cookie risk.
 */
export function originCheck(publicOrigin: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const expected = publicOrigin ?? new URL(c.req.url).origin;
    const refused = isCrossOriginWrite({
      method: c.req.method,
      origin: c.req.header('origin'),
      secFetchSite: c.req.header('sec-fetch-site'),
      expectedOrigin: expected,
    });
    if (refused) {
      throw new AppError(403, 'cross_origin_request', 'Anfragen von fremden Websites werden abgelehnt.');
    }
    await next();
  };
}
