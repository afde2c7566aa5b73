import type { commentAnchors } from '@quartierplan/collab/comments';
import {
  commentRepository,
  notificationRepository,
  userRepository,
  type CommentRecord,
  type CommentThreadRecord,
  type DocumentRow,
  type NewNotification,
  type Queryable,
} from '@quartierplan/db';
import {
  accessAllows,
  QUOTE_MAX,
  sozialraumAccess,
  type Access,
  type CommentDto,
  type CommentThreadDto,
  type CommentThreadStatus,
  type CreateCommentReplyInput,
  type CreateCommentThreadInput,
  type MentionablePersonDto,
  type UpdateCommentInput,
} from '@quartierplan/domain';
import type { ExportCommentThread } from '@quartierplan/export';
import type { AppContext } from '../context.ts';
import type { CurrentUser } from '../http/context.ts';
import { AppError, conflict, forbidden, notFound } from '../http/errors.ts';
import { documentAccess } from '../sync/document-access.ts';
import type { CommentThreadSource } from './document-export.ts';
import type { LiveDocuments } from './live-documents.ts';
import { loadCommentAnchors } from './action-plan-model.ts';

/** What the comment use cases work with: the database and the live documents. */
export interface CommentDeps {
  context: AppContext;
  documents: LiveDocuments;
}

/**
 * The action plan the user may read (`view`) or comment on (`comment`), with the user's access: another
 * body's document is not found, no access or too little is 403, and a needs list has no comments (422).
 */
export async function commentableDocument(
  sql: Queryable,
  user: CurrentUser,
  docId: string,
  need: Access,
): Promise<{ document: DocumentRow; access: Access }> {
  const resolved = await documentAccess(sql, user, docId);
  if (!resolved.found) throw notFound('Dokument nicht gefunden.');
  const { document, access } = resolved;
  if (!access) throw forbidden('Kein Zugriff auf dieses Dokument.');
  if (!accessAllows(access, need)) {
    throw forbidden('Sie haben nur Lesezugriff auf dieses Dokument und können nicht kommentieren.');
  }
  if (document.kind !== 'action_plan') {
    throw new AppError(422, 'comments_unsupported', 'Kommentare gibt es nur im Aktionsplan.');
  }
  return { document, access };
}

const toCommentDto = (c: CommentRecord): CommentDto => ({
  id: c.id,
  author: c.author,
  body: c.body,
  mentions: c.mentions,
  createdAt: c.createdAt.toISOString(),
  editedAt: c.editedAt?.toISOString() ?? null,
  deletedAt: c.deletedAt?.toISOString() ?? null,
});

type Anchors = ReturnType<typeof commentAnchors>;

function toThreadDto(t: CommentThreadRecord, anchors: Anchors): CommentThreadDto {
  const anchor = anchors.get(t.id);
  return {
    id: t.id,
    documentId: t.documentId,
    status: t.resolvedAt ? 'resolved' : 'open',
    anchor: {
      text: anchor?.text ?? '',
      quote: t.quote,
      orphaned: !anchor,
      from: anchor?.from ?? null,
      to: anchor?.to ?? null,
    },
    comments: t.comments.map(toCommentDto),
    createdAt: t.createdAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    resolvedBy: t.resolvedBy,
  };
}

/** Where each thread's mark stands in the live document now. */
async function liveAnchors(documents: LiveDocuments, document: DocumentRow): Promise<Anchors> {
  const { actionPlanProseMirror, commentAnchors } = await loadCommentAnchors();
  return documents.withRoom(document, async (room) => commentAnchors(actionPlanProseMirror(room.doc).doc));
}

/** Anchored threads in document order, orphaned ones last (oldest first). */
function inDocumentOrder(threads: CommentThreadRecord[], anchors: Anchors): CommentThreadDto[] {
  const rank = new Map([...anchors.keys()].map((id, i) => [id, i]));
  return [...threads]
    .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity))
    .map((t) => toThreadDto(t, anchors));
}

/** People of the body who may read the document, by name (and everyone of the body, to name the others). */
async function readers(sql: Queryable, user: CurrentUser, document: DocumentRow) {
  const users = await userRepository(sql).list(user.bodyId);
  const mayRead = users.flatMap((u): MentionablePersonDto[] => {
    const access = u.active ? sozialraumAccess(u, document.sozialraumId) : null;
    return access ? [{ id: u.id, name: u.name, access }] : [];
  });
  return { mayRead, names: new Map(users.map((u) => [u.id, u.name])) };
}

/** The mentioned ids, or 422 naming those who may not read the document. */
async function checkMentions(
  sql: Queryable,
  user: CurrentUser,
  document: DocumentRow,
  mentions: readonly string[] | undefined,
): Promise<string[]> {
  if (!mentions || mentions.length === 0) return [];
  const { mayRead, names } = await readers(sql, user, document);
  const allowed = new Set(mayRead.map((p) => p.id));
  const refused = mentions.filter((id) => !allowed.has(id));
  if (refused.length > 0) {
    // Another body's people stay unnamed: ids alone tell nothing about them.
    const people = refused.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : []));
    const named = people.length > 0 ? `: ${people.map((p) => p.name).join(', ')}` : '';
    throw new AppError(
      422,
      'mention_not_allowed',
      `Erwähnt werden können nur Personen, die dieses Dokument lesen dürfen${named}.`,
      {
        userIds: refused,
        people,
        issues: [{ path: 'mentions', message: 'Diese Personen können das Dokument nicht lesen.' }],
      },
    );
  }
  return [...mentions];
}

