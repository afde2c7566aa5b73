import type { KeysetCursor, NotificationKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  threadId: string;
  commentId: string;
  actorId: string;
}

/**
 * Whose notifications, and which of them they may still see: the user's own, in their body, on documents of
 * `visibleSozialraumIds` (undefined: every Sozialraum of the body, for admins and clerks; see
 * `visibleSozialraumIds` in the domain). A notification on a document the user can no longer read is hidden,
 * not deleted: it comes back if the membership does.
 */
export interface NotificationReader {
  userId: string;
  bodyId: string;
  visibleSozialraumIds: readonly string[] | undefined;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  threadId: string;
  commentId: string;
  actor: { id: string; name: string } | null;
  /** The comment's text ('' when it was deleted). */
  text: string;
  document: {
    id: string;
    kind: 'action_plan' | 'needs';
    sozialraum: { id: string; code: string; name: string };
  };
  createdAt: Date;
  read: boolean;
  /** Where the next page starts when this is the last item of a page. */
  cursor: KeysetCursor;
}

interface RawNotification {
  id: string;
  kind: NotificationKind;
  threadId: string;
  commentId: string;
  actorId: string | null;
  actorName: string | null;
  text: string;
  documentId: string;
  documentKind: 'action_plan' | 'needs';
  sozialraumId: string;
  sozialraumCode: string;
  sozialraumName: string;
  createdAt: Date;
  /** created_at to the microsecond, which a JS Date cannot hold: the keyset must not skip or repeat. */
  createdAtExact: string;
  readAt: Date | null;
}

/** In-app notifications (mentions, replies). Written in the same transaction as the comment they point to. */
export function notificationRepository(sql: Queryable) {
  /** The condition every read and mark shares: the reader's own, and on a document they may read. */
  const visibleTo = (reader: NotificationReader) => {
    const visible = reader.visibleSozialraumIds;
    return sql`n.user_id = ${reader.userId}
      and exists (
        select 1 from comment_thread t join document d on d.id = t.document_id
        where t.id = n.thread_id and t.body_id = ${reader.bodyId} and d.body_id = ${reader.bodyId}
          ${visible ? sql`and d.sozialraum_id = any(${visible as string[]}::uuid[])` : sql``})`;
  };

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

    /** Newest first, `limit` of them after `cursor` (the last item of the previous page). */
    async list(
      reader: NotificationReader,
      page: { limit: number; cursor?: KeysetCursor | undefined },
    ): Promise<NotificationRow[]> {
      const { cursor } = page;
      const rows = await sql<RawNotification[]>`
        select n.id, n.kind, n.thread_id, n.comment_id, n.actor_id, a.name as actor_name, c.text,
               d.id as document_id, d.kind as document_kind,
               s.id as sozialraum_id, s.code as sozialraum_code, s.name as sozialraum_name,
               n.created_at,
               to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at_exact,
               n.read_at
        from notification n
        join comment c on c.id = n.comment_id
        join comment_thread t on t.id = n.thread_id
        join document d on d.id = t.document_id
        join sozialraum s on s.id = d.sozialraum_id
        left join app_user a on a.id = n.actor_id
        where ${visibleTo(reader)}
          ${
            cursor
              ? // Sent as text: postgres.js would pass a timestamptz parameter through a JS Date, dropping
                // the microseconds the keyset needs.
                sql`and (n.created_at, n.id) < (${cursor.at}::text::timestamptz, ${cursor.id}::uuid)`
              : sql``
          }
        order by n.created_at desc, n.id desc
        limit ${page.limit}`;
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        threadId: row.threadId,
        commentId: row.commentId,
        actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
        text: row.text,
        document: {
          id: row.documentId,
          kind: row.documentKind,
          sozialraum: { id: row.sozialraumId, code: row.sozialraumCode, name: row.sozialraumName },
        },
        createdAt: row.createdAt,
        read: row.readAt !== null,
        cursor: { at: row.createdAtExact, id: row.id },
      }));
    },

    async countUnread(reader: NotificationReader): Promise<number> {
      const [row] = await sql<{ unread: number }[]>`
        select count(*)::int as unread from notification n
        where ${visibleTo(reader)} and n.read_at is null`;
      return row?.unread ?? 0;
    },

    /** Marks one read (again is fine); false when the reader has no such notification. */
    async markRead(reader: NotificationReader, id: string): Promise<boolean> {
      const rows = await sql`
        update notification n set read_at = coalesce(n.read_at, now())
        where n.id = ${id} and ${visibleTo(reader)}
        returning n.id`;
      return rows.length > 0;
    },

    /** Marks every notification the reader sees as read; hidden ones stay as they are. */
    async markAllRead(reader: NotificationReader): Promise<void> {
      await sql`update notification n set read_at = now() where n.read_at is null and ${visibleTo(reader)}`;
    },
  };
}
