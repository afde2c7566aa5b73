import {
  latestDots,
  needDotHistory,
  readNeeds,
  readRoundSummaries,
  type Need,
  type RoundSummary,
} from '@quartierplan/collab';
import { sozialraumRepository, type DocumentRow } from '@quartierplan/db';
import {
  berlinToday,
  DOCUMENT_EXPORT_FORMATS,
  NEED_PRIORITY_LABELS,
  NEED_SOURCE_LABELS,
  NEED_STATUS_LABELS,
  type DocumentExportQuery,
} from '@quartierplan/domain';
import type { ExportCommentThread } from '@quartierplan/export';
import type { AppContext } from '../context.ts';
import type { CurrentUser } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { sheet, toCsv, toXlsx, type Column } from '../http/spreadsheet.ts';
import { loadDocument } from './document-versions.ts';
import type { LiveDocuments } from './live-documents.ts';
import { loadRenderers } from './renderers.ts';
import { loadEditorModel } from './action-plan-model.ts';

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
 * tracked changes), the needs list as CSV, XLSX or PDF.
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
  if (document.kind === 'needs') return exportNeeds(documents, user, document, sozialraum, query.format);
  const { actionPlanJson } = await loadEditorModel();
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
  const render = await loadRenderers();
  const bytes =
    format === 'docx' ? await render.renderActionPlanDocx(input) : await render.renderActionPlanPdf(input);
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

/** A need as the export lists it: its fields and the dots of the latest round it was on the ballot of. */
interface NeedRow {
  need: Need;
  dots: number | null;
  round: RoundSummary | null;
}

const NEED_COLUMNS: Column<NeedRow>[] = [
  { header: 'Titel', width: 30, kind: 'text', value: (r) => r.need.title },
  { header: 'Beschreibung', width: 50, kind: 'text', value: (r) => r.need.description },
  { header: 'Zielgruppe', width: 20, kind: 'text', value: (r) => r.need.targetGroup },
  {
    header: 'Quelle',
    width: 18,
    kind: 'text',
    value: (r) => NEED_SOURCE_LABELS[r.need.source] ?? r.need.source,
  },
  {
    header: 'Priorität',
    width: 15,
    kind: 'text',
    value: (r) => NEED_PRIORITY_LABELS[r.need.priority] ?? r.need.priority,
  },
  {
    header: 'Status',
    width: 17,
    kind: 'text',
    value: (r) => NEED_STATUS_LABELS[r.need.status] ?? r.need.status,
  },
  { header: 'Punkte', width: 13, kind: 'number', value: (r) => r.dots },
  {
    header: 'Abstimmungsrunde',
    width: 30,
    kind: 'text',
    value: (r) => (r.round ? `${r.round.workshopTitle}, Runde ${r.round.number}` : null),
  },
];

/** The needs list in its order, with the latest voting results, as CSV, XLSX or PDF. */
async function exportNeeds(
  documents: LiveDocuments,
  user: CurrentUser,
  document: DocumentRow,
  sozialraum: { code: string; name: string },
  format: DocumentExportQuery['format'],
): Promise<ExportedFile> {
  const rows = await documents.withRoom(document, async (room) => {
    const rounds = readRoundSummaries(room.doc);
    return readNeeds(room.doc).map((need): NeedRow => {
      const latest = needDotHistory(need, rounds).at(-1);
      return { need, dots: latestDots(need, rounds), round: latest?.round ?? null };
    });
  });
  const date = berlinToday();
  const fileName = (extension: string) => `Bedarfe-${safeName(sozialraum.code)}-${date}.${extension}`;
  if (format === 'csv') {
    return {
      bytes: new TextEncoder().encode(toCsv(NEED_COLUMNS, rows)),
      fileName: fileName('csv'),
      contentType: MEDIA_TYPES.csv,
    };
  }
  if (format === 'xlsx') {
    const bytes = await toXlsx([sheet({ name: 'Bedarfe', columns: NEED_COLUMNS, rows })]);
    return { bytes: new Uint8Array(bytes), fileName: fileName('xlsx'), contentType: MEDIA_TYPES.xlsx };
  }
  const bytes = await (
    await loadRenderers()
  ).renderTablePdf({
    body: { name: user.bodyName, letterhead: LETTERHEAD },
    title: `Bedarfe ${sozialraum.name}`,
    subject: `Sozialraum: ${sozialraum.code} ${sozialraum.name}`,
    date,
    columns: NEED_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    rows: rows.map((row) =>
      NEED_COLUMNS.map((c) => {
        const value = c.value(row);
        return value === null ? '' : String(value);
      }),
    ),
  });
  return { bytes: new Uint8Array(bytes), fileName: fileName('pdf'), contentType: MEDIA_TYPES.pdf };
}
