import { createWorkshopInputSchema, idParamSchema, type WorkshopDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, params } from '../../http/validate.ts';
import { toWorkshopDto } from '../../services/workshop-live.ts';
import { createWorkshop, listWorkshops, type WorkshopDeps } from '../../services/workshops.ts';
import { requestOrigin } from './access.ts';

/** `GET`/`POST /api/sozialraeume/:id/workshops` (behind the user session). */
export function sozialraumWorkshopRoutes(deps: WorkshopDeps) {
  const { context } = deps;
  const viewerFor = (origin: string, facilitator: boolean, name: string) => ({
    facilitator,
    kind: 'member' as const,
    participantId: null,
    displayName: name,
    origin,
    retentionDays: context.config.workshopRetentionDays,
  });
  return new Hono<AppEnv>()
    .get('/:id/workshops', params(idParamSchema), async (c) => {
      const user = c.get('user');
      const { workshops, facilitator } = await listWorkshops(deps, user, c.req.valid('param').id);
      const viewer = viewerFor(requestOrigin(context, c), facilitator, user.name);
      return c.json(workshops.map((w) => toWorkshopDto(w, viewer)) satisfies WorkshopDto[]);
    })
    .post('/:id/workshops', params(idParamSchema), jsonBody(createWorkshopInputSchema), async (c) => {
      const user = c.get('user');
      const created = await createWorkshop(deps, user, c.req.valid('param').id, c.req.valid('json'));
      c.get('log').info({ event: 'workshop_created', workshopId: created.id }, 'workshop created');
      const viewer = viewerFor(requestOrigin(context, c), true, user.name);
      return c.json(toWorkshopDto(created, viewer) satisfies WorkshopDto, 201);
    });
}
