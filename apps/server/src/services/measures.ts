import {
  measureRepository,
  type MeasureActor,
  type MeasureValues,
  type NeedLink,
  type Queryable,
  type TransactionSql,
} from '@quartierplan/db';
import {
  canCreateMeasure,
  canCreateSomeMeasure,
  canEditMeasure,
  canSeeMeasure,
  checkCorrection,
  checkTransition,
  mayCorrect,
  mayTransition,
  measureDateIssues,
  measureScopeIssues,
  permittedCorrections,
  permittedTransitions,
  type CreateMeasureInput,
  type FieldIssue,
  type KeysetCursor,
  type ListMeasuresQuery,
  type MeasureListFilters,
  type Page,
  cutPage,
  type MeasureDto,
  type MeasureStatus,
  type Principal,
  type UpdateMeasureInput,
  visibleSozialraumIds,
  type Measure,
  localToday,
} from '@quartierplan/domain';
import { AppError, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { checkVersion } from '../http/versioning.ts';
import type { AppContext } from '../context.ts';
import type { MeasureChange } from './live-bus.ts';

/** Who acts on a measure: what authorisation needs, and the name the audit trail keeps. */
export interface MeasureUser extends Principal {
  name: string;
}

const actorOf = (user: MeasureUser): MeasureActor => ({ id: user.id, name: user.name });

/**
 * The answer shape of a measure for one user (with what that user may do with it). Field by field: object rest
 * and spread copy the 50 items of a list page far more slowly, and nothing else on the record (a list's cursor)
 * reaches the answer.
 */
export function toMeasureDto(record: Measure, principal: Principal): MeasureDto {
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    status: record.status,
    deferredFrom: record.deferredFrom,
    cityWide: record.cityWide,
    sozialraumIds: record.sozialraumIds,
    sozialraeume: record.sozialraeume,
    handlungsfeld: record.handlungsfeld,
    responsibleDepartment: record.responsibleDepartment,
    provider: record.provider,
    targetGroup: record.targetGroup,
    costOneOff: record.costOneOff,
    costYearly: record.costYearly,
    fundingSource: record.fundingSource,
    fundingProgramme: record.fundingProgramme,
    plannedStart: record.plannedStart,
    plannedEnd: record.plannedEnd,
    actualStart: record.actualStart,
    actualEnd: record.actualEnd,
    goals: record.goals,
    progress: record.progress,
    decisionDate: record.decisionDate,
    paperReference: record.paperReference,
    needIds: record.needIds,
    needs: record.needs,
    public: record.public,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    permissions: {
      edit: canEditMeasure(principal, record),
      transitions: permittedTransitions(principal, record),
      corrections: permittedCorrections(principal, record),
    },
  };
}

/** Loads a measure of the principal's body they may see, or throws 404 (other body) / 403. */
export async function loadVisibleMeasure(sql: Queryable, principal: Principal, id: string, lock = false) {
  const repo = measureRepository(sql);
  const measure = lock ? await repo.lock(principal.bodyId, id) : await repo.findById(principal.bodyId, id);
  // Another body's measure is indistinguishable from a missing one.
  if (!measure) throw notFound('Maßnahme nicht gefunden.');
  if (!canSeeMeasure(principal, measure)) throw forbidden('Sie haben keinen Zugriff auf diese Maßnahme.');
  return measure;
}

/** All measures of the body the principal sees, filtered as the list asks (the export). */
export function listMeasures(
  { sql }: AppContext,
  principal: Principal,
  filters: MeasureListFilters,
): Promise<Measure[]> {
  return measureRepository(sql).list(principal.bodyId, {
    ...filters,
    visibleSozialraumIds: visibleSozialraumIds(principal),
  });
}

