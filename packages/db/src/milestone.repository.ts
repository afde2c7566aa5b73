import type { MilestoneStatus } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

/** A milestone of a measure as stored, with its responsible account's name read at request time. */
export interface MilestoneRecord {
  id: string;
  measureId: string;
  title: string;
  plannedDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
  /** Who answers for it as the plan names it (an office, a Träger). */
  responsible: string;
  /** The account reminded, with its current name (an erased account reads "Gelöschte Person"); null: none. */
  responsibleUser: { id: string; name: string } | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** What a create or update writes (validated by the caller). */
export interface MilestoneValues {
  title: string;
  plannedDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
  responsible: string;
  responsibleUserId: string | null;
}

/** An open milestone whose responsible account may be reminded (the reminder job). */
export interface ReminderCandidate {
  milestoneId: string;
  measureId: string;
  bodyId: string;
  userId: string;
  plannedDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
}

interface RawMilestone extends Omit<MilestoneRecord, 'responsibleUser' | 'createdAt' | 'updatedAt'> {
  responsibleUserId: string | null;
  responsibleUserName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toRecord({ responsibleUserId, responsibleUserName, ...row }: RawMilestone): MilestoneRecord {
  return {
    ...row,
    responsibleUser: responsibleUserId ? { id: responsibleUserId, name: responsibleUserName ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const select = (sql: Queryable) => sql`
  select ms.id, ms.measure_id, ms.title, ms.planned_date, ms.actual_date, ms.status, ms.responsible,
         ms.responsible_user_id, u.name as responsible_user_name, ms.position, ms.created_at, ms.updated_at
  from measure_milestone ms
  left join app_user u on u.id = ms.responsible_user_id`;

/**
 * The milestones of these measures (by measure, then position). The caller has checked the measures
 * belong to the reader's body and may be seen.
 */
export async function milestonesOfMeasures(
  sql: Queryable,
  measureIds: readonly string[],
): Promise<MilestoneRecord[]> {
  if (measureIds.length === 0) return [];
  const rows = await sql<RawMilestone[]>`
    ${select(sql)}
    where ms.measure_id = any(${measureIds as string[]}::uuid[])
    order by ms.measure_id, ms.position, ms.id`;
  return rows.map(toRecord);
}

/** Milestones of a measure. Writes run in the caller's transaction after it locked the measure. */
export function milestoneRepository(sql: Queryable) {
  const repo = {
    ofMeasures: (measureIds: readonly string[]) => milestonesOfMeasures(sql, measureIds),

    async listByMeasure(measureId: string): Promise<MilestoneRecord[]> {
      return milestonesOfMeasures(sql, [measureId]);
    },

    async findById(measureId: string, id: string): Promise<MilestoneRecord | null> {
      const [row] = await sql<RawMilestone[]>`
        ${select(sql)} where ms.id = ${id} and ms.measure_id = ${measureId}`;
      return row ? toRecord(row) : null;
    },

    async count(measureId: string): Promise<number> {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from measure_milestone where measure_id = ${measureId}`;
      return row?.count ?? 0;
    },

    /** Appends a milestone at the end of the measure's list. */
    async create(measureId: string, values: MilestoneValues): Promise<MilestoneRecord> {
      const [row] = await sql<{ id: string }[]>`
        insert into measure_milestone
          (measure_id, title, planned_date, actual_date, status, responsible, responsible_user_id, position)
        values (${measureId}, ${values.title}, ${values.plannedDate}, ${values.actualDate}, ${values.status},
          ${values.responsible}, ${values.responsibleUserId},
          (select coalesce(max(position), -1) + 1 from measure_milestone where measure_id = ${measureId}))
        returning id`;
      return (await repo.findById(measureId, row!.id))!;
    },

    async update(measureId: string, id: string, values: MilestoneValues): Promise<MilestoneRecord | null> {
      const rows = await sql`
        update measure_milestone set title = ${values.title}, planned_date = ${values.plannedDate},
          actual_date = ${values.actualDate}, status = ${values.status}, responsible = ${values.responsible},
          responsible_user_id = ${values.responsibleUserId}, updated_at = now()
        where id = ${id} and measure_id = ${measureId}
        returning id`;
      return rows.length > 0 ? repo.findById(measureId, id) : null;
    },

    async delete(measureId: string, id: string): Promise<boolean> {
      const rows = await sql`
        delete from measure_milestone where id = ${id} and measure_id = ${measureId} returning id`;
      return rows.length > 0;
    },

    /** Sets the positions in the order of `ids` (exactly the measure's milestones: checked by the caller). */
    async reorder(measureId: string, ids: readonly string[]): Promise<MilestoneRecord[]> {
      for (const [position, id] of ids.entries()) {
        await sql`
          update measure_milestone set position = ${position}
          where id = ${id} and measure_id = ${measureId} and position <> ${position}`;
      }
      return repo.listByMeasure(measureId);
    },

    /**
     * Open milestones with an active responsible account whose planned date is on or before `until`
     * (`YYYY-MM-DD`), over every body: the reminder job decides due or late with the domain rule.
     */
    async reminderCandidates(until: string): Promise<ReminderCandidate[]> {
      return sql<ReminderCandidate[]>`
        select ms.id as milestone_id, ms.measure_id, m.body_id, ms.responsible_user_id as user_id,
               ms.planned_date, ms.actual_date, ms.status
        from measure_milestone ms
        join measure m on m.id = ms.measure_id
        join app_user u on u.id = ms.responsible_user_id and u.active and u.body_id = m.body_id
        where ms.status in ('planned', 'in_progress') and ms.planned_date <= ${until}::date
        order by ms.planned_date, ms.id`;
    },
  };
  return repo;
}
