import type { CommentThreadStatus, PersonDto } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

/** One comment of a thread as stored, with its author and the people it mentions. */
export interface CommentRecord {
  id: string;
  threadId: string;
  author: PersonDto | null;
  body: string;
  mentions: PersonDto[];
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/** A thread as stored (its anchor lives in the document), the opening comment first. */
export interface CommentThreadRecord {
  id: string;
  documentId: string;
  quote: string;
  createdBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: PersonDto | null;
  comments: CommentRecord[];
}

interface ThreadRow {
  id: string;
  documentId: string;
  quote: string;
  createdBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolvedByName: string | null;
}

interface CommentRow {
  id: string;
  threadId: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

const person = (id: string | null, name: string | null): PersonDto | null =>
  id && name !== null ? { id, name } : null;

/** Comment threads, their comments and mentions; every read is scoped by body and document. */
export function commentRepository(sql: Queryable) {
  async function commentsOf(threadIds: string[]): Promise<Map<string, CommentRecord[]>> {
    const byThread = new Map<string, CommentRecord[]>(threadIds.map((id) => [id, []]));
    if (threadIds.length === 0) return byThread;
    const rows = await sql<CommentRow[]>`
      select c.id, c.thread_id, c.author_id, u.name as author_name, c.text, c.created_at, c.edited_at,
             c.deleted_at
      from comment c left join app_user u on u.id = c.author_id
      where c.thread_id = any(${threadIds}::uuid[])
      order by c.created_at, c.id`;
    const mentionRows = rows.length
      ? await sql<{ commentId: string; userId: string; name: string }[]>`
          select m.comment_id, m.user_id, u.name
          from comment_mention m join app_user u on u.id = m.user_id
          where m.comment_id = any(${rows.map((r) => r.id)}::uuid[])
          order by lower(u.name)`
      : [];
    const mentions = new Map<string, PersonDto[]>();
    for (const m of mentionRows) {
      mentions.set(m.commentId, [...(mentions.get(m.commentId) ?? []), { id: m.userId, name: m.name }]);
    }
    for (const r of rows) {
      byThread.get(r.threadId)!.push({
        id: r.id,
        threadId: r.threadId,
        author: person(r.authorId, r.authorName),
        body: r.text,
        mentions: r.deletedAt ? [] : (mentions.get(r.id) ?? []),
        createdAt: r.createdAt,
        editedAt: r.editedAt,
        deletedAt: r.deletedAt,
      });
    }
    return byThread;
  }

  async function threads(rows: ThreadRow[]): Promise<CommentThreadRecord[]> {
    const comments = await commentsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      documentId: r.documentId,
      quote: r.quote,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      resolvedBy: r.resolvedAt ? person(r.resolvedById, r.resolvedByName) : null,
      comments: comments.get(r.id) ?? [],
    }));
  }

  async function setMentions(commentId: string, mentions: readonly string[]): Promise<void> {
    await sql`delete from comment_mention where comment_id = ${commentId}`;
    for (const userId of mentions) {
      await sql`insert into comment_mention (comment_id, user_id) values (${commentId}, ${userId})`;
    }
  }

  /** Adds a comment (a reply, or a thread's first) with its mentions; returns its id. */
  async function addComment(threadId: string, authorId: string, body: string, mentions: readonly string[]) {
    // clock_timestamp: a thread's first comment and a reply in the same transaction keep their order.
    const [row] = await sql<{ id: string }[]>`
      insert into comment (thread_id, author_id, text, created_at)
      values (${threadId}, ${authorId}, ${body}, clock_timestamp())
      returning id`;
    await setMentions(row!.id, mentions);
    return row!.id;
  }

  const threadColumns = sql`
    t.id, t.document_id, t.quote, t.created_by, t.created_at, t.resolved_at,
    t.resolved_by as resolved_by_id, u.name as resolved_by_name`;

  return {
    /** The document's threads, oldest first, optionally only open or resolved ones. */
    async list(
      bodyId: string,
      documentId: string,
      status?: CommentThreadStatus,
    ): Promise<CommentThreadRecord[]> {
      const rows = await sql<ThreadRow[]>`
        select ${threadColumns}
        from comment_thread t left join app_user u on u.id = t.resolved_by
        where t.body_id = ${bodyId} and t.document_id = ${documentId}
          ${status === 'open' ? sql`and t.resolved_at is null` : sql``}
          ${status === 'resolved' ? sql`and t.resolved_at is not null` : sql``}
        order by t.created_at, t.id`;
      return threads(rows);
    },

    async find(bodyId: string, documentId: string, threadId: string): Promise<CommentThreadRecord | null> {
      const rows = await sql<ThreadRow[]>`
        select ${threadColumns}
        from comment_thread t left join app_user u on u.id = t.resolved_by
        where t.body_id = ${bodyId} and t.document_id = ${documentId} and t.id = ${threadId}`;
      return (await threads(rows))[0] ?? null;
    },

    /** Opens a thread with its first comment; returns both ids. */
    async createThread(args: {
      bodyId: string;
      documentId: string;
      quote: string;
      authorId: string;
      body: string;
      mentions: readonly string[];
    }): Promise<{ threadId: string; commentId: string }> {
      const [thread] = await sql<{ id: string }[]>`
        insert into comment_thread (body_id, document_id, quote, created_by)
        values (${args.bodyId}, ${args.documentId}, ${args.quote}, ${args.authorId})
        returning id`;
      const commentId = await addComment(thread!.id, args.authorId, args.body, args.mentions);
      return { threadId: thread!.id, commentId };
    },

    addComment,
    setMentions,

    /** Who is mentioned in a comment now (to notify only the newly mentioned after an edit). */
    async mentionsOf(commentId: string): Promise<string[]> {
      const rows = await sql<{ userId: string }[]>`
        select user_id from comment_mention where comment_id = ${commentId}`;
      return rows.map((r) => r.userId);
    },

    async updateComment(commentId: string, body: string): Promise<void> {
      await sql`update comment set text = ${body}, edited_at = now() where id = ${commentId}`;
    },

    /** Keeps the comment's place in the thread, its text and mentions gone. */
    async markCommentDeleted(commentId: string): Promise<void> {
      await sql`update comment set text = '', deleted_at = now() where id = ${commentId}`;
      await sql`delete from comment_mention where comment_id = ${commentId}`;
    },

    async deleteThread(threadId: string): Promise<void> {
      await sql`delete from comment_thread where id = ${threadId}`;
    },

    /** Sets or clears the resolution; false when the thread already was so. */
    async setResolved(threadId: string, resolvedBy: string | null): Promise<boolean> {
      const rows = resolvedBy
        ? await sql`
            update comment_thread set resolved_at = now(), resolved_by = ${resolvedBy}
            where id = ${threadId} and resolved_at is null returning id`
        : await sql`
            update comment_thread set resolved_at = null, resolved_by = null
            where id = ${threadId} and resolved_at is not null returning id`;
      return rows.length > 0;
    },
  };
}
