import {
  bodyRepository,
  measureRepository,
  milestonesOfMeasures,
  paperRepository,
  publicMeasureRepository,
} from '@quartierplan/db';
import {
  cutPage,
  localToday,
  milestoneDaysLate,
  type Measure,
  type Page,
  type PublicMeasureDto,
  type PublicMeasuresDto,
  type PublicMeasuresQuery,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { exportFileName, toPaperDocumentInput } from './paper-export.ts';
import { loadRenderers } from './renderers.ts';

/**
 * `GET /api/public/measures` (no session): the body's measures an admin opened to the public, last changed
 * first, with only what may leave the body: no person (responsible people, authors), no cost, no internal
 * note (goals, target group, funding), no private measure's trace.
 */
export async function publicMeasuresPage(
  { sql }: AppContext,
  query: PublicMeasuresQuery,
  today = localToday(),
): Promise<{ body: PublicMeasuresDto['body']; page: Page<PublicMeasureDto> }> {
  const bodies = bodyRepository(sql);
  const body = query.bodyId ? await bodies.findById(query.bodyId) : await bodies.findOnly();
  if (!body)
    throw notFound(query.bodyId ? 'Diese Kommune gibt es nicht.' : 'Bitte die Kommune angeben (bodyId).');
  const rows = await measureRepository(sql).list(
    body.id,
    { publicOnly: true },
    { limit: query.limit + 1, cursor: query.cursor },
  );
  const shown = rows.slice(0, query.limit);
  const ids = shown.map((m) => m.id);
  const extra = publicMeasureRepository(sql);
  const [milestones, reports, papers] = await Promise.all([
    milestonesOfMeasures(sql, ids),
    extra.latestReports(ids),
    extra.decidingPapers(body.id, ids),
  ]);
  const toDto = (m: Measure): PublicMeasureDto => {
    const report = reports.find((r) => r.measureId === m.id);
    const paper = papers.find((p) => p.measureId === m.id);
    return {
      id: m.id,
      title: m.title,
      description: m.description,
      handlungsfeld: m.handlungsfeld,
      status: m.status,
      cityWide: m.cityWide,
      sozialraeume: m.sozialraeume.map((s) => ({ code: s.code, name: s.name })),
      decisionDate: m.decisionDate,
      paperReference: m.paperReference,
      paper: paper ? { id: paper.id, reference: paper.reference, subject: paper.subject } : null,
      progress: m.progress,
      latestReport: report ? { date: report.date, text: report.text, progress: report.progress } : null,
      milestones: milestones
        .filter((ms) => ms.measureId === m.id)
        .map((ms) => ({
          title: ms.title,
          plannedDate: ms.plannedDate,
          actualDate: ms.actualDate,
          status: ms.status,
          late: milestoneDaysLate(ms, today) > 0,
        })),
      plannedStart: m.plannedStart,
      plannedEnd: m.plannedEnd,
      actualStart: m.actualStart,
      actualEnd: m.actualEnd,
      updatedAt: m.updatedAt,
    };
  };
  return {
    body: { id: body.id, name: body.name },
    page: cutPage(rows, query.limit, (row) => row.cursor, toDto),
  };
}

/**
 * `GET /api/public/papers/:id/export?format=pdf` (no session): the PDF of a released, public paper linked to
 * at least one public measure (the same rendering as the signed-in export); it names only the public
 * measures among those linked. Anything else is 404.
 */
export async function publicPaperPdf(
  { sql }: AppContext,
  paperId: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; fileName: string }> {
  const missing = () => notFound('Diese Vorlage ist nicht öffentlich.');
  const exportable = await publicMeasureRepository(sql).exportablePaper(paperId);
  if (!exportable) throw missing();
  const [paper, body] = await Promise.all([
    paperRepository(sql).findById(exportable.bodyId, paperId),
    bodyRepository(sql).findById(exportable.bodyId),
  ]);
  if (!paper || !body) throw missing();
  const publicIds = new Set(exportable.publicMeasureIds);
  const shown = { ...paper, measures: paper.measures.filter((m) => publicIds.has(m.id)) };
  const bytes = await (
    await loadRenderers()
  ).renderPaperPdf(toPaperDocumentInput(shown, { id: body.id, name: body.name }));
  return { bytes: new Uint8Array(bytes), fileName: exportFileName(paper, 'pdf') };
}
