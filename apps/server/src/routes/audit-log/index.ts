import { listAuditLogQuerySchema, nextPageLink, type AuditEventDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { pageQuery } from '../../http/paging.ts';
import { query } from '../../http/validate.ts';
import { listAuditLog } from '../../services/audit.ts';

/**
 * `GET /api/audit-log`: the admin's own body's audit log. Mounted behind `requireRole('admin')`, so a
 * member or clerk learns nothing from validation errors either.
 */
export function auditLogRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', query(listAuditLogQuerySchema), async (c) => {
    const page = await listAuditLog(context, c.get('user'), c.req.valid('query'));
    if (page.next) c.header('Link', nextPageLink('/api/audit-log', pageQuery(c.req.url), page.next));
    return c.json(page.items satisfies AuditEventDto[]);
  });
}