const mentionNotifications = (
  userIds: readonly string[],
  threadId: string,
  commentId: string,
  actorId: string,
): NewNotification[] => userIds.map((userId) => ({ userId, kind: 'mention', threadId, commentId, actorId }));

/** `GET /api/documents/:docId/comments` */
export async function listThreads(
  { context, documents }: CommentDeps,
  user: CurrentUser,
  docId: string,
  status: CommentThreadStatus | undefined,
): Promise<CommentThreadDto[]> {
  const { document } = await commentableDocument(context.sql, user, docId, 'view');
  const threads = await commentRepository(context.sql).list(user.bodyId, document.id, status);
  return inDocumentOrder(threads, await liveAnchors(documents, document));
}

/** `GET /api/documents/:docId/people` */
export async function mentionablePeople(
  { context }: CommentDeps,
  user: CurrentUser,
  docId: string,
): Promise<MentionablePersonDto[]> {
  const { document } = await commentableDocument(context.sql, user, docId, 'view');
  return (await readers(context.sql, user, document)).mayRead;
}

const anchorMoved = () =>
  new AppError(
    409,
    'anchor_moved',
    'Der markierte Text hat sich inzwischen geändert. Bitte markieren Sie ihn erneut.',
  );

/**
 * `POST /api/documents/:docId/comments`: checks the anchor against the live document, stores the thread
 * (with mentions and their notifications), then writes the `comment` mark there. A mark that cannot be
 * written (its text deleted meanwhile) takes the thread back out.
 */
export async function openThread(
  { context, documents }: CommentDeps,
  user: CurrentUser,
  docId: string,
  input: CreateCommentThreadInput,
): Promise<CommentThreadDto> {
  const { sql } = context;
  const { document } = await commentableDocument(sql, user, docId, 'comment');
  const mentions = await checkMentions(sql, user, document, input.mentions);
  const {
    absoluteRange,
    actionPlanProseMirror,
    addCommentMark,
    commentAnchors,
    relativeRange,
    resolveAnchor,
  } = await loadCommentAnchors();
  return documents.withRoom(document, async (room) => {
    const found = resolveAnchor(actionPlanProseMirror(room.doc).doc, input.anchor);
    if (!found.ok) throw anchorMoved();
    // Clients may type while the rows are written: the range follows their edits.
    const range = relativeRange(room.doc, found.from, found.to);
    const ids = await sql.begin(async (tx) => {
      const created = await commentRepository(tx).createThread({
        bodyId: user.bodyId,
        documentId: document.id,
        quote: found.text.slice(0, QUOTE_MAX),
        authorId: user.id,
        body: input.body,
        mentions,
      });
      await notificationRepository(tx).insertMany(
        mentionNotifications(mentions, created.threadId, created.commentId, user.id),
      );
      return created;
    });
    const write = { marked: false };
    try {
      const now = absoluteRange(room.doc, range);
      if (now) {
        room.applyServerChange((doc) => {
          write.marked = addCommentMark(doc, ids.threadId, now.from, now.to);
        }, user.id);
        await room.flushed();
      }
    } finally {
      if (!write.marked) await commentRepository(sql).deleteThread(ids.threadId);
    }
    if (!write.marked) throw anchorMoved();
    const thread = await commentRepository(sql).find(user.bodyId, document.id, ids.threadId);
    if (!thread) throw notFound('Kommentar nicht gefunden.');
    return toThreadDto(thread, commentAnchors(actionPlanProseMirror(room.doc).doc));
  });
}

async function loadThread(sql: Queryable, user: CurrentUser, document: DocumentRow, threadId: string) {
  const thread = await commentRepository(sql).find(user.bodyId, document.id, threadId);
  if (!thread) throw notFound('Diesen Kommentar gibt es nicht (mehr).');
  return thread;
}

/** `POST …/comments/:threadId/replies`: notifies the thread's opener and repliers, and the mentioned. */
export async function replyToThread(
  { context }: CommentDeps,
  user: CurrentUser,
  docId: string,
  threadId: string,
  input: CreateCommentReplyInput,
): Promise<CommentDto> {
  const { sql } = context;
  const { document } = await commentableDocument(sql, user, docId, 'comment');
  const thread = await loadThread(sql, user, document, threadId);
  const mentions = await checkMentions(sql, user, document, input.mentions);
  const commentId = await sql.begin(async (tx) => {
    const id = await commentRepository(tx).addComment(thread.id, user.id, input.body, mentions);
    const participants = new Set<string>();
    if (thread.createdBy) participants.add(thread.createdBy);
    for (const c of thread.comments) if (c.author && !c.deletedAt) participants.add(c.author.id);
    await notificationRepository(tx).insertMany([
      ...mentionNotifications(mentions, thread.id, id, user.id),
      ...[...participants].map((userId) => ({
        userId,
        kind: 'reply' as const,
        threadId: thread.id,
        commentId: id,
        actorId: user.id,
      })),
    ]);
    return id;
  });
  const after = await loadThread(sql, user, document, thread.id);
  return toCommentDto(after.comments.find((c) => c.id === commentId)!);
}

