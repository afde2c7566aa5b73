import { notificationRepository, type NotificationReader, type NotificationRow } from '@quartierplan/db';
import {
  cutPage,
  visibleSozialraumIds,
  type ListNotificationsQuery,
  type NotificationDto,
  type Page,
  type Principal,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';

/** How much of a comment a notification shows. */
const EXCERPT_LENGTH = 200;

/** The user as a reader of notifications: their own, on documents they may read now. */
function readerOf(user: Principal): NotificationReader {
  return { userId: user.id, bodyId: user.bodyId, visibleSozialraumIds: visibleSozialraumIds(user) };
}

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length <= EXCERPT_LENGTH ? text : `${chars.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
}

function toDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actor,
    excerpt: excerpt(row.text),
    threadId: row.threadId,
    commentId: row.commentId,
    document: row.document,
    milestone: row.milestone,
    createdAt: row.createdAt.toISOString(),
    read: row.read,
  };
}

/** One page of the user's notifications, newest first. */
export async function listNotifications(
  { sql }: AppContext,
  user: Principal,
  query: ListNotificationsQuery,
): Promise<Page<NotificationDto>> {
  const rows = await notificationRepository(sql).list(readerOf(user), {
    limit: query.limit + 1,
    cursor: query.cursor,
  });
  return cutPage(rows, query.limit, (row) => row.cursor, toDto);
}

export async function countUnreadNotifications({ sql }: AppContext, user: Principal): Promise<number> {
  return notificationRepository(sql).countUnread(readerOf(user));
}

/** Marks one of the user's notifications read; another's (or a hidden one) is 404. */
export async function markNotificationRead({ sql }: AppContext, user: Principal, id: string): Promise<void> {
  const found = await notificationRepository(sql).markRead(readerOf(user), id);
  if (!found) throw notFound('Benachrichtigung nicht gefunden.');
}

export async function markAllNotificationsRead({ sql }: AppContext, user: Principal): Promise<void> {
  await notificationRepository(sql).markAllRead(readerOf(user));
}
