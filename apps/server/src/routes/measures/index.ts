import {
  createMeasureInputSchema,
  idParamSchema,
  listMeasuresQuerySchema,
  nextPageLink,
  transitionInputSchema,
  updateMeasureInputSchema,
  type MeasureDto,
  type MeasureEventDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { parseIfMatch, versionEtag } from '../../http/versioning.ts';
import { authorize } from '../../http/authorize.ts';
import { pageQuery } from '../../http/paging.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  createMeasure,
  loadVisibleMeasure,
  toMeasureDto,
  transitionMeasure,
  updateMeasure,
  listMeasuresPage,
  measureEvents,
  measureWriteAccess,
} from '../../services/measures.ts';
import type { AppContext } from '../../context.ts';
import { measureDashboardRoutes } from './dashboard.ts';
import { measureExportRoutes } from './export.ts';
import { measureImplementationRoutes } from './implementation.ts';
import { measureStreamRoutes } from './stream.ts';
import { measureTimelineRoutes } from './timeline.ts';

/**
 * Measures (Maßnahmen) of the body. Who sees and does what is the domain's rule
 * (`canSeeMeasure`, `canEditMeasure`, `mayTransition`); see the service for the checks' order.
 */
export function measureRoutes(context: AppContext) {
  return (
    new Hono<AppEnv>()
      // Fixed paths first: they would otherwise be taken for an `:id`.
      .route('/events', measureStreamRoutes(context))
      .route('/export', measureExportRoutes(context))
      .route('/dashboard', measureDashboardRoutes(context))
      .route('/', measureTimelineRoutes(context))

      .get('/', query(listMeasuresQuerySchema), async (c) => {
        const user = c.get('user');
        const asked = c.req.valid('query');
        const page = await listMeasuresPage(context, user, asked);
        if (page.next) c.header('Link', nextPageLink('/api/measures', pageQuery(c.req.url), page.next));
        return c.json(page.items.map((row) => toMeasureDto(row, user)) satisfies MeasureDto[]);
      })

      .post(
        '/',
        authorize((c) => measureWriteAccess.create(c.get('user'))),
        jsonBody(createMeasureInputSchema),
        async (c) => {
          const user = c.get('user');
          const record = await createMeasure(context, user, c.req.valid('json'));
          c.get('log').info({ event: 'measure_created', measureId: record.id }, 'measure created');
          c.header('ETag', versionEtag(record.version));
          return c.json(toMeasureDto(record, user) satisfies MeasureDto, 201);
        },
      )

      .get('/:id', params(idParamSchema), async (c) => {
        const user = c.get('user');
        const record = await loadVisibleMeasure(context.sql, user, c.req.valid('param').id);
        c.header('ETag', versionEtag(record.version));
        return c.json(toMeasureDto(record, user) satisfies MeasureDto);
      })

      .patch(
        '/:id',
        params(idParamSchema),
        authorize((c) => measureWriteAccess.edit(context, c.get('user'), c.req.param('id')!)),
        jsonBody(updateMeasureInputSchema),
        async (c) => {
          const user = c.get('user');
          const record = await updateMeasure(
            context,
            user,
            c.req.valid('param').id,
            parseIfMatch(c.req.header('if-match')),
            c.req.valid('json'),
          );
          c.header('ETag', versionEtag(record.version));
          return c.json(toMeasureDto(record, user) satisfies MeasureDto);
        },
      )

      .post(
        '/:id/transitions',
        params(idParamSchema),
        authorize((c) => measureWriteAccess.transition(context, c.get('user'), c.req.param('id')!)),
        jsonBody(transitionInputSchema),
        async (c) => {
          const user = c.get('user');
          const input = c.req.valid('json');
          const record = await transitionMeasure(context, {
            bodyId: user.bodyId,
            measureId: c.req.valid('param').id,
            actor: user,
            ...input,
            // If-Match is optional here: a transition is checked against the current status anyway.
            expectedVersion: parseIfMatch(c.req.header('if-match')),
          });
          c.get('log').info(
            {
              event: 'measure_transition',
              measureId: record.id,
              to: record.status,
              correction: input.correction === true,
            },
            'measure transition',
          );
          c.header('ETag', versionEtag(record.version));
          return c.json(toMeasureDto(record, user) satisfies MeasureDto);
        },
      )

      .get('/:id/events', params(idParamSchema), async (c) => {
        const events = await measureEvents(context, c.get('user'), c.req.valid('param').id);
        return c.json(events satisfies MeasureEventDto[]);
      })

      // Milestones, progress reports, evaluation and publication (issue 18).
      .route('/', measureImplementationRoutes(context))
  );
}