function findComment(thread: CommentThreadRecord, commentId: string): CommentRecord {
  const comment = thread.comments.find((c) => c.id === commentId);
  if (!comment || comment.deletedAt) throw notFound('Diesen Kommentar gibt es nicht (mehr).');
  return comment;
}

/** `PATCH …/comments/:threadId/comments/:commentId`: the author's own comment; newly mentioned are notified. */
export async function editComment(
  { context }: CommentDeps,
  user: CurrentUser,
  docId: string,
  threadId: string,
  commentId: string,
  input: UpdateCommentInput,
): Promise<CommentDto> {
  const { sql } = context;
  const { document } = await commentableDocument(sql, user, docId, 'comment');
  const thread = await loadThread(sql, user, document, threadId);
  const comment = findComment(thread, commentId);
  if (comment.author?.id !== user.id) throw forbidden('Sie können nur Ihre eigenen Kommentare bearbeiten.');
  const mentions = await checkMentions(
    sql,
    user,
    document,
    input.mentions ?? comment.mentions.map((m) => m.id),
  );
  await sql.begin(async (tx) => {
    const repo = commentRepository(tx);
    const before = new Set(await repo.mentionsOf(comment.id));
    await repo.updateComment(comment.id, input.body);
    await repo.setMentions(comment.id, mentions);
    await notificationRepository(tx).insertMany(
      mentionNotifications(
        mentions.filter((id) => !before.has(id)),
        thread.id,
        comment.id,
        user.id,
      ),
    );
  });
  return toCommentDto(findComment(await loadThread(sql, user, document, thread.id), comment.id));
}

/**
 * `DELETE …/comments/:threadId/comments/:commentId`: the author's own, or any for editors. The comment keeps
 * its place as deleted; the opening comment of a thread without (remaining) replies takes the thread and
 * its mark with it.
 */
export async function deleteComment(
  { context, documents }: CommentDeps,
  user: CurrentUser,
  docId: string,
  threadId: string,
  commentId: string,
): Promise<void> {
  const { sql } = context;
  const { document, access } = await commentableDocument(sql, user, docId, 'comment');
  const thread = await loadThread(sql, user, document, threadId);
  const comment = findComment(thread, commentId);
  if (comment.author?.id !== user.id && access !== 'edit') {
    throw forbidden('Sie können nur Ihre eigenen Kommentare löschen.');
  }
  const opening = thread.comments[0]?.id === comment.id;
  const replies = thread.comments.slice(1).filter((c) => !c.deletedAt);
  if (!opening || replies.length > 0) {
    await commentRepository(sql).markCommentDeleted(comment.id);
    return;
  }
  await commentRepository(sql).deleteThread(thread.id);
  // A mark left behind would point nowhere; removing it is an edit like any other, stored before relayed.
  const { removeCommentMark } = await loadCommentAnchors();
  await documents.withRoom(document, async (room) => {
    room.applyServerChange((doc) => removeCommentMark(doc, thread.id), user.id);
    await room.flushed();
  });
}

/** `POST …/resolve` and `POST …/reopen`: 409 when the thread already is so. */
export async function setThreadResolved(
  { context, documents }: CommentDeps,
  user: CurrentUser,
  docId: string,
  threadId: string,
  resolved: boolean,
): Promise<CommentThreadDto> {
  const { sql } = context;
  const { document } = await commentableDocument(sql, user, docId, 'comment');
  const thread = await loadThread(sql, user, document, threadId);
  const changed = await commentRepository(sql).setResolved(thread.id, resolved ? user.id : null);
  if (!changed) {
    throw conflict(resolved ? 'Der Kommentar ist bereits erledigt.' : 'Der Kommentar ist bereits offen.', {
      status: resolved ? 'resolved' : 'open',
    });
  }
  return toThreadDto(
    await loadThread(sql, user, document, thread.id),
    await liveAnchors(documents, document),
  );
}

/** The export's view of a document's threads: every remaining comment with its author's name. */
export function commentThreadSource(context: AppContext): CommentThreadSource {
  return {
    async threads(document: DocumentRow): Promise<ExportCommentThread[]> {
      const threads = await commentRepository(context.sql).list(document.bodyId, document.id);
      return threads.map((t) => ({
        id: t.id,
        resolved: t.resolvedAt !== null,
        comments: t.comments
          .filter((c) => !c.deletedAt)
          .map((c) => ({
            authorName: c.author?.name ?? 'Gelöschte Person',
            body: c.body,
            at: c.createdAt.toISOString(),
          })),
      }));
    },
  };
}
