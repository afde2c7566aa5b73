import type { NotificationDto, Page, UnreadCountDto } from '@quartierplan/domain';
import { apiRequester, pageReader } from './client';

/** The notifications API: the list pages through the answer's Link header (`pageReader`). */
export function notificationsApi(fetchImpl: typeof fetch) {
  const request = apiRequester(fetchImpl);
  const readPage = pageReader(fetchImpl);
  return {
    /** The first page, or the page a previous answer's `next` names. */
    list: (next?: string | null, limit = 20): Promise<Page<NotificationDto>> =>
      readPage<NotificationDto>(`/notifications?limit=${limit}`, next),
    unreadCount: async (): Promise<number> =>
      (await request<UnreadCountDto>('GET', '/notifications/unread-count', undefined, {})).unread,
    markRead: (id: string) => request<void>('POST', `/notifications/${id}/read`, undefined, {}),
    markAllRead: () => request<void>('POST', '/notifications/read-all', undefined, {}),
  };
}
