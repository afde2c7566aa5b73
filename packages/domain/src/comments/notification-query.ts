import { z } from 'zod';

/** Notifications per page when the client does not say. */
export const NOTIFICATIONS_PAGE_DEFAULT = 20;
export const NOTIFICATIONS_PAGE_MAX = 100;

/**
 * Where a page of notifications continues: the creation time (microseconds, UTC) and id of the last item
 * of the previous page, as `2026-01-31T09:15:00.123456Z_<uuid>`. Keyset, so new notifications arriving
 * while one pages never shift or repeat items.
 */
export interface NotificationCursor {
  createdAt: string;
  id: string;
}

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function formatNotificationCursor(cursor: NotificationCursor): string {
  return `${cursor.createdAt}_${cursor.id}`;
}

/** `GET /api/notifications?limit=&cursor=` */
export const listNotificationsQuerySchema = z.object({
  limit: z.coerce
    .number({ message: 'limit muss eine Zahl sein.' })
    .int({ message: 'limit muss eine ganze Zahl sein.' })
    .min(1, { message: 'limit muss mindestens 1 sein.' })
    .max(NOTIFICATIONS_PAGE_MAX, { message: `limit darf höchstens ${NOTIFICATIONS_PAGE_MAX} sein.` })
    .default(NOTIFICATIONS_PAGE_DEFAULT),
  cursor: z
    .string()
    .transform((value, ctx): NotificationCursor => {
      const match = CURSOR.exec(value);
      // Only a real instant: the database would refuse 31 February with an error, not an answer.
      const millis = match ? `${match[1]!.slice(0, 23)}Z` : '';
      const date = new Date(millis);
      if (!match || Number.isNaN(date.getTime()) || date.toISOString() !== millis) {
        ctx.addIssue({
          code: 'custom',
          message: 'Ungültige Fortsetzungsmarke (cursor): bitte dem Link-Kopf folgen.',
        });
        return z.NEVER;
      }
      return { createdAt: match[1]!, id: match[2]! };
    })
    .optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;
