import { readNeeds } from '@quartierplan/collab';
import {
  auditRepository,
  indicatorValueRepository,
  needCitationRepository,
  sozialraumRepository,
  type DocumentRow,
  type NeedCitationRow,
  type Queryable,
} from '@quartierplan/db';
import {
  accessAllows,
  sozialraumAccess,
  visibleSozialraumIds,
  type Access,
  type CitableFigureDto,
  type CitationDto,
  type CitationInput,
  type DocumentCitationDto,
  type PaperCitationDto,
  type Principal,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import type { CurrentUser } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { documentAccess } from '../sync/document-access.ts';
import { publishedFigures } from './figures.ts';
import type { LiveDocuments } from './live-documents.ts';
import { loadReadablePaper } from './papers.ts';

/** What citing works with: the database and the live documents (the needs are read where they are edited). */
export interface CitationDeps {
  context: AppContext;
  documents: Pick<LiveDocuments, 'withRoom'>;
}

/** The name a city-wide figure shows. */
export const CITY_NAME = 'Gesamtstadt';

/**
 * The needs list the user may read (`view`) or change (`edit`): another body's document is not found, no
 * access or too little is 403, an action plan has no citations (422).
 */
export async function citableDocument(
  sql: Queryable,
  user: Principal,
  docId: string,
  need: Access,
): Promise<DocumentRow> {
  const resolved = await documentAccess(sql, user, docId);
  if (!resolved.found) throw notFound('Dokument nicht gefunden.');
  if (!resolved.access) throw forbidden('Kein Zugriff auf dieses Dokument.');
  if (!accessAllows(resolved.access, need))
    throw forbidden('Sie haben nur Lesezugriff auf diese Bedarfsliste und können keine Belege ändern.');
  if (resolved.document.kind !== 'needs')
    throw new AppError(422, 'citations_unsupported', 'Belege gibt es nur in der Bedarfsliste.');
  return resolved.document;
}

export function toCitationDto(row: NeedCitationRow): CitationDto {
  return {
    id: row.id,
    needId: row.needId,
    indicatorId: row.indicatorId,
    indicatorName: row.indicatorName,
    unit: row.unit,
    precision: Number(row.precision),
    sozialraum: { id: row.sozialraumId, name: row.sozialraumName },
    date: row.referenceDate,
    value: row.value,
    suppressed: row.value === null,
    citedBy: row.citedById && row.citedByName ? { id: row.citedById, name: row.citedByName } : null,
    citedAt: row.citedAt.toISOString(),
  };
}

/** The needs of the live document, by id with their titles. */
function liveNeeds({ documents }: CitationDeps, document: DocumentRow): Promise<Map<string, string>> {
  return documents.withRoom(
    document,
    async (room) => new Map(readNeeds(room.doc).map((need) => [need.id, need.title])),
  );
}

/** `GET /api/documents/:docId/needs/:needId/citations` (a removed need's citations too: they stay). */
export async function listNeedCitations(
  deps: CitationDeps,
  user: CurrentUser,
  docId: string,
  needId: string,
): Promise<CitationDto[]> {
  const document = await citableDocument(deps.context.sql, user, docId, 'view');
  const rows = await needCitationRepository(deps.context.sql).listForDocument(
    user.bodyId,
    document.id,
    needId,
  );
  if (rows.length === 0 && !(await liveNeeds(deps, document)).has(needId))
    throw notFound('Bedarf nicht gefunden.');
  return rows.map(toCitationDto);
}

/** `GET /api/documents/:docId/citations`: every citation of the list; those of removed needs say so. */
export async function listDocumentCitations(
  deps: CitationDeps,
  user: CurrentUser,
  docId: string,
): Promise<DocumentCitationDto[]> {
  const document = await citableDocument(deps.context.sql, user, docId, 'view');
  const rows = await needCitationRepository(deps.context.sql).listForDocument(user.bodyId, document.id);
  const needs = await liveNeeds(deps, document);
  return rows.map((row) => ({
    ...toCitationDto(row),
    needTitle: needs.get(row.needId) ?? null,
    needRemoved: !needs.has(row.needId),
  }));
}

/** The place a figure belongs to, as the user may see it: null for the city; 404 unknown, 403 not visible. */
async function visiblePlace(
  sql: Queryable,
  user: Principal,
  sozialraumId: string | null,
): Promise<{ id: string | null; name: string }> {
  if (sozialraumId === null) return { id: null, name: CITY_NAME };
  const sozialraum = await sozialraumRepository(sql).findById(user.bodyId, sozialraumId);
  if (!sozialraum) throw notFound('Sozialraum nicht gefunden.');
  if (!sozialraumAccess(user, sozialraum.id))
    throw forbidden('Zahlen dieses Sozialraums dürfen Sie nicht sehen.');
  return { id: sozialraum.id, name: sozialraum.name };
}

/** The published figure (after disclosure control) of an indicator of the body; 404 for another body's. */
async function publishedFigure(
  sql: Queryable,
  user: Principal,
  indicatorId: string,
  sozialraumId: string | null,
  date: string,
) {
  const indicator = await needCitationRepository(sql).indicator(user.bodyId, indicatorId);
  if (!indicator) throw notFound('Indikator nicht gefunden.');
  const place = await visiblePlace(sql, user, sozialraumId);
  const book = await publishedFigures(sql, user.bodyId, [indicator.id], [date]);
  return { indicator, place, figure: book.figure(indicator.id, place.id, date) };
}

/** `GET /api/documents/:docId/citable-figure`: what a citation would freeze now (the dialog shows it). */
export async function citableFigure(
  deps: CitationDeps,
  user: CurrentUser,
  docId: string,
  input: { indicatorId: string; sozialraumId?: string | undefined; date: string },
): Promise<CitableFigureDto> {
  await citableDocument(deps.context.sql, user, docId, 'edit');
  const { figure } = await publishedFigure(
    deps.context.sql,
    user,
    input.indicatorId,
    input.sozialraumId ?? null,
    input.date,
  );
  return figure ? { ...figure, exists: true } : { value: null, suppressed: false, exists: false };
}

/**
 * `POST /api/documents/:docId/needs/:needId/citations`: freezes the figure as published now (a suppressed
 * figure is cited as suppressed). 404: no such need in the live list, an unknown indicator or Sozialraum;
 * 403: a Sozialraum the person may not see; 422: no value at that date.
 */
export async function citeFigure(
  deps: CitationDeps,
  user: CurrentUser,
  docId: string,
  needId: string,
  input: CitationInput,
): Promise<CitationDto> {
  const { sql } = deps.context;
  const document = await citableDocument(sql, user, docId, 'edit');
  if (!(await liveNeeds(deps, document)).has(needId)) throw notFound('Bedarf nicht gefunden.');
  const { indicator, place, figure } = await publishedFigure(
    sql,
    user,
    input.indicatorId,
    input.sozialraumId,
    input.date,
  );
  if (!figure)
    throw new AppError(422, 'validation_failed', 'Für dieses Datum gibt es dort keinen Wert.', {
      issues: [{ path: 'date', message: 'Für dieses Datum gibt es dort keinen Wert des Indikators.' }],
    });
  const repo = needCitationRepository(sql);
  const id = await repo.create({
    bodyId: user.bodyId,
    documentId: document.id,
    needId,
    indicatorId: indicator.id,
    indicatorName: indicator.name,
    unit: indicator.unit,
    precision: Number(indicator.precision),
    sozialraumId: place.id,
    sozialraumName: place.name,
    referenceDate: input.date,
    value: figure.value,
    citedBy: user.id,
  });
  return toCitationDto((await repo.find(user.bodyId, document.id, id))!);
}

/** `DELETE …/citations/:id`: editors of the list remove any citation of it. */
export async function removeCitation(
  deps: CitationDeps,
  user: CurrentUser,
  docId: string,
  needId: string,
  id: string,
): Promise<void> {
  const { sql } = deps.context;
  const document = await citableDocument(sql, user, docId, 'edit');
  const repo = needCitationRepository(sql);
  const row = await repo.find(user.bodyId, document.id, id);
  if (!row || row.needId !== needId) throw notFound('Beleg nicht gefunden.');
  await repo.delete(user.bodyId, document.id, id);
}

/**
 * `GET /api/papers/:id/citations`: the citations of the needs linked to the paper's measures (measure →
 * needs → citations), one entry per citation with the measures it comes through; only needs lists and
 * figures of Sozialräume the reader sees.
 */
export async function paperCitations(
  context: AppContext,
  user: CurrentUser,
  paperId: string,
): Promise<PaperCitationDto[]> {
  const paper = await loadReadablePaper(context.sql, user, paperId);
  const rows = await needCitationRepository(context.sql).listForPaper(user.bodyId, paper.id);
  const visible = visibleSozialraumIds(user);
  const documentSozialraum = new Map<string, string>();
  const byId = new Map<string, PaperCitationDto>();
  for (const row of rows) {
    if (visible) {
      if (!documentSozialraum.has(row.documentId)) {
        const resolved = await documentAccess(context.sql, user, row.documentId);
        documentSozialraum.set(row.documentId, resolved.found ? resolved.document.sozialraumId : '');
      }
      if (!visible.includes(documentSozialraum.get(row.documentId)!)) continue;
      if (row.sozialraumId && !visible.includes(row.sozialraumId)) continue;
    }
    const entry = byId.get(row.id) ?? {
      ...toCitationDto(row),
      needTitle: row.needTitle,
      measures: [],
      source: row.source,
    };
    if (!entry.measures.some((m) => m.id === row.measureId))
      entry.measures.push({ id: row.measureId, title: row.measureTitle });
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

/** `GET /api/body/disclosure` */
export function disclosureThreshold(context: AppContext, user: Principal): Promise<number> {
  return indicatorValueRepository(context.sql).disclosureThreshold(user.bodyId);
}

/** `PUT /api/body/disclosure`: sets the threshold and records `settings_changed`, in one transaction. */
export async function setDisclosureThreshold(
  context: AppContext,
  admin: Principal,
  threshold: number,
): Promise<void> {
  await context.sql.begin(async (tx) => {
    const before = await indicatorValueRepository(tx).disclosureThreshold(admin.bodyId);
    await needCitationRepository(tx).setDisclosureThreshold(admin.bodyId, threshold);
    await auditRepository(tx).record({
      bodyId: admin.bodyId,
      kind: 'settings_changed',
      actorId: admin.id,
      details: { setting: 'disclosure_threshold', from: before, to: threshold },
    });
  });
}
