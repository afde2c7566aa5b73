import { needRepository, profileRepository, type Queryable, type SozialraumRow } from '@quartierplan/db';
import {
  berlinToday,
  type IndicatorDto,
  type Principal,
  type ProfileExportQuery,
  type SozialraumProfileDto,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import type { CurrentUser } from '../http/context.ts';
import { MEDIA_TYPES, safeName, type ExportedFile } from './document-export.ts';
import { publishedFigures } from './figures.ts';
import { loadRenderers } from './renderers.ts';
import { loadVisibleSozialraum } from './sozialraeume.ts';

const LETTERHEAD = ['Der Oberbürgermeister'];

/**
 * The profile of a Sozialraum the user sees (else 404 for another body's or a missing one, 403 like the
 * Sozialraum itself): every indicator with a value here, its latest figure beside the city's at the same date
 * and the figure of the date before, the time series, the needs and the measures. Every figure comes from
 * `publishedFigures`, so disclosure control has been applied over the whole tables they belong to.
 */
export async function sozialraumProfile(
  context: AppContext,
  user: Principal,
  id: string,
): Promise<SozialraumProfileDto> {
  const { row } = await loadVisibleSozialraum(context, user, id);
  return buildProfile(context.sql, user.bodyId, row);
}

/** The profile of a Sozialraum already authorised. */
export async function buildProfile(
  sql: Queryable,
  bodyId: string,
  sozialraum: SozialraumRow,
): Promise<SozialraumProfileDto> {
  const profiles = profileRepository(sql);
  const [indicators, needs, measures] = await Promise.all([
    profiles.indicatorsWithValues(bodyId, sozialraum.id),
    needRepository(sql).listForDocument(sozialraum.needsDocumentId),
    profiles.measures(bodyId, sozialraum.id),
  ]);
  const book = await publishedFigures(
    sql,
    bodyId,
    indicators.map((indicator) => indicator.id),
  );

  const keyFigures: SozialraumProfileDto['keyFigures'] = [];
  const series: SozialraumProfileDto['series'] = [];
  for (const row of indicators) {
    const dates = book.dates(row.id);
    const points = dates.flatMap((date) => {
      const figure = book.figure(row.id, sozialraum.id, date);
      return figure ? [{ date, ...figure }] : [];
    });
    const latest = points.at(-1);
    if (!latest) continue;
    const indicator: IndicatorDto = { ...row, precision: Number(row.precision), dates };
    keyFigures.push({
      indicator,
      date: latest.date,
      here: { value: latest.value, suppressed: latest.suppressed },
      city: book.figure(row.id, null, latest.date),
      previous: points.at(-2) ?? null,
    });
    series.push({ indicatorId: row.id, points });
  }

  return {
    sozialraum: { id: sozialraum.id, code: sozialraum.code, name: sozialraum.name },
    keyFigures,
    series,
    needs: needs.map((need) => ({
      id: need.id,
      title: need.title,
      priority: need.priority,
      status: need.status,
    })),
    measures,
  };
}

/** The profile as a PDF or Word file in the city layout of the papers. */
export async function exportProfile(
  context: AppContext,
  user: CurrentUser,
  id: string,
  query: ProfileExportQuery,
): Promise<ExportedFile> {
  const profile = await sozialraumProfile(context, user, id);
  const date = berlinToday();
  const input = { body: { name: user.bodyName, letterhead: LETTERHEAD }, date, profile };
  const render = await loadRenderers();
  const bytes =
    query.format === 'docx' ? await render.renderProfileDocx(input) : await render.renderProfilePdf(input);
  return {
    bytes: new Uint8Array(bytes),
    fileName: `Profil-${safeName(profile.sozialraum.code)}-${date}.${query.format}`,
    contentType: MEDIA_TYPES[query.format],
  };
}
