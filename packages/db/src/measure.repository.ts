import {
  DASHBOARD_STATUS_GROUPS,
  MEASURE_STATUSES,
  milestoneDaysLate,
  type KeysetCursor,
  type MeasureListFilters,
  type Measure,
  type MeasureDashboard,
  type MeasureEvent,
  type MeasureEventKind,
  type MeasureStatus,
} from '@quartierplan/domain';
import type { Fragment, Queryable } from './connection.ts';

/** The fields a create or update writes (everything the API edits, already validated). */
export type MeasureValues = Pick<
  Measure,
  | 'title'
  | 'description'
  | 'cityWide'
  | 'handlungsfeld'
  | 'responsibleDepartment'
  | 'provider'
  | 'targetGroup'
  | 'costOneOff'
  | 'costYearly'
  | 'fundingSource'
  | 'fundingProgramme'
  | 'plannedStart'
  | 'plannedEnd'
  | 'actualStart'
  | 'actualEnd'
  | 'goals'
  | 'progress'
  | 'sozialraumIds'
>;

/** Who changes a measure, as the audit trail names them. */
export interface MeasureActor {
  id: string;
  name: string;
}

/** A need of the projection a measure links to. */
export interface NeedLink {
  documentId: string;
  needId: string;
  title: string;
  sozialraumId: string;
}

/** What a transition writes; the caller has checked it against the workflow. */
export interface TransitionWrite {
  to: MeasureStatus;
  deferredFrom: MeasureStatus | null;
  comment: string | null;
  decisionDate: string | null;
  paperReference: string | null;
  /**
   * Set for an admin's correction to an earlier state (domain `checkCorrection`): the event is a
   * `correction`, and the decision stays only when the domain says it still stands.
   */
  correction?: { keepsDecision: boolean } | undefined;
}

/** List filters plus visibility: members see only their Sozialräume (and city-wide measures). */
export interface MeasureFilter extends MeasureListFilters {
  /** Sozialräume the user may see; undefined means all of the body. */
  visibleSozialraumIds?: readonly string[] | undefined;
  /** Only measures an admin opened to the public transparency page. */
  publicOnly?: boolean | undefined;
}

interface RawMeasure extends Omit<Measure, 'createdAt' | 'updatedAt' | 'sozialraumIds' | 'needIds'> {
  createdAt: Date;
  updatedAt: Date;
  /** updated_at to the microsecond, which a JS Date cannot hold: the list's keyset must not skip or repeat. */
  updatedAtExact: string;
}

