import {
  commentParamsSchema,
  commentThreadParamsSchema,
  createCommentReplyInputSchema,
  createCommentThreadInputSchema,
  documentParamsSchema,
  listCommentThreadsQuerySchema,
  updateCommentInputSchema,
  type Access,
} from '@quartierplan/domain';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  commentableDocument,
  deleteComment,
  editComment,
  listThreads,
  mentionablePeople,
  openThread,
  replyToThread,
  setThreadResolved,
  type CommentDeps,
} from '../../services/comments.ts';

/**
 * Comment threads on an action plan and the people one may mention there
 * (docs/CONTRACT.md, "Comments and suggestions"). Mounted beside the document routes.
 */
export function commentRoutes(deps: CommentDeps) {
  // Authorised before validated: who may not comment learns nothing from the body's validation.
  const may =
    (need: Access): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      await commentableDocument(deps.context.sql, c.get('user'), c.req.param('docId') ?? '', need);
      await next();
    };

  return new Hono<AppEnv>()
    .get('/:docId/people', params(documentParamsSchema), async (c) =>
      c.json(await mentionablePeople(deps, c.get('user'), c.req.valid('param').docId)),
    )
    .get(
      '/:docId/comments',
      params(documentParamsSchema),
      may('view'),
      query(listCommentThreadsQuerySchema),
      async (c) =>
        c.json(
          await listThreads(deps, c.get('user'), c.req.valid('param').docId, c.req.valid('query').status),
        ),
    )
    .post(
      '/:docId/comments',
      params(documentParamsSchema),
      may('comment'),
      jsonBody(createCommentThreadInputSchema),
      async (c) =>
        c.json(await openThread(deps, c.get('user'), c.req.valid('param').docId, c.req.valid('json')), 201),
    )
    .post(
      '/:docId/comments/:threadId/replies',
      params(commentThreadParamsSchema),
      may('comment'),
      jsonBody(createCommentReplyInputSchema),
      async (c) => {
        const { docId, threadId } = c.req.valid('param');
        return c.json(await replyToThread(deps, c.get('user'), docId, threadId, c.req.valid('json')), 201);
      },
    )
    .patch(
      '/:docId/comments/:threadId/comments/:commentId',
      params(commentParamsSchema),
      may('comment'),
      jsonBody(updateCommentInputSchema),
      async (c) => {
        const { docId, threadId, commentId } = c.req.valid('param');
        return c.json(
          await editComment(deps, c.get('user'), docId, threadId, commentId, c.req.valid('json')),
        );
      },
    )
    .delete('/:docId/comments/:threadId/comments/:commentId', params(commentParamsSchema), async (c) => {
      const { docId, threadId, commentId } = c.req.valid('param');
      await deleteComment(deps, c.get('user'), docId, threadId, commentId);
      return c.body(null, 204);
    })
    .post('/:docId/comments/:threadId/resolve', params(commentThreadParamsSchema), async (c) => {
      const { docId, threadId } = c.req.valid('param');
      return c.json(await setThreadResolved(deps, c.get('user'), docId, threadId, true));
    })
    .post('/:docId/comments/:threadId/reopen', params(commentThreadParamsSchema), async (c) => {
      const { docId, threadId } = c.req.valid('param');
      return c.json(await setThreadResolved(deps, c.get('user'), docId, threadId, false));
    });
}
