import { z } from 'zod';
import { idSchema } from '../schemas.ts';

export const COMMENT_TEXT_MAX = 5000;
/** At most this many people in one comment (a comment is not a mailing list). */
export const MENTIONS_MAX = 20;
/** A thread anchors to at most this much text (the quote kept for orphaned threads is cut there). */
export const QUOTE_MAX = 500;

const commentText = z
  .string({ message: 'Bitte einen Kommentar schreiben.' })
  .trim()
  .min(1, { message: 'Bitte einen Kommentar schreiben.' })
  .max(COMMENT_TEXT_MAX, { message: `Ein Kommentar darf höchstens ${COMMENT_TEXT_MAX} Zeichen lang sein.` });

/**
 * People mentioned in the text (`@Name` in the text is for reading; these ids are what counts). Each must be
 * able to read the document, or the request is refused with 422 naming them.
 */
const mentions = z
  .array(idSchema, { message: 'mentions muss eine Liste von Personen-Kennungen sein.' })
  .max(MENTIONS_MAX, { message: `Höchstens ${MENTIONS_MAX} Personen je Kommentar erwähnen.` })
  .transform((ids) => [...new Set(ids)])
  .optional();

/** ProseMirror positions in the current document (as `EditorState.selection` counts them), `from < to`. */
export const commentAnchorSchema = z
  .object({
    from: z.number({ message: 'from muss eine Zahl sein.' }).int().min(0),
    to: z.number({ message: 'to muss eine Zahl sein.' }).int().min(0),
    /**
     * The selected text as the client saw it. When given and the text at from–to differs (someone typed
     * meanwhile), the server anchors to the nearest occurrence of it instead, or answers 409.
     */
    quote: z
      .string()
      .max(QUOTE_MAX * 4)
      .optional(),
  })
  .refine((a) => a.from < a.to, {
    message: 'Bitte Text markieren, der kommentiert werden soll.',
    path: ['to'],
  });
export type CommentAnchorInput = z.infer<typeof commentAnchorSchema>;

/** `POST /api/documents/:docId/comments`: opens a thread on the marked text. */
export const createCommentThreadInputSchema = z.object({
  body: commentText,
  anchor: commentAnchorSchema,
  mentions,
});
export type CreateCommentThreadInput = z.infer<typeof createCommentThreadInputSchema>;

/** `POST /api/documents/:docId/comments/:threadId/replies` */
export const createCommentReplyInputSchema = z.object({ body: commentText, mentions });
export type CreateCommentReplyInput = z.infer<typeof createCommentReplyInputSchema>;

/** `PATCH /api/documents/:docId/comments/:threadId/comments/:commentId`: only one's own comment. */
export const updateCommentInputSchema = z.object({ body: commentText, mentions });
export type UpdateCommentInput = z.infer<typeof updateCommentInputSchema>;

export const commentThreadParamsSchema = z.object({ docId: idSchema, threadId: idSchema });
export const commentParamsSchema = z.object({ docId: idSchema, threadId: idSchema, commentId: idSchema });

/** `GET /api/documents/:docId/comments?status=open|resolved` (no status: all). */
export const listCommentThreadsQuerySchema = z.object({
  status: z.enum(['open', 'resolved'], { message: 'status muss open oder resolved sein.' }).optional(),
});
