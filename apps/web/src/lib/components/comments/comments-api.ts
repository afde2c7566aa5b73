import { apiRequester } from '$lib/api/client';
import type {
  CommentDto,
  CommentThreadDto,
  CommentThreadStatus,
  CreateCommentThreadInput,
  MentionablePersonDto,
} from '@quartierplan/domain';

/** The comments API of one document (docs/CONTRACT.md, "Comments and suggestions"). */
export function commentsApi(docId: string) {
  const requestWithHeaders = apiRequester(fetch);
  const request = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    requestWithHeaders<T>(method, `/documents/${docId}${path}`, body, {});
  const thread = (id: string) => `/comments/${id}`;
  return {
    list: (status?: CommentThreadStatus) =>
      request<CommentThreadDto[]>('GET', `/comments${status ? `?status=${status}` : ''}`),
    people: () => request<MentionablePersonDto[]>('GET', '/people'),
    open: (input: CreateCommentThreadInput) => request<CommentThreadDto>('POST', '/comments', input),
    reply: (threadId: string, body: string, mentions: string[]) =>
      request<CommentDto>('POST', `${thread(threadId)}/replies`, { body, mentions }),
    edit: (threadId: string, commentId: string, body: string, mentions: string[]) =>
      request<CommentDto>('PATCH', `${thread(threadId)}/comments/${commentId}`, { body, mentions }),
    remove: (threadId: string, commentId: string) =>
      request<void>('DELETE', `${thread(threadId)}/comments/${commentId}`),
    resolve: (threadId: string) => request<CommentThreadDto>('POST', `${thread(threadId)}/resolve`),
    reopen: (threadId: string) => request<CommentThreadDto>('POST', `${thread(threadId)}/reopen`),
  };
}

export type CommentsApi = ReturnType<typeof commentsApi>;
