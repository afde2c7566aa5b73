import {
  auditRepository,
  evaluationRepository,
  indicatorRepository,
  measureRepository,
  milestoneRepository,
  reportRepository,
  userRepository,
  type EvaluationIndicatorRecord,
  type EvaluationIndicatorValues,
  type MilestoneRecord,
  type MilestoneValues,
  type Queryable,
  type ReportRecord,
} from '@quartierplan/db';
import {
  MAX_EVALUATION_INDICATORS_PER_MEASURE,
  MAX_MILESTONES_PER_MEASURE,
  MAX_REPORTS_PER_MEASURE,
  MILESTONE_DONE_NEEDS_DATE_MESSAGE,
  canPublishMeasure,
  canTrackImplementation,
  canTrackSomeImplementation,
  localToday,
  milestoneDaysLate,
  type EvaluationIndicatorDto,
  type EvaluationIndicatorInput,
  type EvaluationIndicatorPatch,
  type ImplementationDto,
  type Measure,
  type MilestoneDto,
  type MilestoneInput,
  type MilestonePatch,
  type Principal,
  type ReportDto,
  type ReportInput,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { publishedFigures } from './figures.ts';
import { loadVisibleMeasure, publishMeasureChanges, type MeasureUser } from './measures.ts';

/** The answer shape of a milestone, with its lateness on `today` (`YYYY-MM-DD`, Europe/Berlin). */
export function toMilestoneDto(milestone: MilestoneRecord, today: string): MilestoneDto {
  const daysLate = milestoneDaysLate(milestone, today);
  return {
    id: milestone.id,
    measureId: milestone.measureId,
    title: milestone.title,
    plannedDate: milestone.plannedDate,
    actualDate: milestone.actualDate,
    status: milestone.status,
    responsible: milestone.responsible,
    responsibleUser: milestone.responsibleUser,
    position: milestone.position,
    daysLate,
    late: daysLate > 0,
    updatedAt: milestone.updatedAt,
  };
}

export function toReportDto(report: ReportRecord): ReportDto {
  return {
    id: report.id,
    measureId: report.measureId,
    date: report.date,
    text: report.text,
    progress: report.progress,
    author: report.author,
    createdAt: report.createdAt,
  };
}

/**
 * How far the actual value went from the baseline towards the target, in percent (whole numbers; above 100
 * when it overshot, below 0 when it moved away); null without all three or when target equals baseline.
 */
export function attainment(
  indicator: Pick<EvaluationIndicatorRecord, 'baseline' | 'target' | 'actual'>,
): number | null {
  const { baseline, target, actual } = indicator;
  if (baseline === null || target === null || actual === null || target === baseline) return null;
  return Math.round(((actual - baseline) / (target - baseline)) * 100);
}

type LinkedFigure = EvaluationIndicatorDto['linkedFigure'];

/**
 * The latest published figure (through disclosure control, `publishedFigures`) of each linked indicator for
 * the measure's place: its first Sozialraum by code, or the city for a city-wide measure.
 */
async function linkedFigures(
  sql: Queryable,
  measure: Measure,
  indicatorIds: readonly string[],
): Promise<Map<string, LinkedFigure>> {
  const result = new Map<string, LinkedFigure>();
  const ids = [...new Set(indicatorIds)];
  if (ids.length === 0) return result;
  const first = measure.cityWide ? undefined : measure.sozialraeume[0];
  const place = first ? { id: first.id, name: first.name } : { id: null, name: 'Gesamtstadt' };
  const book = await publishedFigures(sql, measure.bodyId, ids);
  const indicators = indicatorRepository(sql);
  for (const id of ids) {
    const indicator = await indicators.findById(measure.bodyId, id);
    if (!indicator) continue;
    const dates = [...book.dates(id)].sort().reverse();
    for (const date of dates) {
      const figure = book.figure(id, place.id, date);
      if (!figure) continue;
      result.set(id, {
        indicatorId: id,
        indicatorName: indicator.name,
        unit: indicator.unit,
        sozialraumName: place.name,
        date,
        value: figure.value,
        suppressed: figure.suppressed,
      });
      break;
    }
  }
  return result;
}

async function toEvaluationDtos(
  sql: Queryable,
  measure: Measure,
  rows: readonly EvaluationIndicatorRecord[],
): Promise<EvaluationIndicatorDto[]> {
  const figures = await linkedFigures(
    sql,
    measure,
    rows.flatMap((row) => (row.indicatorId ? [row.indicatorId] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    measureId: row.measureId,
    name: row.name,
    unit: row.unit,
    indicatorId: row.indicatorId,
    baseline: row.baseline,
    baselineDate: row.baselineDate,
    target: row.target,
    targetDate: row.targetDate,
    actual: row.actual,
    actualDate: row.actualDate,
    attainment: attainment(row),
    linkedFigure: (row.indicatorId && figures.get(row.indicatorId)) || null,
    position: row.position,
  }));
}

const TRACK_REFUSED = 'Sie können die Umsetzung dieser Maßnahme nicht dokumentieren.';
const PUBLISH_REFUSED = 'Welche Maßnahmen öffentlich sind, entscheidet die Verwaltung.';

/** A measure the user sees and may track, or 404 (other body, unknown) / 403. */
async function loadTrackableMeasure(sql: Queryable, user: Principal, id: string, lock = false) {
  const measure = await loadVisibleMeasure(sql, user, id, lock);
  if (!canTrackImplementation(user, measure)) throw forbidden(TRACK_REFUSED);
  return measure;
}

/** The checks before a write's body is read (http/authorize.ts); the use cases check again in their transaction. */
export const implementationWriteAccess = {
  async track({ sql }: AppContext, user: Principal, id: string): Promise<void> {
    if (!canTrackSomeImplementation(user)) {
      // Unknown and other bodies' measures stay 404 for everyone.
      await loadVisibleMeasure(sql, user, id);
      throw forbidden(TRACK_REFUSED);
    }
    await loadTrackableMeasure(sql, user, id);
  },
  publish(user: Principal): void {
    if (!canPublishMeasure(user)) throw forbidden(PUBLISH_REFUSED);
  },
};

const limitReached = (message: string, max: number) => new AppError(409, 'limit_reached', message, { max });

const itemNotFound = (what: string) => notFound(`${what} nicht gefunden.`);

/** `GET /api/measures/:id/implementation`. */
export async function getImplementation(
  { sql }: AppContext,
  user: Principal,
  id: string,
  today = localToday(),
): Promise<ImplementationDto> {
  const measure = await loadVisibleMeasure(sql, user, id);
  const [milestones, reports, evaluation] = await Promise.all([
    milestoneRepository(sql).listByMeasure(measure.id),
    reportRepository(sql).listByMeasure(measure.id),
    evaluationRepository(sql).listByMeasure(measure.id),
  ]);
  return {
    measureId: measure.id,
    public: measure.public,
    progress: measure.progress,
    milestones: milestones.map((m) => toMilestoneDto(m, today)),
    reports: reports.map(toReportDto),
    evaluation: await toEvaluationDtos(sql, measure, evaluation),
    permissions: { track: canTrackImplementation(user, measure), publish: canPublishMeasure(user) },
  };
}

/** A responsible account must be one of the body (422 naming the field otherwise). */
async function checkResponsibleUser(sql: Queryable, bodyId: string, userId: string | null): Promise<void> {
  if (!userId) return;
  const user = await userRepository(sql).findById(bodyId, userId);
  // Deactivated (and erased) accounts are not reminded of anything.
  if (!user || !user.active) {
    const message = 'Diese Person gibt es in der Kommune nicht (oder ihr Zugang ist deaktiviert).';
    throw new AppError(422, 'validation_failed', message, {
      issues: [{ path: 'responsibleUserId', message }],
    });
  }
}

/** A linked indicator must be one of the body (422 naming the field otherwise). */
async function checkIndicator(sql: Queryable, bodyId: string, indicatorId: string | null): Promise<void> {
  if (!indicatorId) return;
  if (!(await indicatorRepository(sql).findById(bodyId, indicatorId))) {
    throw new AppError(422, 'validation_failed', 'Diese Kennzahl gibt es in der Kommune nicht.', {
      issues: [{ path: 'indicatorId', message: 'Diese Kennzahl gibt es in der Kommune nicht.' }],
    });
  }
}

/** `POST /api/measures/:id/milestones`. */
export async function createMilestone(
  { sql }: AppContext,
  user: Principal,
  id: string,
  input: MilestoneInput,
  today = localToday(),
): Promise<MilestoneDto> {
  const record = await sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = milestoneRepository(tx);
    if ((await repo.count(measure.id)) >= MAX_MILESTONES_PER_MEASURE) {
      throw limitReached(
        `Eine Maßnahme hat höchstens ${MAX_MILESTONES_PER_MEASURE} Meilensteine.`,
        MAX_MILESTONES_PER_MEASURE,
      );
    }
    await checkResponsibleUser(tx, user.bodyId, input.responsibleUserId);
    return repo.create(measure.id, input);
  });
  return toMilestoneDto(record, today);
}