/** One page of the measures the principal sees, filtered as the list asks, last changed first. */
export async function listMeasuresPage(
  { sql }: AppContext,
  principal: Principal,
  { limit, cursor, ...filters }: ListMeasuresQuery,
): Promise<Page<Measure>> {
  const rows = await measureRepository(sql).list(
    principal.bodyId,
    { ...filters, visibleSozialraumIds: visibleSozialraumIds(principal) },
    { limit: limit + 1, cursor },
  );
  // The items keep their cursor property: toMeasureDto copies what the answer holds, nothing more.
  return cutPage<Measure & { cursor: KeysetCursor }, Measure>(
    rows,
    limit,
    (row) => row.cursor,
    (row) => row,
  );
}

/** The audit trail of a measure the principal sees. */
export async function measureEvents({ sql }: AppContext, principal: Principal, id: string) {
  const measure = await loadVisibleMeasure(sql, principal, id);
  return measureRepository(sql).events(principal.bodyId, measure.id);
}

/**
 * The body's measures at a glance (admins), computed in SQL: status counts and costs, stale measures, status
 * over 24 months from the audit trail, per Handlungsfeld and Sozialraum, and the milestones late today.
 */
export function measureDashboard({ sql }: AppContext, bodyId: string, staleDays: number) {
  return measureRepository(sql).dashboard(bodyId, staleDays, localToday());
}

/** Checks that the Sozialräume belong to the body; unknown ones are field errors. */
async function checkSozialraeume(sql: Queryable, bodyId: string, ids: readonly string[]): Promise<void> {
  const found = new Set(await measureRepository(sql).existingSozialraumIds(bodyId, ids));
  const issues: FieldIssue[] = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `sozialraumIds.${i}`, message: 'Diesen Sozialraum gibt es nicht.' }],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * Resolves need ids to needs of the measure's Sozialräume (the needs projection of the same body).
 * With `dropUnknown` (the scope changed, the needs did not) links that no longer fit are dropped;
 * otherwise an unknown need is a field error.
 */
async function resolveNeeds(
  sql: Queryable,
  bodyId: string,
  scope: { cityWide: boolean; sozialraumIds: readonly string[] },
  needIds: readonly string[],
  dropUnknown = false,
): Promise<NeedLink[]> {
  const found = await measureRepository(sql).findNeeds(bodyId, scope, needIds);
  const issues: FieldIssue[] = needIds.flatMap((id, i) =>
    found.some((n) => n.needId === id)
      ? []
      : [{ path: `needIds.${i}`, message: 'Diesen Bedarf gibt es in den Sozialräumen der Maßnahme nicht.' }],
  );
  if (issues.length > 0 && !dropUnknown) throw validationFailed(issues);
  return found;
}

/** Publishes changes to the live streams; call after the transaction that made them committed. */
export async function publishMeasureChanges(
  context: Pick<AppContext, 'measureBus' | 'logger'>,
  type: MeasureChange['type'],
  measures: readonly Measure[],
): Promise<void> {
  for (const measure of measures) {
    try {
      await context.measureBus.publish({ type, bodyId: measure.bodyId, measure });
    } catch (error) {
      // The change is committed; a lost live event only delays other screens until they reload.
      context.logger.warn({ err: error, measureId: measure.id }, 'measure event not published');
    }
  }
}

const EDIT_REFUSED = 'Sie können diese Maßnahme (in diesem Status) nicht bearbeiten.';

/**
 * The checks that come before reading a write's input (see http/authorize.ts): the same rules the use cases
 * apply again inside their transactions.
 */
export const measureWriteAccess = {
  create(user: MeasureUser): void {
    if (!canCreateSomeMeasure(user)) throw forbidden('Sie können keine Maßnahmen anlegen.');
  },
  async edit({ sql }: AppContext, user: MeasureUser, id: string): Promise<void> {
    if (!canEditMeasure(user, await loadVisibleMeasure(sql, user, id))) throw forbidden(EDIT_REFUSED);
  },
  async transition({ sql }: AppContext, user: MeasureUser, id: string): Promise<void> {
    const measure = await loadVisibleMeasure(sql, user, id);
    if (permittedTransitions(user, measure).length === 0 && !mayCorrect(user, measure)) {
      throw forbidden('Diesen Statuswechsel dürfen Sie nicht vornehmen.');
    }
  },
};

