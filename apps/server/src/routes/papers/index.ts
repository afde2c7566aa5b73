import {
  consultationResultInputSchema,
  createPaperInputSchema,
  consultationParamsSchema,
  idParamSchema,
  listPapersQuerySchema,
  paperExportQuerySchema,
  paperPrefillQuerySchema,
  paperSettingsInputSchema,
  updatePaperInputSchema,
  type Paper,
  type PaperEventDto,
  type PaperSettingsDto,
  type PaperSummaryDto,
  nextPageLink,
} from '@quartierplan/domain';
import { oparlPaperBundle } from '@quartierplan/export';
import { Hono } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/context.ts';
import { parseIfMatch, versionEtag } from '../../http/versioning.ts';
import { authorize } from '../../http/authorize.ts';
import { pageQuery } from '../../http/paging.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';
import { paperCitations } from '../../services/citations.ts';
import { exportFileName, toPaperDocumentInput } from '../../services/paper-export.ts';
import type { LiveDocuments } from '../../services/live-documents.ts';
import { paperPrefill } from '../../services/paper-prefill.ts';
import { loadRenderers } from '../../services/renderers.ts';
import { paperMinutesRoutes } from './minutes.ts';
import {
  createPaper,
  deleteDraftPaper,
  listPaperEvents,
  forReader,
  listReadablePapersPage,
  paperWriteAccess,
  getReferenceFormat,
  setReferenceFormat,
  loadReadablePaper,
  recordResult,
  releasePaper,
  toPaperDto,
  updatePaper,
} from '../../services/papers.ts';

/** A list item: the paper with its deciding committee and that committee's result. */
function toPaperSummaryDto(paper: Paper): PaperSummaryDto {
  const deciding = paper.consultations.find((c) => c.role === 'decision');
  return {
    id: paper.id,
    type: paper.type,
    status: paper.status,
    reference: paper.reference,
    date: paper.date,
    subject: paper.subject,
    originatingOffice: paper.originatingOffice,
    measureCount: paper.measures.length,
    decidingCommittee: deciding?.committee.name ?? null,
    decisionResult: deciding?.result ?? null,
    version: paper.version,
    updatedAt: paper.updatedAt,
  };
}

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/**
 * Papers (Vorlagen): composed, released and tracked by clerks and admins; members read released
 * papers that link measures they see (see `canReadPaper`).
 */
