import { z } from 'zod';

// Answers of the comments and notifications API (docs/CONTRACT.md, "Comments and suggestions").

const personDtoSchema = z.object({ id: z.string(), name: z.string() });
export type PersonDto = z.infer<typeof personDtoSchema>;

export const commentDtoSchema = z.object({
  id: z.string(),
  /** null when the author's account was deleted. */
  author: personDtoSchema.nullable(),
  /** '' when deleted. */
  body: z.string(),
  mentions: z.array(personDtoSchema),
  /** ISO 8601 timestamps. */
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type CommentDto = z.infer<typeof commentDtoSchema>;

export const COMMENT_THREAD_STATUSES = ['open', 'resolved'] as const;
export type CommentThreadStatus = (typeof COMMENT_THREAD_STATUSES)[number];

/** One thread. `anchor` is read from the live document each time: the marked text as it stands now. */
export const commentThreadDtoSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  status: z.enum(COMMENT_THREAD_STATUSES),
  anchor: z.object({
    /** The marked text now ('' when orphaned). */
    text: z.string(),
    /** The text that was marked when the thread was opened. */
    quote: z.string(),
    /** The marked text was deleted: the thread is kept and shown as such. */
    orphaned: z.boolean(),
    /** ProseMirror positions of the first marked range now (null when orphaned), for jump-to-text. */
    from: z.number().nullable(),
    to: z.number().nullable(),
  }),
  /** The opening comment first, then the replies, oldest first. */
  comments: z.array(commentDtoSchema),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: personDtoSchema.nullable(),
});
export type CommentThreadDto = z.infer<typeof commentThreadDtoSchema>;

/** `GET /api/documents/:docId/people`: who may be mentioned (everyone who may read the document). */
export const mentionablePersonDtoSchema = personDtoSchema.extend({
  access: z.enum(['edit', 'comment', 'view']),
});
export type MentionablePersonDto = z.infer<typeof mentionablePersonDtoSchema>;

/** `milestone_due`: a milestone one is responsible for falls due within a week; `milestone_late`: it is past. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'milestone_due', 'milestone_late'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Items of `GET /api/notifications` (newest first). */
export const notificationDtoSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** Who mentioned or replied (null when that account was deleted, and for milestone reminders). */
  actor: personDtoSchema.nullable(),
  /** The start of the comment's text (up to 200 characters); a reminder: the milestone's title. */
  excerpt: z.string(),
  /** Mentions and replies: the thread and comment; null for milestone reminders. */
  threadId: z.string().nullable(),
  commentId: z.string().nullable(),
  document: z
    .object({
      id: z.string(),
      kind: z.enum(['action_plan', 'needs']),
      sozialraum: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    })
    .nullable(),
  /** Milestone reminders: the milestone and its measure; null for mentions and replies. */
  milestone: z
    .object({
      id: z.string(),
      title: z.string(),
      plannedDate: z.string(),
      measure: z.object({ id: z.string(), title: z.string() }),
    })
    .nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationDto = z.infer<typeof notificationDtoSchema>;

/** `GET /api/notifications/unread-count` (polled by the header). */
export const unreadCountDtoSchema = z.object({ unread: z.number() });
export type UnreadCountDto = z.infer<typeof unreadCountDtoSchema>;
