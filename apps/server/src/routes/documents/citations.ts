import {
  citableFigureQuerySchema,
  citationInputSchema,
  documentParamsSchema,
  needCitationIdParamsSchema,
  needCitationParamsSchema,
  type Access,
} from '@quartierplan/domain';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  citableDocument,
  citableFigure,
  citeFigure,
  listDocumentCitations,
  listNeedCitations,
  removeCitation,
  type CitationDeps,
} from '../../services/citations.ts';

/**
 * Needs citing figures (docs/CONTRACT.md, "Evidence: the contract as built"): read by the list's readers,
 * written by its editors. Mounted beside the document routes.
 */
export function citationRoutes(deps: CitationDeps) {
  // Authorised before validated: who may not cite learns nothing from the body's validation.
  const may =
    (need: Access): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      await citableDocument(deps.context.sql, c.get('user'), c.req.param('docId') ?? '', need);
      await next();
    };

  return new Hono<AppEnv>()
    .get('/:docId/citations', params(documentParamsSchema), async (c) =>
      c.json(await listDocumentCitations(deps, c.get('user'), c.req.valid('param').docId)),
    )
    .get(
      '/:docId/citable-figure',
      params(documentParamsSchema),
      may('edit'),
      query(citableFigureQuerySchema),
      async (c) =>
        c.json(await citableFigure(deps, c.get('user'), c.req.valid('param').docId, c.req.valid('query'))),
    )
    .get('/:docId/needs/:needId/citations', params(needCitationParamsSchema), async (c) => {
      const { docId, needId } = c.req.valid('param');
      return c.json(await listNeedCitations(deps, c.get('user'), docId, needId));
    })
    .post(
      '/:docId/needs/:needId/citations',
      params(needCitationParamsSchema),
      may('edit'),
      jsonBody(citationInputSchema),
      async (c) => {
        const { docId, needId } = c.req.valid('param');
        const citation = await citeFigure(deps, c.get('user'), docId, needId, c.req.valid('json'));
        c.get('log').info({ event: 'need_citation_created', citationId: citation.id }, 'figure cited');
        return c.json(citation, 201);
      },
    )
    .delete('/:docId/needs/:needId/citations/:id', params(needCitationIdParamsSchema), async (c) => {
      const { docId, needId, id } = c.req.valid('param');
      await removeCitation(deps, c.get('user'), docId, needId, id);
      return c.body(null, 204);
    });
}