export function paperRoutes(context: AppContext, documents: LiveDocuments) {
  return (
    new Hono<AppEnv>()
      // Fixed paths first: they would otherwise be taken for an `:id`.
      .get('/settings', requireRole('admin', 'clerk'), async (c) =>
        c.json({
          referenceFormat: await getReferenceFormat(context, c.get('user').bodyId),
        } satisfies PaperSettingsDto),
      )
      .put('/settings', requireRole('admin'), jsonBody(paperSettingsInputSchema), async (c) => {
        const { referenceFormat } = c.req.valid('json');
        await setReferenceFormat(context, c.get('user').bodyId, referenceFormat);
        return c.json({ referenceFormat } satisfies PaperSettingsDto);
      })
      .get('/events', requireRole('admin'), async (c) =>
        c.json((await listPaperEvents(context, c.get('user'))) satisfies PaperEventDto[]),
      )
      .get('/prefill', requireRole('admin', 'clerk'), query(paperPrefillQuerySchema), async (c) =>
        c.json(await paperPrefill(context, documents, c.get('user'), c.req.valid('query').measureIds)),
      )

      .get('/', query(listPapersQuerySchema), async (c) => {
        const page = await listReadablePapersPage(context, c.get('user'), c.req.valid('query'));
        if (page.next) c.header('Link', nextPageLink('/api/papers', pageQuery(c.req.url), page.next));
        return c.json(page.items.map(toPaperSummaryDto));
      })

      .post(
        '/',
        authorize((c) => paperWriteAccess.compose(c.get('user'))),
        jsonBody(createPaperInputSchema),
        async (c) => {
          const user = c.get('user');
          const record = await createPaper(context, user, c.req.valid('json'));
          c.get('log').info(
            { event: 'paper_created', paperId: record.id, reference: record.reference },
            'paper created',
          );
          c.header('ETag', versionEtag(record.version));
          return c.json(toPaperDto(record, user), 201);
        },
      )

      .get('/:id', params(idParamSchema), async (c) => {
        const user = c.get('user');
        const record = await loadReadablePaper(context.sql, user, c.req.valid('param').id);
        c.header('ETag', versionEtag(record.version));
        return c.json(toPaperDto(record, user));
      })

      .patch(
        '/:id',
        params(idParamSchema),
        authorize((c) => paperWriteAccess.write(context, c.get('user'), c.req.param('id')!)),
        jsonBody(updatePaperInputSchema),
        async (c) => {
          const user = c.get('user');
          const record = await updatePaper(
            context,
            user,
            c.req.valid('param').id,
            parseIfMatch(c.req.header('if-match')),
            c.req.valid('json'),
          );
          c.header('ETag', versionEtag(record.version));
          return c.json(toPaperDto(record, user));
        },
      )

      .delete('/:id', params(idParamSchema), async (c) => {
        const deleted = await deleteDraftPaper(context, c.get('user'), c.req.valid('param').id);
        c.get('log').info(
          { event: 'paper_deleted', paperId: deleted.id, reference: deleted.reference },
          'draft paper deleted',
        );
        return c.body(null, 204);
      })

      .post('/:id/release', params(idParamSchema), async (c) => {
        const user = c.get('user');
        const record = await releasePaper(
          context,
          user,
          c.req.valid('param').id,
          parseIfMatch(c.req.header('if-match')),
        );
        c.get('log').info({ event: 'paper_released', paperId: record.id }, 'paper released');
        c.header('ETag', versionEtag(record.version));
        return c.json(toPaperDto(record, user));
      })

      .post(
        '/:id/consultations/:consultationId/result',
        params(consultationParamsSchema),
        authorize((c) => paperWriteAccess.write(context, c.get('user'), c.req.param('id')!)),
        jsonBody(consultationResultInputSchema),
        async (c) => {
          const user = c.get('user');
          const { id, consultationId } = c.req.valid('param');
          const record = await recordResult(context, user, id, consultationId, c.req.valid('json'));
          c.get('log').info({ event: 'paper_result', paperId: id, consultationId }, 'consultation result');
          c.header('ETag', versionEtag(record.version));
          return c.json(toPaperDto(record, user));
        },
      )

      // The citations of the needs linked to the paper's measures, for "Belege übernehmen".
      .get('/:id/citations', params(idParamSchema), async (c) =>
        c.json(await paperCitations(context, c.get('user'), c.req.valid('param').id)),
      )
      .get('/:id/export', params(idParamSchema), query(paperExportQuerySchema), async (c) => {
        const user = c.get('user');
        const record = forReader(await loadReadablePaper(context.sql, user, c.req.valid('param').id), user);
        const document = toPaperDocumentInput(record, { id: user.bodyId, name: user.bodyName });
        const { format } = c.req.valid('query');
        if (format === 'oparl') {
          const baseUrl = context.config.publicOrigin ?? new URL(c.req.url).origin;
          c.header('Content-Disposition', contentDisposition(exportFileName(record, 'json')));
          return c.json(oparlPaperBundle(document, { baseUrl }));
        }
        const render = await loadRenderers();
        const bytes =
          format === 'docx' ? await render.renderPaperDocx(document) : await render.renderPaperPdf(document);
        return c.body(new Uint8Array(bytes), 200, {
          'Content-Type': MEDIA_TYPES[format],
          'Content-Disposition': contentDisposition(exportFileName(record, format)),
          'X-Content-Type-Options': 'nosniff',
        });
      })
      .route('/', paperMinutesRoutes(context))
  );
}