/** Field by field: a list maps hundreds of rows, and object spread and rest copy each row far more slowly. */
function toRecord(row: RawMeasure): Measure {
  return {
    id: row.id,
    bodyId: row.bodyId,
    title: row.title,
    description: row.description,
    status: row.status,
    deferredFrom: row.deferredFrom,
    cityWide: row.cityWide,
    sozialraumIds: row.sozialraeume.map((s) => s.id),
    sozialraeume: row.sozialraeume,
    handlungsfeld: row.handlungsfeld,
    responsibleDepartment: row.responsibleDepartment,
    provider: row.provider,
    targetGroup: row.targetGroup,
    costOneOff: row.costOneOff,
    costYearly: row.costYearly,
    fundingSource: row.fundingSource,
    fundingProgramme: row.fundingProgramme,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    goals: row.goals,
    progress: row.progress,
    decisionDate: row.decisionDate,
    paperReference: row.paperReference,
    needIds: row.needs.map((n) => n.id),
    needs: row.needs,
    public: row.public,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The record's columns of `source` (the measure table, or the rows an update returned) as `m`, with its
 * Sozialräume and needs.
 */
const selectFrom = (sql: Queryable, source: Fragment) => sql`
  select m.id, m.body_id, m.title, m.description, m.status, m.deferred_from, m.city_wide,
    m.handlungsfeld, m.responsible_department, m.provider, m.target_group,
    m.cost_one_off::float8 as cost_one_off, m.cost_yearly::float8 as cost_yearly,
    m.funding_source, m.funding_programme, m.planned_start, m.planned_end, m.actual_start,
    m.actual_end, m.goals, m.progress, m.decision_date, m.paper_reference, m.version, m.public,
    m.created_at, m.updated_at,
    to_char(m.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at_exact,
    coalesce((
      select json_agg(json_build_object('id', s.id, 'code', s.code, 'name', s.name) order by s.code)
      from measure_sozialraum ms join sozialraum s on s.id = ms.sozialraum_id
      where ms.measure_id = m.id
    ), '[]') as sozialraeume,
    coalesce((
      select json_agg(json_build_object('id', mn.need_id, 'title', coalesce(n.title, mn.title),
               'sozialraumId', d.sozialraum_id) order by coalesce(n.title, mn.title), mn.need_id)
      from measure_need mn
      join document d on d.id = mn.document_id
      left join need n on n.document_id = mn.document_id and n.id = mn.need_id
      where mn.measure_id = m.id
    ), '[]') as needs
  from ${source}`;

const select = (sql: Queryable) => selectFrom(sql, sql`measure m`);

/** Every status with 0, so each count record names them all. */
const zeroCounts = () =>
  Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;

/** States whose progress the Sozialraum rows average: in implementation and after, along the main line. */
const PROGRESS_STATUSES: readonly MeasureStatus[] = ['in_implementation', 'completed', 'evaluated'];

/** The 24 months as the query lists them (oldest first), each with every status. */
function monthsOf(
  rows: readonly { month: string; status: MeasureStatus | null; count: number }[],
): MeasureDashboard['statusByMonth'] {
  const out: MeasureDashboard['statusByMonth'] = [];
  for (const row of rows) {
    let entry = out.at(-1);
    if (entry?.month !== row.month) {
      entry = { month: row.month, counts: zeroCounts() };
      out.push(entry);
    }
    if (row.status) entry.counts[row.status] = row.count;
  }
  return out;
}

interface SozialraumCountRow {
  sozialraumId: string | null;
  code: string;
  name: string;
  status: MeasureStatus | null;
  count: number;
  averageProgress: number | null;
}

/** One entry per Sozialraum (the query's order), the city-wide one last even without measures. */
function sozialraumRows(rows: readonly SozialraumCountRow[]): MeasureDashboard['bySozialraum'] {
  const out: MeasureDashboard['bySozialraum'] = [];
  for (const row of rows) {
    let entry = out.at(-1);
    if (!entry || entry.sozialraumId !== row.sozialraumId) {
      const { sozialraumId, code, name, averageProgress } = row;
      entry = { sozialraumId, code, name, total: 0, counts: zeroCounts(), averageProgress };
      out.push(entry);
    }
    if (row.status) {
      entry.counts[row.status] += row.count;
      entry.total += row.count;
    }
  }
  if (out.at(-1)?.sozialraumId !== null) {
    const none = { total: 0, counts: zeroCounts(), averageProgress: null };
    out.push({ sozialraumId: null, code: '', name: 'Stadtweit', ...none });
  }
  return out;
}

interface LateMilestoneRow {
  id: string;
  title: string;
  plannedDate: string;
  status: 'planned' | 'in_progress';
  responsible: string;
  measureId: string;
  measureTitle: string;
}

/** Lateness by the domain's one rule, most late first. */
function lateMilestonesOf(
  rows: readonly LateMilestoneRow[],
  today: string,
): MeasureDashboard['lateMilestones'] {
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      plannedDate: r.plannedDate,
      daysLate: milestoneDaysLate({ plannedDate: r.plannedDate, actualDate: null, status: r.status }, today),
      responsible: r.responsible,
      measure: { id: r.measureId, title: r.measureTitle },
    }))
    .filter((m) => m.daysLate > 0)
    .sort(
      (a, b) =>
        b.daysLate - a.daysLate ||
        a.measure.title.localeCompare(b.measure.title, 'de') ||
        a.plannedDate.localeCompare(b.plannedDate) ||
        a.id.localeCompare(b.id),
    );
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Measures of a body. Writes (create, update, transition) must run inside a transaction the
 * caller opened, so the row, its links and its audit event commit together; `lock` first.
 */
