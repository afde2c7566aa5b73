import { createCommitteeInputSchema, type CommitteeDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody } from '../../http/validate.ts';
import { createCommittee, listCommittees } from '../../services/committees.ts';

/** Committees (Gremien) of the body: read by all, maintained by admins. */
export function committeeRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json((await listCommittees(context, c.get('user').bodyId)) satisfies CommitteeDto[]),
    )
    .post('/', requireRole('admin'), jsonBody(createCommitteeInputSchema), async (c) => {
      const committee = await createCommittee(context, c.get('user').bodyId, c.req.valid('json'));
      return c.json(committee satisfies CommitteeDto, 201);
    });
}
