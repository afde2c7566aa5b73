import { measureRepository } from '@quartierplan/db';
import {
  createMeasureInputSchema,
  idParamSchema,
  listMeasuresQuerySchema,
  transitionInputSchema,
  updateMeasureInputSchema,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { parseIfMatch, versionEtag } from '../../http/versioning.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  createMeasure,
  loadVisibleMeasure,
  toMeasureDto,
  transitionMeasure,
  updateMeasure,
  visibleSozialraumIds,
} from '../../services/measures.ts';
import type { Services } from '../../context.ts';
import { measureDashboardRoutes } from './dashboard.ts';
import { measureExportRoutes } from './export.ts';
import { measureStreamRoutes } from './stream.ts';

/**
 * Measures (Maßnahmen) of the body. Who sees and does what is the domain's rule
 * (`canSeeMeasure`, `canEditMeasure`, `mayTransition`); see the service for the checks' order.
 */
export function measureRoutes(services: Services) {
  const repo = measureRepository(services.sql);
  return (
    new Hono<AppEnv>()
      // Fixed paths first: they would otherwise be taken for an `:id`.
      .route('/events', measureStreamRoutes(services))
      .route('/export', measureExportRoutes(services))
      .route('/dashboard', measureDashboardRoutes(services))

      .get('/', query(listMeasuresQuerySchema), async (c) => {
        const user = c.get('user');
        const rows = await repo.list(user.bodyId, {
          ...c.req.valid('query'),
          visibleSozialraumIds: visibleSozialraumIds(user),
        });
        return c.json(rows.map((row) => toMeasureDto(row, user)));
      })

      .post('/', jsonBody(createMeasureInputSchema), async (c) => {
        const user = c.get('user');
        const record = await createMeasure(services, user, c.req.valid('json'));
        c.get('log').info({ event: 'measure_created', measureId: record.id }, 'measure created');
        c.header('ETag', versionEtag(record.version));
        return c.json(toMeasureDto(record, user), 201);
      })

      .get('/:id', params(idParamSchema), async (c) => {
        const user = c.get('user');
        const record = await loadVisibleMeasure(services.sql, user, c.req.valid('param').id);
        c.header('ETag', versionEtag(record.version));
        return c.json(toMeasureDto(record, user));
      })

      .patch('/:id', params(idParamSchema), jsonBody(updateMeasureInputSchema), async (c) => {
        const user = c.get('user');
        const record = await updateMeasure(
          services,
          user,
          c.req.valid('param').id,
          parseIfMatch(c.req.header('if-match')),
          c.req.valid('json'),
        );
        c.header('ETag', versionEtag(record.version));
        return c.json(toMeasureDto(record, user));
      })

      .post('/:id/transitions', params(idParamSchema), jsonBody(transitionInputSchema), async (c) => {
        const user = c.get('user');
        const input = c.req.valid('json');
        const record = await transitionMeasure(services, {
          bodyId: user.bodyId,
          measureId: c.req.valid('param').id,
          actor: user,
          ...input,
          // If-Match is optional here: a transition is checked against the current status anyway.
          expectedVersion: parseIfMatch(c.req.header('if-match')),
        });
        c.get('log').info(
          { event: 'measure_transition', measureId: record.id, to: record.status },
          'measure transition',
        );
        c.header('ETag', versionEtag(record.version));
        return c.json(toMeasureDto(record, user));
      })

      .get('/:id/events', params(idParamSchema), async (c) => {
        const user = c.get('user');
        const record = await loadVisibleMeasure(services.sql, user, c.req.valid('param').id);
        return c.json(await repo.events(user.bodyId, record.id));
      })
  );
}
