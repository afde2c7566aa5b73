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

/** A milestone reminder to write (the reminder job). */
export interface NewReminder {
  userId: string;
  milestoneId: string;
  kind: 'milestone_due' | 'milestone_late';
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  /** Mentions and replies: the thread and comment; null for milestone reminders. */
  threadId: string | null;
  commentId: string | null;
  actor: { id: string; name: string } | null;
  /** The comment's text ('' when it was deleted); a reminder: the milestone's title. */
  text: string;
  document: {
    id: string;
    kind: 'action_plan' | 'needs';
    sozialraum: { id: string; code: string; name: string };
  } | null;
  /** Milestone reminders: the milestone and its measure; null for mentions and replies. */
  milestone: {
    id: string;
    title: string;
    plannedDate: string;
    measure: { id: string; title: string };
  } | null;
  createdAt: Date;
  read: boolean;
  /** Where the next page starts when this is the last item of a page. */
  cursor: KeysetCursor;
}

interface RawNotification {
  id: string;
  kind: NotificationKind;
  threadId: string | null;
  commentId: string | null;
  actorId: string | null;
  actorName: string | null;
  text: string | null;
  documentId: string | null;
  documentKind: 'action_plan' | 'needs' | null;
  sozialraumId: string | null;
  sozialraumCode: string | null;
  sozialraumName: string | null;
  milestoneId: string | null;
  milestoneTitle: string | null;
  milestonePlannedDate: string | null;
  measureId: string | null;
  measureTitle: string | null;
  createdAt: Date;
  /** created_at to the microsecond, which a JS Date cannot hold: the keyset must not skip or repeat. */
  createdAtExact: string;
  readAt: Date | null;
}

/**
 * In-app notifications: mentions and replies (written in the same transaction as the comment they point to)
 * and milestone reminders (the reminder job).
 */
export function notificationRepository(sql: Queryable) {
  /**
   * The condition every read and mark shares: the reader's own, and on a document they may read, or (a
   * reminder) on a milestone of a measure of their body they may see (city-wide, or one of its Sozialräume).
   */
  const visibleTo = (reader: NotificationReader) => {
    const visible = reader.visibleSozialraumIds;
    return sql`n.user_id = ${reader.userId}
      and (exists (
        select 1 from comment_thread t join document d on d.id = t.document_id
        where t.id = n.thread_id and t.body_id = ${reader.bodyId} and d.body_id = ${reader.bodyId}
          ${visible ? sql`and d.sozialraum_id = any(${visible as string[]}::uuid[])` : sql``})
      or exists (
        select 1 from measure_milestone vm join measure vme on vme.id = vm.measure_id
        where vm.id = n.milestone_id and vme.body_id = ${reader.bodyId}
          ${
            visible
              ? sql`and (vme.city_wide or exists (select 1 from measure_sozialraum vs
                   where vs.measure_id = vme.id and vs.sozialraum_id = any(${visible as string[]}::uuid[])))`
              : sql``
          }))`;
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

    /** One reminder of a kind per person and milestone: false when it was already written. */
    async insertReminder(row: NewReminder): Promise<boolean> {
      const written = await sql`
        insert into notification (user_id, kind, milestone_id)
        values (${row.userId}, ${row.kind}, ${row.milestoneId})
        on conflict (user_id, milestone_id, kind) where milestone_id is not null do nothing
        returning id`;
      return written.length > 0;
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
               n.read_at, n.milestone_id, mm.title as milestone_title,
               mm.planned_date as milestone_planned_date, me.id as measure_id, me.title as measure_title
        from notification n
        left join comment c on c.id = n.comment_id
        left join comment_thread t on t.id = n.thread_id
        left join document d on d.id = t.document_id
        left join sozialraum s on s.id = d.sozialraum_id
        left join measure_milestone mm on mm.id = n.milestone_id
        left join measure me on me.id = mm.measure_id
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
        text: row.milestoneId ? (row.milestoneTitle ?? '') : (row.text ?? ''),
        document:
          row.documentId && row.documentKind && row.sozialraumId
            ? {
                id: row.documentId,
                kind: row.documentKind,
                sozialraum: {
                  id: row.sozialraumId,
                  code: row.sozialraumCode ?? '',
                  name: row.sozialraumName ?? '',
                },
              }
            : null,
        milestone:
          row.milestoneId && row.measureId
            ? {
                id: row.milestoneId,
                title: row.milestoneTitle ?? '',
                plannedDate: row.milestonePlannedDate ?? '',
                measure: { id: row.measureId, title: row.measureTitle ?? '' },
              }
            : null,
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