/** `PATCH /api/measures/:id/milestones/:itemId`: the named fields; `done` needs an actual date (422). */
export async function updateMilestone(
  { sql }: AppContext,
  user: Principal,
  id: string,
  itemId: string,
  patch: MilestonePatch,
  today = localToday(),
): Promise<MilestoneDto> {
  const record = await sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = milestoneRepository(tx);
    const before = await repo.findById(measure.id, itemId);
    if (!before) throw itemNotFound('Meilenstein');
    const after: MilestoneValues = {
      title: patch.title ?? before.title,
      plannedDate: patch.plannedDate ?? before.plannedDate,
      actualDate: patch.actualDate === undefined ? before.actualDate : patch.actualDate,
      status: patch.status ?? before.status,
      responsible: patch.responsible ?? before.responsible,
      responsibleUserId:
        patch.responsibleUserId === undefined
          ? (before.responsibleUser?.id ?? null)
          : patch.responsibleUserId,
    };
    if (after.status === 'done' && !after.actualDate) {
      throw new AppError(422, 'validation_failed', MILESTONE_DONE_NEEDS_DATE_MESSAGE, {
        issues: [{ path: 'actualDate', message: MILESTONE_DONE_NEEDS_DATE_MESSAGE }],
      });
    }
    if (patch.responsibleUserId !== undefined) {
      await checkResponsibleUser(tx, user.bodyId, after.responsibleUserId);
    }
    return (await repo.update(measure.id, itemId, after))!;
  });
  return toMilestoneDto(record, today);
}

