import { measureRepository } from '@quartierplan/db';
import { measureDashboardQuerySchema } from '@quartierplan/domain';
import { Hono } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { query } from '../../http/validate.ts';
import type { Services } from '../../context.ts';

/** `GET /api/measures/dashboard?staleDays=N` (admins): the body's measures at a glance, computed in SQL. */
export function measureDashboardRoutes(services: Services) {
  const repo = measureRepository(services.sql);
  return new Hono<AppEnv>().get('/', requireRole('admin'), query(measureDashboardQuerySchema), async (c) =>
    c.json(await repo.dashboard(c.get('user').bodyId, c.req.valid('query').staleDays)),
  );
}
