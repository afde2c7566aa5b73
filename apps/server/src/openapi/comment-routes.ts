import {
  commentDtoSchema,
  commentParamsSchema,
  commentThreadDtoSchema,
  commentThreadParamsSchema,
  createCommentReplyInputSchema,
  createCommentThreadInputSchema,
  documentParamsSchema,
  listCommentThreadsQuerySchema,
  mentionablePersonDtoSchema,
  updateCommentInputSchema,
} from '@quartierplan/domain';
import { z } from 'zod';
import type { RouteSpec } from './routes.ts';

const TAG = 'Kommentare';

/**
 * The comment routes (threads on an action plan, docs/CONTRACT.md "Comments and suggestions"); spread into
 * ROUTES. 403: no read access or only `view` on writes; 422: a needs list has no comments (comments_unsupported)
 * or a mentioned person may not read the document (mention_not_allowed).
 */
export function commentRouteSpecs(): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/documents/:docId/comments',
      summary: 'Kommentar-Threads eines Aktionsplans (in Dokumentreihenfolge, verwaiste zuletzt)',
      tag: TAG,
      params: documentParamsSchema,
      query: listCommentThreadsQuerySchema,
      errors: [403, 422],
      responses: { 200: { description: 'Die Threads.', schema: z.array(commentThreadDtoSchema) } },
    },
    {
      method: 'post',
      path: '/api/documents/:docId/comments',
      summary: 'Markierten Text kommentieren (409 anchor_moved: Text nicht mehr da)',
      tag: TAG,
      params: documentParamsSchema,
      body: createCommentThreadInputSchema,
      errors: [409, 422],
      responses: { 201: { description: 'Der neue Thread.', schema: commentThreadDtoSchema } },
    },
    {
      method: 'post',
      path: '/api/documents/:docId/comments/:threadId/replies',
      summary: 'Auf einen Thread antworten',
      tag: TAG,
      params: commentThreadParamsSchema,
      body: createCommentReplyInputSchema,
      errors: [422],
      responses: { 201: { description: 'Die Antwort.', schema: commentDtoSchema } },
    },
    {
      method: 'patch',
      path: '/api/documents/:docId/comments/:threadId/comments/:commentId',
      summary: 'Eigenen Kommentar bearbeiten',
      tag: TAG,
      params: commentParamsSchema,
      body: updateCommentInputSchema,
      errors: [422],
      responses: { 200: { description: 'Der Kommentar.', schema: commentDtoSchema } },
    },
    {
      method: 'delete',
      path: '/api/documents/:docId/comments/:threadId/comments/:commentId',
      summary: 'Kommentar löschen (eigene; Bearbeitende jeden)',
      tag: TAG,
      params: commentParamsSchema,
      errors: [422],
      responses: { 204: { description: 'Gelöscht.' } },
    },
    ...(['resolve', 'reopen'] as const).map((action): RouteSpec => ({
      method: 'post',
      path: `/api/documents/:docId/comments/:threadId/${action}`,
      summary: action === 'resolve' ? 'Thread als erledigt markieren' : 'Thread wieder öffnen',
      tag: TAG,
      params: commentThreadParamsSchema,
      errors: [409, 422],
      responses: { 200: { description: 'Der Thread.', schema: commentThreadDtoSchema } },
    })),
    {
      method: 'get',
      path: '/api/documents/:docId/people',
      summary: 'Wer erwähnt werden kann: Personen, die das Dokument lesen dürfen',
      tag: TAG,
      params: documentParamsSchema,
      errors: [403, 422],
      responses: { 200: { description: 'Die Personen.', schema: z.array(mentionablePersonDtoSchema) } },
    },
  ];
}