/** What an audit event of a measure records besides who and when. */
interface MeasureEventInput {
  kind: MeasureEventKind;
  fromStatus?: MeasureStatus | null;
  toStatus?: MeasureStatus | null;
  comment?: string | null;
  changes?: Record<string, { from: unknown; to: unknown }>;
  data?: Record<string, unknown>;
}

export function measureRepository(sql: Queryable) {
  // Values here are plain JSON built from validated input; postgres.js wants its own JSON type.
  const json = (value: unknown) => sql.json(value as Parameters<Queryable['json']>[0]);
  async function writeLinks(
    measureId: string,
    sozialraumIds: readonly string[] | null,
    needs: readonly NeedLink[] | null,
  ) {
    if (sozialraumIds) {
      await sql`delete from measure_sozialraum where measure_id = ${measureId}`;
      if (sozialraumIds.length > 0) {
        await sql`insert into measure_sozialraum ${sql(
          sozialraumIds.map((sozialraumId) => ({ measureId, sozialraumId })),
          'measureId',
          'sozialraumId',
        )}`;
      }
    }
    if (needs) {
      await sql`delete from measure_need where measure_id = ${measureId}`;
      if (needs.length > 0) {
        await sql`insert into measure_need ${sql(
          needs.map((n) => ({ measureId, documentId: n.documentId, needId: n.needId, title: n.title })),
          'measureId',
          'documentId',
          'needId',
          'title',
        )}`;
      }
    }
  }

  async function recordEvent(
    measure: { id: string; bodyId: string; version: number },
    actor: MeasureActor,
    event: MeasureEventInput,
  ) {
    await sql`
      insert into measure_event
        (measure_id, body_id, kind, actor_id, actor_name, from_status, to_status, comment, changes, data, version)
      values (${measure.id}, ${measure.bodyId}, ${event.kind}, ${actor.id}, ${actor.name},
              ${event.fromStatus ?? null}, ${event.toStatus ?? null}, ${event.comment ?? null},
              ${json(event.changes ?? {})}, ${json(event.data ?? {})}, ${measure.version})`;
  }

  /**
   * Sets `set` on the measure if it is still at `before.version`, with version + 1 and the audit event, and reads
   * the record back: one statement, so a write holds no transaction open across round trips. Null when someone
   * wrote the measure since `before` was read.
   */
  async function writeVersion(
    before: Measure,
    actor: MeasureActor,
    set: Fragment,
    event: MeasureEventInput,
  ): Promise<Measure | null> {
    const [row] = await sql<RawMeasure[]>`
      with updated as (
        update measure set ${set}, version = ${before.version + 1}, updated_at = now()
        where id = ${before.id} and version = ${before.version}
        returning *
      ), event as (
        insert into measure_event
          (measure_id, body_id, kind, actor_id, actor_name, from_status, to_status, comment, changes, data, version)
        select id, body_id, ${event.kind}::text, ${actor.id}::uuid, ${actor.name}::text,
               ${event.fromStatus ?? null}::text, ${event.toStatus ?? null}::text, ${event.comment ?? null}::text,
               ${json(event.changes ?? {})}, ${json(event.data ?? {})}, version
        from updated
      )
      ${selectFrom(sql, sql`updated m`)}`;
    return row ? toRecord(row) : null;
  }

  const repo = {
    async findById(bodyId: string, id: string): Promise<Measure | null> {
      const [row] = await sql<RawMeasure[]>`${select(sql)} where m.id = ${id} and m.body_id = ${bodyId}`;
      return row ? toRecord(row) : null;
    },

    /** Locks the measure's row until the caller's transaction ends and returns it. */
    async lock(bodyId: string, id: string): Promise<Measure | null> {
      const [row] = await sql<RawMeasure[]>`
        ${select(sql)} where m.id = ${id} and m.body_id = ${bodyId} for update of m`;
      return row ? toRecord(row) : null;
    },

    /**
     * The body's measures the filter lets through, last changed first: all of them, or `page.limit` after
     * `page.cursor` (the `cursor` of the last item of the previous page).
     */
    async list(
      bodyId: string,
      filter: MeasureFilter = {},
      page?: { limit: number; cursor?: KeysetCursor | undefined },
    ): Promise<(Measure & { cursor: KeysetCursor })[]> {
      const visible = filter.visibleSozialraumIds;
      const cursor = page?.cursor;
      const rows = await sql<RawMeasure[]>`
        ${select(sql)}
        where m.body_id = ${bodyId}
          ${filter.publicOnly ? sql`and m.public` : sql``}
          ${
            visible
              ? sql`and (m.city_wide or exists (select 1 from measure_sozialraum v
                   where v.measure_id = m.id and v.sozialraum_id = any(${visible as string[]}::uuid[])))`
              : sql``
          }
          ${
            filter.sozialraumId === 'city'
              ? sql`and m.city_wide`
              : filter.sozialraumId
                ? sql`and exists (select 1 from measure_sozialraum f
                     where f.measure_id = m.id and f.sozialraum_id = ${filter.sozialraumId})`
                : sql``
          }
          ${filter.status?.length ? sql`and m.status = any(${filter.status}::text[])` : sql``}
          ${filter.fundingSource?.length ? sql`and m.funding_source = any(${filter.fundingSource}::text[])` : sql``}
          ${filter.handlungsfeld ? sql`and lower(m.handlungsfeld) = lower(${filter.handlungsfeld})` : sql``}
          ${
            filter.responsible
              ? sql`and (strpos(lower(m.responsible_department), lower(${filter.responsible})) > 0
                      or strpos(lower(m.provider), lower(${filter.responsible})) > 0)`
              : sql``
          }
          ${
            filter.q
              ? sql`and (strpos(lower(m.title), lower(${filter.q})) > 0
                      or strpos(lower(m.description), lower(${filter.q})) > 0)`
              : sql``
          }
          ${
            filter.needId
              ? sql`and exists (select 1 from measure_need fn where fn.measure_id = m.id and fn.need_id = ${filter.needId})`
              : sql``
          }
          ${
            cursor
              ? // Sent as text: postgres.js would pass a timestamptz parameter through a JS Date, dropping
                // the microseconds the keyset needs.
                sql`and (m.updated_at, m.id) < (${cursor.at}::text::timestamptz, ${cursor.id}::uuid)`
              : sql``
          }
        order by m.updated_at desc, m.id desc
        ${page ? sql`limit ${page.limit}` : sql``}`;
      return rows.map((row) =>
        Object.assign(toRecord(row), { cursor: { at: row.updatedAtExact, id: row.id } }),
      );
    },

    /** Creates the measure in status `idea`, version 1, with its `created` audit event. */
    async create(
      bodyId: string,
      actor: MeasureActor,
      values: MeasureValues,
      needs: readonly NeedLink[],
    ): Promise<Measure> {
      const [row] = await sql<{ id: string }[]>`
        insert into measure (body_id, title, description, city_wide, handlungsfeld, responsible_department,
          provider, target_group, cost_one_off, cost_yearly, funding_source, funding_programme,
          planned_start, planned_end, actual_start, actual_end, goals, progress, created_by)
        values (${bodyId}, ${values.title}, ${values.description}, ${values.cityWide}, ${values.handlungsfeld},
          ${values.responsibleDepartment}, ${values.provider}, ${values.targetGroup}, ${values.costOneOff},
          ${values.costYearly}, ${values.fundingSource}, ${values.fundingProgramme}, ${values.plannedStart},
          ${values.plannedEnd}, ${values.actualStart}, ${values.actualEnd}, ${json(values.goals)},
          ${values.progress}, ${actor.id})
        returning id`;
      const id = row!.id;
      await writeLinks(id, values.sozialraumIds, needs);
      const changes = Object.fromEntries(
        Object.entries({ ...values, needIds: needs.map((n) => n.needId) }).map(([k, v]) => [
          k,
          { from: null, to: v },
        ]),
      );
      await recordEvent({ id, bodyId, version: 1 }, actor, { kind: 'created', toStatus: 'idea', changes });
      return (await repo.findById(bodyId, id))!;
    },

    /**
     * Writes new values of the measure read as `before`: only fields that really changed, one `updated` event
     * with their diffs, version + 1. Nothing changed → nothing written (no event, same version). Null when the
     * measure is no longer at `before.version` (never under `lock`). Changed links (Sozialräume, needs) take
     * several statements: inside a transaction, after `lock`.
     */
    async update(
      before: Measure,
      actor: MeasureActor,
      after: MeasureValues,
      needs: readonly NeedLink[] | null,
    ): Promise<Measure | null> {
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(after) as (keyof MeasureValues)[]) {
        const from = key === 'sozialraumIds' ? [...before.sozialraumIds].sort() : before[key];
        const to = key === 'sozialraumIds' ? [...after.sozialraumIds].sort() : after[key];
        if (!sameValue(from, to)) changes[key] = { from, to };
      }
      const needIds = needs?.map((n) => n.needId);
      if (needIds && !sameValue([...before.needIds].sort(), [...needIds].sort())) {
        changes.needIds = { from: before.needIds, to: needIds };
      }
      if (Object.keys(changes).length === 0) return before;

      // Links first: the statement that writes the measure reads them back.
      await writeLinks(
        before.id,
        changes.sozialraumIds ? after.sozialraumIds : null,
        changes.needIds ? needs : null,
      );
      const set = sql`
        title = ${after.title}, description = ${after.description},
        city_wide = ${after.cityWide}, handlungsfeld = ${after.handlungsfeld},
        responsible_department = ${after.responsibleDepartment}, provider = ${after.provider},
        target_group = ${after.targetGroup}, cost_one_off = ${after.costOneOff},
        cost_yearly = ${after.costYearly}, funding_source = ${after.fundingSource},
        funding_programme = ${after.fundingProgramme}, planned_start = ${after.plannedStart},
        planned_end = ${after.plannedEnd}, actual_start = ${after.actualStart},
        actual_end = ${after.actualEnd}, goals = ${json(after.goals)}, progress = ${after.progress}`;
      return writeVersion(before, actor, set, { kind: 'updated', changes });
    },

    /**
     * Moves the measure read as `before` to another status (checked by the caller against `before`), version + 1,
     * with its event. Null when the measure is no longer at `before.version` (never under `lock`).
     */
    async transition(before: Measure, actor: MeasureActor, t: TransitionWrite): Promise<Measure | null> {
      // The decision of `decided`/`rejected` is kept; resubmitting a rejected measure clears it.
      const decides = !t.correction && (t.to === 'decided' || t.to === 'rejected');
      const clears = t.correction
        ? !t.correction.keepsDecision
        : before.status === 'rejected' && t.to === 'planned';
      const decisionDate = decides ? t.decisionDate : clears ? null : before.decisionDate;
      const paperReference = decides ? t.paperReference : clears ? null : before.paperReference;
      const data: Record<string, unknown> = {};
      if (decides && t.decisionDate) data.decisionDate = t.decisionDate;
      if (decides && t.paperReference) data.paperReference = t.paperReference;
      // A correction that drops a decision keeps what it dropped in the trail.
      if (t.correction && clears && (before.decisionDate || before.paperReference)) {
        data.clearedDecision = { decisionDate: before.decisionDate, paperReference: before.paperReference };
      }
      const set = sql`
        status = ${t.to}, deferred_from = ${t.deferredFrom},
        decision_date = ${decisionDate}, paper_reference = ${paperReference}`;
      return writeVersion(before, actor, set, {
        kind: t.correction ? 'correction' : 'transition',
        fromStatus: before.status,
        toStatus: t.to,
        comment: t.comment,
        data,
      });
    },

    /** Opens the measure to the public transparency page or closes it (not an edit: no version, no event). */
    async setPublic(id: string, open: boolean): Promise<void> {
      await sql`update measure set public = ${open} where id = ${id}`;
    },

    /** The audit trail of a measure of the body, oldest first. */
    async events(bodyId: string, measureId: string): Promise<MeasureEvent[]> {
      const rows = await sql<
        (Omit<MeasureEvent, 'id' | 'at' | 'actor'> & {
          id: string;
          at: Date;
          actorId: string | null;
          actorName: string;
        })[]
      >`
        select id::text, kind, created_at as at, actor_id, actor_name, from_status, to_status, comment,
               changes, data, version
        from measure_event e where e.measure_id = ${measureId} and e.body_id = ${bodyId} order by e.id`;
      return rows.map(({ actorId, actorName, at, ...rest }) => ({
        ...rest,
        at: at.toISOString(),
        actor: { id: actorId, name: actorName },
      }));
    },

    /** The ids among `ids` that are Sozialräume of the body. */
    async existingSozialraumIds(bodyId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await sql<{ id: string }[]>`
        select id from sozialraum where body_id = ${bodyId} and id = any(${ids as string[]}::uuid[])`;
      return rows.map((r) => r.id);
    },

    /**
     * Needs of the projection with these ids in the needs documents of the given Sozialräume (or
     * of every Sozialraum of the body for a city-wide measure).
     */
    async findNeeds(
      bodyId: string,
      scope: { cityWide: boolean; sozialraumIds: readonly string[] },
      needIds: readonly string[],
    ): Promise<NeedLink[]> {
      if (needIds.length === 0) return [];
      return sql<NeedLink[]>`
        select n.document_id, n.id as need_id, n.title, d.sozialraum_id
        from need n join document d on d.id = n.document_id and d.kind = 'needs'
        where d.body_id = ${bodyId} and n.id = any(${needIds as string[]}::text[])
          ${scope.cityWide ? sql`` : sql`and d.sozialraum_id = any(${scope.sozialraumIds as string[]}::uuid[])`}
        order by n.id, d.sozialraum_id`;
    },

    /** Measure ids per need id of one needs document (for the needs list). */
    async measureIdsByNeed(documentId: string): Promise<Map<string, string[]>> {
      const rows = await sql<{ needId: string; measureIds: string[] }[]>`
        select need_id, array_agg(measure_id::text order by measure_id) as measure_ids
        from measure_need where document_id = ${documentId} group by need_id`;
      return new Map(rows.map((r) => [r.needId, r.measureIds]));
    },

    /**
     * The admin dashboard, computed in SQL. `today` (`YYYY-MM-DD`, Europe/Berlin) is the day milestones are
     * late on (`milestoneDaysLate`).
     */
    async dashboard(bodyId: string, staleDays: number, today: string): Promise<MeasureDashboard> {
      const groups = DASHBOARD_STATUS_GROUPS;
      const inGroup = (group: readonly MeasureStatus[]) =>
        sql`status = any(${group as MeasureStatus[]}::text[])`;
      // A measure in several Sozialräume counts in each; city-wide ones form their own row.
      const scoped = sql`
        select m.*, ms.sozialraum_id, coalesce(s.name, 'Stadtweit') as sozialraum_name
        from measure m
        left join measure_sozialraum ms on ms.measure_id = m.id
        left join sozialraum s on s.id = ms.sozialraum_id
        where m.body_id = ${bodyId}`;
      const statusCounts = await sql<MeasureDashboard['statusCounts']>`
        select sozialraum_id, sozialraum_name, status, count(*)::int as count
        from (${scoped}) x group by sozialraum_id, sozialraum_name, status
        order by sozialraum_name, status`;
      const costs = await sql<MeasureDashboard['costs']>`
        select sozialraum_id, sozialraum_name,
          coalesce(sum(cost_one_off) filter (where ${inGroup(groups.plannedCosts)}), 0)::float8 as planned_one_off,
          coalesce(sum(cost_yearly) filter (where ${inGroup(groups.plannedCosts)}), 0)::float8 as planned_yearly,
          coalesce(sum(cost_one_off) filter (where ${inGroup(groups.decidedCosts)}), 0)::float8 as decided_one_off,
          coalesce(sum(cost_yearly) filter (where ${inGroup(groups.decidedCosts)}), 0)::float8 as decided_yearly
        from (${scoped}) x group by sozialraum_id, sozialraum_name order by sozialraum_name`;
      const stale = await sql<(Omit<MeasureDashboard['stale'][number], 'updatedAt'> & { updatedAt: Date })[]>`
        select id, title, status, updated_at, floor(extract(epoch from now() - updated_at) / 86400)::int as days_unchanged
        from measure
        where body_id = ${bodyId} and not ${inGroup(groups.resting)}
          and updated_at < now() - make_interval(days => ${staleDays})
        order by updated_at, id`;
      const implementation = await sql<MeasureDashboard['implementation']['measures']>`
        select id, title, progress, planned_end, coalesce(planned_end < current_date, false) as overdue
        from measure where body_id = ${bodyId} and ${inGroup(groups.implementing)}
        order by progress, title`;
      const [average] = await sql<{ averageProgress: number | null }[]>`
        select round(avg(progress))::int as average_progress
        from measure where body_id = ${bodyId} and ${inGroup(groups.implementing)}`;
      const statusByMonth = await sql<{ month: string; status: MeasureStatus | null; count: number }[]>`
        with months as (
          -- Month starts in the municipality's clock; a past month ends when the next one starts, the
          -- current one is now (no end: the latest event is the current status).
          select to_char(start, 'YYYY-MM') as month,
            case when start = date_trunc('month', now() at time zone 'Europe/Berlin') then 'infinity'::timestamptz
                 else (start + interval '1 month') at time zone 'Europe/Berlin' end as cutoff
          from generate_series(date_trunc('month', now() at time zone 'Europe/Berlin') - interval '23 months',
                               date_trunc('month', now() at time zone 'Europe/Berlin'), interval '1 month') start
        ),
        -- Each status a measure held, from the event that set it (creation, transition, correction)
        -- until the next such event: one pass over the trail instead of one look-up per measure and month.
        spans as (
          select e.to_status as status, e.created_at as since,
            lead(e.created_at) over (partition by e.measure_id order by e.id) as until
          from measure_event e join measure m on m.id = e.measure_id
          where m.body_id = ${bodyId} and e.kind in ('created', 'transition', 'correction')
            and e.to_status is not null
        )
        select mo.month, sp.status, count(sp.status)::int as count
        from months mo left join spans sp on sp.since < mo.cutoff and (sp.until is null or sp.until >= mo.cutoff)
        group by mo.month, sp.status order by mo.month, sp.status`;
      const byHandlungsfeld = await sql<MeasureDashboard['byHandlungsfeld']>`
        select handlungsfeld, status, count(*)::int as count
        from measure where body_id = ${bodyId}
        group by handlungsfeld, status order by handlungsfeld, status`;
      const bySozialraum = await sql<SozialraumCountRow[]>`
        with rows as (
          select s.id as sozialraum_id, s.code, s.name, 0 as rank, m.status, m.progress, m.id as measure_id
          from sozialraum s
          left join measure_sozialraum ms on ms.sozialraum_id = s.id
          left join measure m on m.id = ms.measure_id
          where s.body_id = ${bodyId} and s.archived_at is null
          union all
          select null, '', 'Stadtweit', 1, m.status, m.progress, m.id
          from measure m where m.body_id = ${bodyId} and m.city_wide
        )
        select sozialraum_id, code, name, status, count(measure_id)::int as count,
          (select round(avg(r2.progress))::int from rows r2
           where r2.sozialraum_id is not distinct from r.sozialraum_id and r2.rank = r.rank
             and r2.status = any(${PROGRESS_STATUSES as MeasureStatus[]}::text[])) as average_progress,
          rank
        from rows r group by sozialraum_id, code, name, status, rank
        order by rank, code, name, sozialraum_id`;
      const lateRows = await sql<LateMilestoneRow[]>`
        select ml.id, ml.title, to_char(ml.planned_date, 'YYYY-MM-DD') as planned_date, ml.status,
          ml.responsible, m.id as measure_id, m.title as measure_title
        from measure_milestone ml join measure m on m.id = ml.measure_id
        -- The partial index on open milestones' planned dates finds them without reading the others.
        where ml.status in ('planned', 'in_progress') and ml.planned_date < ${today}::date
          and m.body_id = ${bodyId}`;
      return {
        staleDays,
        statusByMonth: monthsOf(statusByMonth),
        byHandlungsfeld,
        bySozialraum: sozialraumRows(bySozialraum),
        lateMilestones: lateMilestonesOf(lateRows, today),
        statusCounts,
        costs,
        stale: stale.map((s) => ({ ...s, updatedAt: s.updatedAt.toISOString() })),
        implementation: {
          count: implementation.length,
          averageProgress: average?.averageProgress ?? null,
          measures: implementation,
        },
      };
    },
  };
  return repo;
}
