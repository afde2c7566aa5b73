import type { HealthDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { AppContext } from '../../context.ts';

/** `GET /api/health`: 200 once the database is reachable and migrated, 503 while the instance drains. */
export function healthRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', async (c) => {
    if (context.stopping.aborted) throw new AppError(503, 'unavailable', 'Der Server startet neu.');
    if (!(await context.ready())) {
      throw new AppError(503, 'internal', 'Die Datenbank ist nicht erreichbar oder nicht migriert.');
    }
    return c.json({ status: 'ok' } satisfies HealthDto);
  });
}
