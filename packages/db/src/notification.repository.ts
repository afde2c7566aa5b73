import type { NotificationKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  threadId: string;
  commentId: string;
  actorId: string;
}

/** In-app notifications (mentions, replies). Written in the same transaction as the comment they point to. */
export function notificationRepository(sql: Queryable) {
  return {
    /** One notification per person and comment: a mention wins over a reply for the same comment. */
    async insertMany(rows: readonly NewNotification[]): Promise<void> {
      const byUser = new Map<string, NewNotification>();
      for (const row of rows) {
        if (row.userId === row.actorId) continue;
        const seen = byUser.get(`${row.userId}:${row.commentId}`);
        if (!seen || row.kind === 'mention') byUser.set(`${row.userId}:${row.commentId}`, row);
      }
      for (const row of byUser.values()) {
        await sql`
          insert into notification (user_id, kind, thread_id, comment_id, actor_id)
          values (${row.userId}, ${row.kind}, ${row.threadId}, ${row.commentId}, ${row.actorId})
          on conflict (user_id, comment_id) do nothing`;
      }
    },
  };
}