export async function deleteMilestone(
  { sql }: AppContext,
  user: Principal,
  id: string,
  itemId: string,
): Promise<void> {
  await sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    if (!(await milestoneRepository(tx).delete(measure.id, itemId))) throw itemNotFound('Meilenstein');
  });
}

/** `PUT /api/measures/:id/milestones/order`: `ids` must be exactly the measure's milestones (422). */
export async function reorderMilestones(
  { sql }: AppContext,
  user: Principal,
  id: string,
  ids: readonly string[],
  today = localToday(),
): Promise<MilestoneDto[]> {
  const records = await sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = milestoneRepository(tx);
    const current = new Set((await repo.listByMeasure(measure.id)).map((m) => m.id));
    const asked = new Set(ids);
    if (asked.size !== ids.length || asked.size !== current.size || ids.some((i) => !current.has(i))) {
      const message = 'Die Reihenfolge muss jeden Meilenstein der Maßnahme genau einmal nennen.';
      throw new AppError(422, 'validation_failed', message, { issues: [{ path: 'ids', message }] });
    }
    return repo.reorder(measure.id, ids);
  });
  return records.map((m) => toMilestoneDto(m, today));
}

/**
 * Sets the measure's progress to the newest report's, through the measure's update path (an `updated` event
 * with `changes.progress`, version + 1); unchanged progress writes nothing. No report left: progress stays.
 */
async function followNewestReport(
  tx: Queryable,
  user: MeasureUser,
  measure: Measure,
): Promise<Measure | null> {
  const newest = await reportRepository(tx).newest(measure.id);
  if (!newest || newest.progress === measure.progress) return null;
  const { bodyId: _b, id: _i, ...rest } = measure;
  // The caller holds the row lock: the version cannot have moved.
  const after = (await measureRepository(tx).update(
    measure,
    { id: user.id, name: user.name },
    {
      title: rest.title,
      description: rest.description,
      cityWide: rest.cityWide,
      handlungsfeld: rest.handlungsfeld,
      responsibleDepartment: rest.responsibleDepartment,
      provider: rest.provider,
      targetGroup: rest.targetGroup,
      costOneOff: rest.costOneOff,
      costYearly: rest.costYearly,
      fundingSource: rest.fundingSource,
      fundingProgramme: rest.fundingProgramme,
      plannedStart: rest.plannedStart,
      plannedEnd: rest.plannedEnd,
      actualStart: rest.actualStart,
      actualEnd: rest.actualEnd,
      goals: rest.goals,
      progress: newest.progress,
      sozialraumIds: rest.sozialraumIds,
    },
    null,
  ))!;
  return after.version === measure.version ? null : after;
}

/** `POST /api/measures/:id/reports`: the newest report sets the measure's progress (published live). */
export async function createReport(
  context: AppContext,
  user: MeasureUser,
  id: string,
  input: ReportInput,
): Promise<ReportDto> {
  const { report, changed } = await context.sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = reportRepository(tx);
    if ((await repo.count(measure.id)) >= MAX_REPORTS_PER_MEASURE) {
      throw limitReached(
        `Eine Maßnahme hat höchstens ${MAX_REPORTS_PER_MEASURE} Fortschrittsberichte.`,
        MAX_REPORTS_PER_MEASURE,
      );
    }
    const report = await repo.create(measure.id, user.id, input);
    return { report, changed: await followNewestReport(tx, user, measure) };
  });
  if (changed) await publishMeasureChanges(context, 'updated', [changed]);
  return toReportDto(report);
}

