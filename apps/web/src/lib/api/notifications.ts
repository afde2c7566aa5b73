import type { ErrorBody, NotificationDto, UnreadCountDto } from '@quartierplan/domain';
import { ApiError } from './client';

/** One page of notifications and where the next one is (the `rel="next"` target of the Link header). */
export interface NotificationPage {
  items: NotificationDto[];
  next: string | null;
}

/** The `rel="next"` target of an RFC 8288 Link header, if any. */
export function nextLink(header: string | null): string | null {
  for (const part of header?.split(',') ?? []) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(match[2]!)) return match[1]!;
  }
  return null;
}

/**
 * The notifications API. Apart from the typed client (`createApi`) because the list needs the
 * response's Link header, which that client does not hand out.
 */
export function notificationsApi(fetchImpl: typeof fetch) {
  async function call(method: string, url: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(url, { method });
    } catch {
      throw new ApiError(
        0,
        'network',
        'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
        null,
      );
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ErrorBody | null;
      throw new ApiError(
        response.status,
        body?.error.code ?? 'unknown',
        body?.error.message ?? `Unerwartete Antwort des Servers (${response.status}).`,
        body?.error.details ?? null,
      );
    }
    return response;
  }

  return {
    /** The first page, or the page a previous answer's `next` names. */
    async list(next?: string | null, limit = 20): Promise<NotificationPage> {
      // Only follow links into our own API: the header comes from the server, but a link elsewhere would be a bug.
      const url = next?.startsWith('/api/notifications?') ? next : `/api/notifications?limit=${limit}`;
      const response = await call('GET', url);
      return {
        items: (await response.json()) as NotificationDto[],
        next: nextLink(response.headers.get('link')),
      };
    },
    async unreadCount(): Promise<number> {
      const response = await call('GET', '/api/notifications/unread-count');
      return ((await response.json()) as UnreadCountDto).unread;
    },
    markRead: async (id: string) => void (await call('POST', `/api/notifications/${id}/read`)),
    markAllRead: async () => void (await call('POST', '/api/notifications/read-all')),
  };
}
