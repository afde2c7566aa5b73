import {
  evaluationIndicatorInputSchema,
  evaluationIndicatorPatchSchema,
  idParamSchema,
  measureItemParamsSchema,
  milestoneInputSchema,
  milestoneOrderInputSchema,
  milestonePatchSchema,
  nextPageLink,
  publicMeasuresQuerySchema,
  publicPaperExportQuerySchema,
  publicationInputSchema,
  reportInputSchema,
  type EvaluationIndicatorDto,
  type ImplementationDto,
  type MeasureDto,
  type MilestoneDto,
  type PublicMeasuresDto,
  type ReportDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../http/authorize.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/context.ts';
import { pageQuery } from '../../http/paging.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  createEvaluationIndicator,
  createMilestone,
  createReport,
  deleteEvaluationIndicator,
  deleteMilestone,
  deleteReport,
  getImplementation,
  implementationWriteAccess,
  reorderMilestones,
  setPublication,
  updateEvaluationIndicator,
  updateMilestone,
} from '../../services/implementation.ts';
import { toMeasureDto } from '../../services/measures.ts';
import { publicMeasuresPage, publicPaperPdf } from '../../services/public-measures.ts';

/**
 * How a decided measure is carried out: milestones, progress reports, evaluation indicators, and the admins'
 * opt-in to the public transparency page (docs/CONTRACT.md, "Implementation and transparency"). Writes are
 * authorised before their body is read (`canTrackImplementation`, `canPublishMeasure`).
 */
export function measureImplementationRoutes(context: AppContext) {
  const track = authorize((c) => implementationWriteAccess.track(context, c.get('user'), c.req.param('id')!));
  return new Hono<AppEnv>()
    .get('/:id/implementation', params(idParamSchema), async (c) => {
      const dto = await getImplementation(context, c.get('user'), c.req.valid('param').id);
      return c.json(dto satisfies ImplementationDto);
    })

    .post('/:id/milestones', params(idParamSchema), track, jsonBody(milestoneInputSchema), async (c) => {
      const dto = await createMilestone(context, c.get('user'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(dto satisfies MilestoneDto, 201);
    })
    .put(
      '/:id/milestones/order',
      params(idParamSchema),
      track,
      jsonBody(milestoneOrderInputSchema),
      async (c) => {
        const { ids } = c.req.valid('json');
        const dtos = await reorderMilestones(context, c.get('user'), c.req.valid('param').id, ids);
        return c.json(dtos satisfies MilestoneDto[]);
      },
    )
    .patch(
      '/:id/milestones/:itemId',
      params(measureItemParamsSchema),
      track,
      jsonBody(milestonePatchSchema),
      async (c) => {
        const { id, itemId } = c.req.valid('param');
        const dto = await updateMilestone(context, c.get('user'), id, itemId, c.req.valid('json'));
        return c.json(dto satisfies MilestoneDto);
      },
    )
    .delete('/:id/milestones/:itemId', params(measureItemParamsSchema), async (c) => {
      const { id, itemId } = c.req.valid('param');
      await deleteMilestone(context, c.get('user'), id, itemId);
      return c.body(null, 204);
    })

    .post('/:id/reports', params(idParamSchema), track, jsonBody(reportInputSchema), async (c) => {
      const user = c.get('user');
      const dto = await createReport(context, user, c.req.valid('param').id, c.req.valid('json'));
      c.get('log').info({ event: 'measure_report', measureId: dto.measureId }, 'progress report');
      return c.json(dto satisfies ReportDto, 201);
    })
    .delete('/:id/reports/:itemId', params(measureItemParamsSchema), async (c) => {
      const { id, itemId } = c.req.valid('param');
      await deleteReport(context, c.get('user'), id, itemId);
      return c.body(null, 204);
    })

    .post(
      '/:id/evaluation',
      params(idParamSchema),
      track,
      jsonBody(evaluationIndicatorInputSchema),
      async (c) => {
        const user = c.get('user');
        const dto = await createEvaluationIndicator(
          context,
          user,
          c.req.valid('param').id,
          c.req.valid('json'),
        );
        return c.json(dto satisfies EvaluationIndicatorDto, 201);
      },
    )
    .patch(
      '/:id/evaluation/:itemId',
      params(measureItemParamsSchema),
      track,
      jsonBody(evaluationIndicatorPatchSchema),
      async (c) => {
        const { id, itemId } = c.req.valid('param');
        const dto = await updateEvaluationIndicator(context, c.get('user'), id, itemId, c.req.valid('json'));
        return c.json(dto satisfies EvaluationIndicatorDto);
      },
    )
    .delete('/:id/evaluation/:itemId', params(measureItemParamsSchema), async (c) => {
      const { id, itemId } = c.req.valid('param');
      await deleteEvaluationIndicator(context, c.get('user'), id, itemId);
      return c.body(null, 204);
    })

    .put(
      '/:id/publication',
      params(idParamSchema),
      authorize((c) => implementationWriteAccess.publish(c.get('user'))),
      jsonBody(publicationInputSchema),
      async (c) => {
        const user = c.get('user');
        const record = await setPublication(
          context,
          user,
          c.req.valid('param').id,
          c.req.valid('json').public,
        );
        c.get('log').info(
          { event: 'measure_publication', measureId: record.id, public: record.public },
          'measure publication',
        );
        return c.json(toMeasureDto(record, user) satisfies MeasureDto);
      },
    );
}

/** The public transparency page's data and the decided papers' PDFs: no session, only what is public. */
export function publicMeasureRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/measures', query(publicMeasuresQuerySchema), async (c) => {
      const { body, page } = await publicMeasuresPage(context, c.req.valid('query'));
      if (page.next) c.header('Link', nextPageLink('/api/public/measures', pageQuery(c.req.url), page.next));
      return c.json({ body, measures: page.items } satisfies PublicMeasuresDto);
    })
    .get('/papers/:id/export', params(idParamSchema), query(publicPaperExportQuerySchema), async (c) => {
      const { bytes, fileName } = await publicPaperPdf(context, c.req.valid('param').id);
      return c.body(bytes, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': contentDisposition(fileName),
        'X-Content-Type-Options': 'nosniff',
      });
    });
}
