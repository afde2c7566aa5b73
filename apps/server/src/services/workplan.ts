import {
  measureRepository,
  milestonesOfMeasures,
  sozialraumRepository,
  type MilestoneRecord,
} from '@quartierplan/db';
import {
  localToday,
  visibleSozialraumIds,
  type Measure,
  type MeasureStatus,
  type Principal,
  type WorkPackageDto,
  type WorkplanDto,
  type WorkplanQuery,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { toMilestoneDto } from './implementation.ts';

/** The main line from `planned` on: the measures a work plan schedules. */
const SCHEDULED: readonly MeasureStatus[] = [
  'planned',
  'in_consultation',
  'decided',
  'in_implementation',
  'completed',
  'evaluated',
];

/** A measure the work plan shows: from `planned` on, not rejected; a deferred one by the state it left. */
function scheduled(m: Measure): boolean {
  return (
    SCHEDULED.includes(m.status) ||
    (m.status === 'deferred' && !!m.deferredFrom && SCHEDULED.includes(m.deferredFrom))
  );
}

/** By planned start (none last), then title. */
function byPlannedStart(a: Measure, b: Measure): number {
  if (a.plannedStart !== b.plannedStart) {
    if (!a.plannedStart) return 1;
    if (!b.plannedStart) return -1;
    return a.plannedStart < b.plannedStart ? -1 : 1;
  }
  return a.title.localeCompare(b.title, 'de') || a.id.localeCompare(b.id);
}

/**
 * `GET /api/workplan`: the measures the principal sees from `planned` on (rejected ones left out), optionally
 * of one Sozialraum and one funding programme, by planned start, each with its milestones and their lateness on
 * `today` (Europe/Berlin).
 */
export async function workplan(
  { sql }: AppContext,
  principal: Principal,
  query: WorkplanQuery,
  today = localToday(),
): Promise<WorkplanDto> {
  await filterLine({ sql }, principal, query);
  const visible = await measureRepository(sql).list(principal.bodyId, {
    visibleSozialraumIds: visibleSozialraumIds(principal),
    ...(query.sozialraumId ? { sozialraumId: query.sozialraumId } : {}),
  });
  const inPlan = visible.filter(scheduled);
  const programmes = [...new Set(inPlan.map((m) => m.fundingProgramme).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, 'de'),
  );
  const measures = inPlan
    .filter((m) => query.programme === undefined || m.fundingProgramme === query.programme)
    .sort(byPlannedStart);
  const milestones = new Map<string, MilestoneRecord[]>();
  for (const ms of await milestonesOfMeasures(
    sql,
    measures.map((m) => m.id),
  )) {
    milestones.set(ms.measureId, [...(milestones.get(ms.measureId) ?? []), ms]);
  }
  const packages = measures.map((m): WorkPackageDto => ({
    measure: {
      id: m.id,
      title: m.title,
      status: m.status,
      handlungsfeld: m.handlungsfeld,
      fundingProgramme: m.fundingProgramme,
      responsibleDepartment: m.responsibleDepartment,
      provider: m.provider,
      cityWide: m.cityWide,
      sozialraeume: m.sozialraeume,
    },
    plannedStart: m.plannedStart,
    plannedEnd: m.plannedEnd,
    actualStart: m.actualStart,
    actualEnd: m.actualEnd,
    progress: m.progress,
    milestones: (milestones.get(m.id) ?? []).map((ms) => toMilestoneDto(ms, today)),
  }));
  return { today, packages, programmes };
}

/**
 * The filters as the export's page header names them ("Sozialraum: AH Altenhagen · Programm: …"); "" without.
 * A Sozialraum that is not the body's is not found (404), like any other id of another body.
 */
export async function filterLine(
  { sql }: Pick<AppContext, 'sql'>,
  principal: Principal,
  query: WorkplanQuery,
): Promise<string> {
  const parts: string[] = [];
  if (query.sozialraumId) {
    const sozialraum = await sozialraumRepository(sql).findById(principal.bodyId, query.sozialraumId);
    if (!sozialraum) throw notFound('Sozialraum nicht gefunden.');
    parts.push(`Sozialraum: ${sozialraum.code} ${sozialraum.name}`);
  }
  if (query.programme) parts.push(`Programm: ${query.programme}`);
  return parts.join(' · ');
}