/** `DELETE /api/measures/:id/reports/:itemId`: its author or an admin; progress follows the newest left. */
export async function deleteReport(
  context: AppContext,
  user: MeasureUser,
  id: string,
  itemId: string,
): Promise<void> {
  const changed = await context.sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = reportRepository(tx);
    const report = await repo.findById(measure.id, itemId);
    if (!report) throw itemNotFound('Bericht');
    if (user.role !== 'admin' && report.author?.id !== user.id) {
      throw forbidden('Einen Bericht löschen kann nur, wer ihn geschrieben hat, oder die Verwaltung.');
    }
    await repo.delete(measure.id, itemId);
    return followNewestReport(tx, user, measure);
  });
  if (changed) await publishMeasureChanges(context, 'updated', [changed]);
}

/** `POST /api/measures/:id/evaluation`. */
export async function createEvaluationIndicator(
  { sql }: AppContext,
  user: Principal,
  id: string,
  input: EvaluationIndicatorInput,
): Promise<EvaluationIndicatorDto> {
  return sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = evaluationRepository(tx);
    if ((await repo.count(measure.id)) >= MAX_EVALUATION_INDICATORS_PER_MEASURE) {
      throw limitReached(
        `Eine Maßnahme hat höchstens ${MAX_EVALUATION_INDICATORS_PER_MEASURE} Kennzahlen.`,
        MAX_EVALUATION_INDICATORS_PER_MEASURE,
      );
    }
    await checkIndicator(tx, user.bodyId, input.indicatorId);
    const record = await repo.create(measure.id, input);
    return (await toEvaluationDtos(tx, measure, [record]))[0]!;
  });
}

/** `PATCH /api/measures/:id/evaluation/:itemId`. */
export async function updateEvaluationIndicator(
  { sql }: AppContext,
  user: Principal,
  id: string,
  itemId: string,
  patch: EvaluationIndicatorPatch,
): Promise<EvaluationIndicatorDto> {
  return sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    const repo = evaluationRepository(tx);
    const before = await repo.findById(measure.id, itemId);
    if (!before) throw itemNotFound('Kennzahl');
    const pick = <K extends keyof EvaluationIndicatorValues>(key: K): EvaluationIndicatorValues[K] =>
      patch[key] === undefined ? before[key] : (patch[key] as EvaluationIndicatorValues[K]);
    const after: EvaluationIndicatorValues = {
      name: pick('name'),
      unit: pick('unit'),
      indicatorId: pick('indicatorId'),
      baseline: pick('baseline'),
      baselineDate: pick('baselineDate'),
      target: pick('target'),
      targetDate: pick('targetDate'),
      actual: pick('actual'),
      actualDate: pick('actualDate'),
    };
    if (patch.indicatorId !== undefined) await checkIndicator(tx, user.bodyId, after.indicatorId);
    const record = (await repo.update(measure.id, itemId, after))!;
    return (await toEvaluationDtos(tx, measure, [record]))[0]!;
  });
}

export async function deleteEvaluationIndicator(
  { sql }: AppContext,
  user: Principal,
  id: string,
  itemId: string,
): Promise<void> {
  await sql.begin(async (tx) => {
    const measure = await loadTrackableMeasure(tx, user, id, true);
    if (!(await evaluationRepository(tx).delete(measure.id, itemId))) throw itemNotFound('Kennzahl');
  });
}

/**
 * `PUT /api/measures/:id/publication` (admins): opens the measure to the public transparency page or closes
 * it, with the audit event; not an edit of the measure (no version, no measure event), but live screens learn it.
 */
export async function setPublication(
  context: AppContext,
  user: Principal,
  id: string,
  open: boolean,
): Promise<Measure> {
  const { record, changed } = await context.sql.begin(async (tx) => {
    const measure = await loadVisibleMeasure(tx, user, id, true);
    if (!canPublishMeasure(user)) throw forbidden(PUBLISH_REFUSED);
    if (measure.public === open) return { record: measure, changed: false };
    await measureRepository(tx).setPublic(measure.id, open);
    await auditRepository(tx).record({
      bodyId: user.bodyId,
      kind: open ? 'measure_published' : 'measure_unpublished',
      actorId: user.id,
      details: { measureId: measure.id, title: measure.title },
    });
    return { record: (await measureRepository(tx).findById(user.bodyId, measure.id))!, changed: true };
  });
  if (changed) await publishMeasureChanges(context, 'updated', [record]);
  return record;
}
