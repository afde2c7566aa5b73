import {
  idParamSchema,
  listNotificationsQuerySchema,
  nextPageLink,
  type NotificationDto,
  type UnreadCountDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { pageQuery } from '../../http/paging.ts';
import { params, query } from '../../http/validate.ts';
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../services/notifications.ts';

/**
 * The signed-in user's own notifications (mentions, replies). Mounted behind `requireUser`; every
 * route acts on the caller's notifications only, so there is nothing else to authorise.
 */
export function notificationRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', query(listNotificationsQuerySchema), async (c) => {
      const asked = c.req.valid('query');
      const page = await listNotifications(context, c.get('user'), asked);
      if (page.next) {
        c.header('Link', nextPageLink('/api/notifications', pageQuery(c.req.url), page.next));
      }
      return c.json(page.items satisfies NotificationDto[]);
    })

    .get('/unread-count', async (c) => {
      const unread = await countUnreadNotifications(context, c.get('user'));
      return c.json({ unread } satisfies UnreadCountDto);
    })

    .post('/read-all', async (c) => {
      await markAllNotificationsRead(context, c.get('user'));
      return c.body(null, 204);
    })

    .post('/:id/read', params(idParamSchema), async (c) => {
      await markNotificationRead(context, c.get('user'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
