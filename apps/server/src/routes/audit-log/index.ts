import { listAuditLogQuerySchema, type AuditEventDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { query } from '../../http/validate.ts';
import { listAuditLog } from '../../services/audit.ts';

/**
 * `GET /api/audit-log`: the admin's own body's audit log. Mounted behind `requireRole('admin')`, so a
 * member or clerk learns nothing from validation errors either.
 */
export function auditLogRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', query(listAuditLogQuerySchema), async (c) => {
    const asked = c.req.valid('query');
    const page = await listAuditLog(context, c.get('user'), asked);
    if (page.next) {
      // RFC 8288: the next page as a link relative to this origin, with the same filters.
      const params = new URLSearchParams();
      for (const key of ['kind', 'actorId', 'subjectUserId', 'from', 'to'] as const) {
        const value = asked[key];
        if (value) params.set(key, value);
      }
      params.set('limit', String(asked.limit));
      params.set('cursor', page.next);
      c.header('Link', `</api/audit-log?${params.toString()}>; rel="next"`);
    }
    return c.json(page.items satisfies AuditEventDto[]);
  });
}