/** `POST /api/measures`: checks, creates with the `created` event, publishes. */
export async function createMeasure(
  context: AppContext,
  user: MeasureUser,
  input: CreateMeasureInput,
): Promise<Measure> {
  const record = await context.sql.begin(async (tx) => {
    await checkSozialraeume(tx, user.bodyId, input.sozialraumIds);
    if (!canCreateMeasure(user, input)) {
      throw forbidden(
        input.cityWide
          ? 'Stadtweite Maßnahmen legt die Verwaltung an.'
          : 'Sie können nur in Sozialräumen mit Bearbeitungsrecht Maßnahmen anlegen.',
      );
    }
    const needs = await resolveNeeds(tx, user.bodyId, input, input.needIds);
    const values: MeasureValues = {
      title: input.title,
      description: input.description ?? '',
      cityWide: input.cityWide,
      handlungsfeld: input.handlungsfeld ?? '',
      responsibleDepartment: input.responsibleDepartment ?? '',
      provider: input.provider ?? '',
      targetGroup: input.targetGroup ?? '',
      costOneOff: input.costOneOff ?? null,
      costYearly: input.costYearly ?? null,
      fundingSource: input.fundingSource ?? null,
      fundingProgramme: input.fundingProgramme ?? '',
      plannedStart: input.plannedStart ?? null,
      plannedEnd: input.plannedEnd ?? null,
      actualStart: input.actualStart ?? null,
      actualEnd: input.actualEnd ?? null,
      goals: input.goals ?? [],
      progress: input.progress ?? 0,
      sozialraumIds: input.sozialraumIds,
    };
    return measureRepository(tx).create(user.bodyId, actorOf(user), values, needs);
  });
  await publishMeasureChanges(context, 'created', [record]);
  return record;
}

const MEASURE_CHANGED = 'Die Maßnahme wurde inzwischen geändert. Bitte neu laden und erneut versuchen.';

/** The patch touches the measure's links (Sozialräume, needs), which take more than one statement to write. */
const changesLinks = (patch: UpdateMeasureInput) =>
  patch.sozialraumIds !== undefined || patch.cityWide !== undefined || patch.needIds !== undefined;

/** The values after the patch, checked against the measure as read: may the user edit it, at this version? */
function patchedValues(
  user: MeasureUser,
  before: Measure,
  expectedVersion: number | null,
  patch: UpdateMeasureInput,
): MeasureValues {
  if (!canEditMeasure(user, before)) throw forbidden(EDIT_REFUSED);
  checkVersion(before.version, expectedVersion, { required: true, conflictMessage: MEASURE_CHANGED });
  const { needIds: _needIds, ...fields } = patch;
  const after: MeasureValues = {
    title: fields.title ?? before.title,
    description: fields.description ?? before.description,
    cityWide: fields.cityWide ?? before.cityWide,
    handlungsfeld: fields.handlungsfeld ?? before.handlungsfeld,
    responsibleDepartment: fields.responsibleDepartment ?? before.responsibleDepartment,
    provider: fields.provider ?? before.provider,
    targetGroup: fields.targetGroup ?? before.targetGroup,
    costOneOff: fields.costOneOff === undefined ? before.costOneOff : fields.costOneOff,
    costYearly: fields.costYearly === undefined ? before.costYearly : fields.costYearly,
    fundingSource: fields.fundingSource === undefined ? before.fundingSource : fields.fundingSource,
    fundingProgramme: fields.fundingProgramme ?? before.fundingProgramme,
    plannedStart: fields.plannedStart === undefined ? before.plannedStart : fields.plannedStart,
    plannedEnd: fields.plannedEnd === undefined ? before.plannedEnd : fields.plannedEnd,
    actualStart: fields.actualStart === undefined ? before.actualStart : fields.actualStart,
    actualEnd: fields.actualEnd === undefined ? before.actualEnd : fields.actualEnd,
    goals: fields.goals ?? before.goals,
    progress: fields.progress ?? before.progress,
    sozialraumIds: fields.sozialraumIds ?? before.sozialraumIds,
  };
  const issues = [...measureScopeIssues(after), ...measureDateIssues(after)];
  if (issues.length > 0) throw validationFailed(issues);
  return after;
}

