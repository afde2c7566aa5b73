import { ApiError } from '$lib/api/client';
import type {
  CommentDto,
  CommentThreadDto,
  CommentThreadStatus,
  CreateCommentThreadInput,
  MentionablePersonDto,
} from '@quartierplan/domain';

/** The comments API of one document (docs/CONTRACT.md, "Comments and suggestions"). */
export function commentsApi(docId: string) {
  const base = `/api/documents/${docId}`;
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(
        0,
        'network',
        'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
        null,
      );
    }
    if (response.status === 204) return undefined as T;
    const parsed: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (
        parsed as { error?: { code: string; message: string; details: Record<string, unknown> | null } }
      )?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'unknown',
        error?.message ?? `Unerwartete Antwort des Servers (${response.status}).`,
        error?.details ?? null,
      );
    }
    return parsed as T;
  }
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
