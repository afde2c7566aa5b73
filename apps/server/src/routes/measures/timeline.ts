import { idParamSchema, type TimelineDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { params } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';
import { measureTimeline } from '../../services/timeline.ts';

/** `GET /api/measures/:id/timeline`: from the need to the evaluation, what the reader may see of it. */
export function measureTimelineRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/:id/timeline', params(idParamSchema), async (c) => {
    const timeline = await measureTimeline(context, c.get('user'), c.req.valid('param').id);
    return c.json(timeline satisfies TimelineDto);
  });
}
