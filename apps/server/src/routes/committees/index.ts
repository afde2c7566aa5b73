import { createCommitteeInputSchema } from '@quartierplan/domain';
import { UniqueViolationError, committeeRepository } from '@quartierplan/db';
import { Hono } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { validationFailed } from '../../http/errors.ts';
import { jsonBody } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';

/** Committees (Gremien) of the body: read by all, maintained by admins. */
export function committeeRoutes(context: AppContext) {
  const repo = committeeRepository(context.sql);
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await repo.list(c.get('user').bodyId)))
    .post('/', requireRole('admin'), jsonBody(createCommitteeInputSchema), async (c) => {
      try {
        return c.json(await repo.create(c.get('user').bodyId, c.req.valid('json')), 201);
      } catch (error) {
        if (error instanceof UniqueViolationError) {
          throw validationFailed([
            { path: 'name', message: 'Ein Gremium mit diesem Namen gibt es bereits.' },
          ]);
        }
        throw error;
      }
    });
}
