import type { VersionRow } from '@quartierplan/db';
import {
  createDocumentVersionInputSchema,
  documentExportQuerySchema,
  documentParamsSchema,
  documentVersionParamsSchema,
  type DocumentDto,
  type DocumentRestoreDto,
  type DocumentVersionContentDto,
  type DocumentVersionDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import { authorize } from '../../http/authorize.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  exportDocument,
  noCommentThreads,
  readableDocument,
  type CommentThreadSource,
} from '../../services/document-export.ts';
import {
  createVersion,
  documentLastChange,
  listVersions,
  loadDocument,
  readVersion,
  restoreVersion,
} from '../../services/document-versions.ts';
import type { LiveDocuments } from '../../services/live-documents.ts';

const toVersionDto = (v: VersionRow): DocumentVersionDto => ({
  id: v.id,
  name: v.name,
  author: v.authorId ? { id: v.authorId, name: v.authorName } : null,
  createdAt: v.createdAt.toISOString(),
  automatic: v.automatic,
  restoredFrom: v.restoredFrom,
});

/**
 * A collaborative document's last change, its named versions (create, list, read, restore) and its export.
 * `commentThreads` gives the export the document's comment threads.
 */
export function documentRoutes(
  context: AppContext,
  documents: LiveDocuments,
  commentThreads: CommentThreadSource = noCommentThreads,
) {
  return new Hono<AppEnv>()
    .get('/:docId', params(documentParamsSchema), async (c) => {
      const { document, lastChange } = await documentLastChange(
        context,
        c.get('user'),
        c.req.valid('param').docId,
      );
      return c.json({
        id: document.id,
        kind: document.kind,
        lastChange: lastChange
          ? {
              at: lastChange.at.toISOString(),
              author: lastChange.authorId ? { id: lastChange.authorId, name: lastChange.authorName } : null,
            }
          : null,
      } satisfies DocumentDto);
    })

    .get(
      '/:docId/export',
      params(documentParamsSchema),
      // Authorise before validating the query: who may not read the document learns nothing about it.
      async (c, next) => {
        await readableDocument(context, c.get('user'), c.req.valid('param').docId);
        await next();
      },
      query(documentExportQuerySchema),
      async (c) => {
        const file = await exportDocument(
          context,
          documents,
          commentThreads,
          c.get('user'),
          c.req.valid('param').docId,
          c.req.valid('query'),
        );
        return c.body(file.bytes, 200, {
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'X-Content-Type-Options': 'nosniff',
        });
      },
    )

    .get('/:docId/versions', params(documentParamsSchema), async (c) => {
      const versions = await listVersions(context, c.get('user'), c.req.valid('param').docId);
      return c.json(versions.map(toVersionDto) satisfies DocumentVersionDto[]);
    })

    .post(
      '/:docId/versions',
      params(documentParamsSchema),
      authorize(async (c) => {
        await loadDocument(context.sql, c.get('user'), c.req.param('docId')!, 'edit');
      }),
      jsonBody(createDocumentVersionInputSchema),
      async (c) => {
        const { docId } = c.req.valid('param');
        const created = await createVersion(
          context,
          documents,
          c.get('user'),
          docId,
          c.req.valid('json').name,
        );
        return c.json(toVersionDto(created) satisfies DocumentVersionDto, 201);
      },
    )

    .get('/:docId/versions/:versionId', params(documentVersionParamsSchema), async (c) => {
      const { docId, versionId } = c.req.valid('param');
      const { document, version, content } = await readVersion(context, c.get('user'), docId, versionId);
      return c.json({
        ...toVersionDto(version),
        kind: document.kind,
        state: Buffer.from(version.state).toString('base64'),
        ...content,
      } satisfies DocumentVersionContentDto);
    })

    .post('/:docId/versions/:versionId/restore', params(documentVersionParamsSchema), async (c) => {
      const { docId, versionId } = c.req.valid('param');
      const { restored, automatic } = await restoreVersion(
        context,
        documents,
        c.get('user'),
        docId,
        versionId,
      );
      return c.json({
        restored: toVersionDto(restored),
        automatic: toVersionDto(automatic),
      } satisfies DocumentRestoreDto);
    });
}