/** `PATCH /api/measures/:id`: permission, version, scope and needs checks; the diff goes to the audit trail. */
export async function updateMeasure(
  context: AppContext,
  user: MeasureUser,
  id: string,
  expectedVersion: number | null,
  patch: UpdateMeasureInput,
): Promise<Measure> {
  if (!changesLinks(patch)) {
    // Checked against the measure as read, written in one statement only while it is still that version: no
    // transaction holds the connection (PGlite has only one) between round trips. Someone else's write in
    // between sends the patch through the locking path below, which decides again (409 for a stale If-Match).
    const before = await loadVisibleMeasure(context.sql, user, id);
    const after = patchedValues(user, before, expectedVersion, patch);
    const record = await measureRepository(context.sql).update(before, actorOf(user), after, null);
    if (record) {
      if (record.version !== before.version) await publishMeasureChanges(context, 'updated', [record]);
      return record;
    }
  }
  const { changed, record } = await context.sql.begin(async (tx) => {
    const before = await loadVisibleMeasure(tx, user, id, true);
    const after = patchedValues(user, before, expectedVersion, patch);
    const scopeChanged = patch.sozialraumIds !== undefined || patch.cityWide !== undefined;
    if (scopeChanged) {
      await checkSozialraeume(tx, user.bodyId, after.sozialraumIds);
      // A member may not move a measure into (or make it span) Sozialräume they cannot edit.
      if (!canEditMeasure(user, { ...before, ...after })) {
        throw forbidden('Sie können Maßnahmen nur Sozialräumen mit Bearbeitungsrecht zuordnen.');
      }
    }
    let needs: NeedLink[] | null = null;
    if (patch.needIds !== undefined) needs = await resolveNeeds(tx, user.bodyId, after, patch.needIds);
    else if (scopeChanged) needs = await resolveNeeds(tx, user.bodyId, after, before.needIds, true);
    // Under the row lock the version cannot have moved.
    const updated = (await measureRepository(tx).update(before, actorOf(user), after, needs))!;
    return { changed: updated.version !== before.version, record: updated };
  });
  if (changed) await publishMeasureChanges(context, 'updated', [record]);
  return record;
}

/** What `applyTransition` needs. */
export interface ApplyTransitionArgs {
  bodyId: string;
  measureId: string;
  /** The acting user; their role decides which transitions they may take (domain `mayTransition`). */
  actor: MeasureUser;
  to: MeasureStatus;
  comment?: string | null | undefined;
  /** Required for `decided` and `rejected` (YYYY-MM-DD). */
  decisionDate?: string | null | undefined;
  /** Required for `decided` (NNNN/YYYY). */
  paperReference?: string | null | undefined;
  /** When given (from `If-Match`), a different current version answers 409. */
  expectedVersion?: number | null | undefined;
  /** An admin's correction to an earlier state; `comment` is its mandatory reason. */
  correction?: boolean | undefined;
}

/** The measure a transition acts on, of the actor's body and visible to them (404/403 otherwise). */
function loadForTransition(sql: Queryable, args: ApplyTransitionArgs, lock: boolean): Promise<Measure> {
  if (args.actor.bodyId !== args.bodyId) throw notFound('Maßnahme nicht gefunden.');
  return loadVisibleMeasure(sql, args.actor, args.measureId, lock);
}

