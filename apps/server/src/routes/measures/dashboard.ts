import { measureDashboardQuerySchema, type MeasureDashboardDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { query } from '../../http/validate.ts';
import { measureDashboard } from '../../services/measures.ts';

/** `GET /api/measures/dashboard?staleDays=N` (admins): the body's measures at a glance, computed in SQL. */
export function measureDashboardRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', requireRole('admin'), query(measureDashboardQuerySchema), async (c) => {
    const dashboard = await measureDashboard(context, c.get('user').bodyId, c.req.valid('query').staleDays);
    return c.json(dashboard satisfies MeasureDashboardDto);
  });
}
