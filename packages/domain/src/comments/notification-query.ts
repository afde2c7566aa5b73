import { z } from 'zod';
import { pageQueryShape } from '../paging.ts';

/** Notifications per page when the client does not say. */
export const NOTIFICATIONS_PAGE_DEFAULT = 20;
export const NOTIFICATIONS_PAGE_MAX = 100;

/** `GET /api/notifications?limit=&cursor=`: newest first, keyset by creation time and id. */
export const listNotificationsQuerySchema = z.object(
  pageQueryShape({ default: NOTIFICATIONS_PAGE_DEFAULT, max: NOTIFICATIONS_PAGE_MAX }),
);
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;