/**
 * Moves one measure to another status inside the caller's transaction: locks the row, checks
 * body, visibility, workflow (domain state machine), role and required data, writes the status,
 * the `transition` audit event and version + 1. Throws AppError 404 / 403 / 409 / 422.
 *
 * It does not publish: after the transaction committed, call
 * `publishMeasureChanges(context, 'transition', [measure])` so live screens update. Papers use it
 * to move linked measures in the same transaction as the council result.
 */
export async function applyTransition(tx: TransactionSql, args: ApplyTransitionArgs): Promise<Measure> {
  const before = await loadForTransition(tx, args, true);
  // Under the row lock the version cannot have moved.
  return (await writeTransition(tx, before, args))!;
}

/**
 * Checks the transition against the measure as read (`before`) and writes it if the measure is still that
 * version; null when it is not (someone wrote it in between).
 */
async function writeTransition(
  sql: Queryable,
  before: Measure,
  args: ApplyTransitionArgs,
): Promise<Measure | null> {
  const { actor, to } = args;
  checkVersion(before.version, args.expectedVersion, { required: false, conflictMessage: MEASURE_CHANGED });
  if (args.correction) return applyCorrection(sql, before, args);
  const data = {
    comment: args.comment ?? null,
    decisionDate: args.decisionDate ?? null,
    paperReference: args.paperReference ?? null,
  };
  const check = checkTransition(before, to, data);
  if (!check.ok && check.reason === 'illegal') {
    throw new AppError(422, 'invalid_transition', check.message, {
      from: before.status,
      to,
      allowed: check.allowed,
    });
  }
  if (!mayTransition(actor, before, to)) {
    throw forbidden('Diesen Statuswechsel dürfen Sie nicht vornehmen.');
  }
  if (!check.ok) {
    throw new AppError(422, 'invalid_transition', check.message, {
      from: before.status,
      to,
      issues: check.reason === 'incomplete' ? check.issues : [],
    });
  }
  return measureRepository(sql).transition(before, actorOf(actor), {
    to,
    deferredFrom: check.deferredFrom,
    comment: data.comment,
    decisionDate: to === 'decided' || to === 'rejected' ? data.decisionDate : null,
    paperReference: to === 'decided' || to === 'rejected' ? data.paperReference : null,
  });
}

/**
 * An admin's correction of a locked measure to an earlier state (domain `checkCorrection`): 403
 * for anyone else, 422 for a target that is not earlier or a missing reason; written as a
 * `correction` event.
 */
async function applyCorrection(sql: Queryable, before: Measure, args: ApplyTransitionArgs) {
  const { actor, to } = args;
  if (!mayCorrect(actor, before)) throw forbidden('Einen Status korrigieren kann nur die Verwaltung.');
  const check = checkCorrection(before, to, args.comment);
  if (!check.ok) {
    throw new AppError(422, 'invalid_transition', check.message, {
      from: before.status,
      to,
      ...(check.reason === 'illegal' ? { allowed: check.allowed } : { issues: check.issues }),
    });
  }
  return measureRepository(sql).transition(before, actorOf(actor), {
    to,
    deferredFrom: check.deferredFrom,
    comment: args.comment?.trim() ?? null,
    decisionDate: null,
    paperReference: null,
    correction: { keepsDecision: check.keepsDecision },
  });
}

/**
 * `POST /api/measures/:id/transitions`: checked against the measure as read and written in one statement while
 * it is still that version, so no transaction holds the connection between round trips; when someone wrote it in
 * between, again under the row lock. Then published.
 */
export async function transitionMeasure(context: AppContext, args: ApplyTransitionArgs): Promise<Measure> {
  const read = await loadForTransition(context.sql, args, false);
  const record =
    (await writeTransition(context.sql, read, args)) ??
    (await context.sql.begin((tx) => applyTransition(tx, args)));
  await publishMeasureChanges(context, 'transition', [record]);
  return record;
}
