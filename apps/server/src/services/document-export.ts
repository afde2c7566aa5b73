import { actionPlanJson } from '@quartierplan/collab/editor';
import { sozialraumRepository, type DocumentRow } from '@quartierplan/db';
import { berlinToday, DOCUMENT_EXPORT_FORMATS, type DocumentExportQuery } from '@quartierplan/domain';
import { renderActionPlanDocx, renderActionPlanPdf, type ExportCommentThread } from '@quartierplan/export';
import type { AppContext } from '../context.ts';
import type { CurrentUser } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { loadDocument } from './document-versions.ts';
import type { LiveDocuments } from './live-documents.ts';

/**
 * Where the export finds a document's comment threads. The threads live in PostgreSQL (their anchors in the
 * text); until that table exists the source has none, and the comments work plugs its repository in here.
 */
export interface CommentThreadSource {
  threads(document: DocumentRow): Promise<ExportCommentThread[]>;
}

export const noCommentThreads: CommentThreadSource = { threads: async () => [] };

/** An exported file: its bytes, download name and media type. */
export interface ExportedFile {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  contentType: string;
}

export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const LETTERHEAD = ['Der Oberbürgermeister'];

/** A document the user may read (else 404/403), as every export needs. */
export function readableDocument(
  context: AppContext,
  user: CurrentUser,
  docId: string,
): Promise<DocumentRow> {
  return loadDocument(context.sql, user, docId, 'view');
}

/** A readable document, its Sozialraum, and a format its kind offers (or 422). */
async function exportable(
  context: AppContext,
  user: CurrentUser,
  docId: string,
  format: DocumentExportQuery['format'],
) {
  const document = await readableDocument(context, user, docId);
  const offered: readonly string[] = DOCUMENT_EXPORT_FORMATS[document.kind];
  if (!offered.includes(format)) {
    const message = `Dieses Dokument lässt sich nur als ${offered.join(', ')} exportieren.`;
    throw new AppError(422, 'validation_failed', message, { issues: [{ path: 'format', message }] });
  }
  const sozialraum = await sozialraumRepository(context.sql).findById(user.bodyId, document.sozialraumId);
  if (!sozialraum) throw notFound('Dokument nicht gefunden.');
  return { document, sozialraum };
}

/**
 * A document as a file, read from the live document so edits not yet in a snapshot are in: the action plan
 * as DOCX or PDF (with `markup`, DOCX carries open comment threads and suggestions as Word comments and
 * tracked changes).
 */
export async function exportDocument(
  context: AppContext,
  documents: LiveDocuments,
  commentThreads: CommentThreadSource,
  user: CurrentUser,
  docId: string,
  query: DocumentExportQuery,
): Promise<ExportedFile> {
  const { document, sozialraum } = await exportable(context, user, docId, query.format);
  const content = await documents.withRoom(document, async (room) => actionPlanJson(room.doc));
  const markup = query.markup && query.format === 'docx';
  const date = berlinToday();
  const input = {
    body: { name: user.bodyName, letterhead: LETTERHEAD },
    sozialraum: { code: sozialraum.code, name: sozialraum.name },
    date,
    content,
    markup,
    threads: markup ? await commentThreads.threads(document) : [],
  };
  const format = query.format === 'docx' ? 'docx' : 'pdf';
  const bytes = format === 'docx' ? await renderActionPlanDocx(input) : await renderActionPlanPdf(input);
  return {
    bytes: new Uint8Array(bytes),
    fileName: `Aktionsplan-${safeName(sozialraum.code)}-${date}.${format}`,
    contentType: MEDIA_TYPES[format],
  };
}

/** A Sozialraum code made safe for a file name. */
export function safeName(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '-');
}
