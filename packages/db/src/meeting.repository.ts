import type { Meeting } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

/** What creating a meeting writes (validated by the domain schema, committee checked by the caller). */
export interface MeetingWrite {
  committeeId: string;
  date: string;
  startTime: string | null;
  location: string;
}

const select = (sql: Queryable) => sql`
  select mt.id, mt.body_id, mt.date, mt.start_time, mt.location,
    json_build_object('id', c.id, 'name', c.name, 'kind', c.kind) as committee,
    (select count(*)::int from paper_consultation pc where pc.meeting_id = mt.id) as consultation_count
  from meeting mt join committee c on c.id = mt.committee_id`;

/** Meetings (Sitzungen) of a body's committees: reference data for the Beratungsfolge. */
export function meetingRepository(sql: Queryable) {
  const repo = {
    async list(
      bodyId: string,
      filter: { committeeId?: string | undefined; from?: string | undefined } = {},
    ): Promise<Meeting[]> {
      return sql<Meeting[]>`
        ${select(sql)} where mt.body_id = ${bodyId}
          ${filter.committeeId ? sql`and mt.committee_id = ${filter.committeeId}` : sql``}
          ${filter.from ? sql`and mt.date >= ${filter.from}` : sql``}
        order by mt.date, mt.start_time nulls first, c.name`;
    },

    async findById(bodyId: string, id: string): Promise<Meeting | null> {
      const [row] = await sql<Meeting[]>`${select(sql)} where mt.id = ${id} and mt.body_id = ${bodyId}`;
      return row ?? null;
    },

    /** The body's meetings among the ids (unknown or foreign ones are left out). */
    async findMany(bodyId: string, ids: readonly string[]): Promise<Meeting[]> {
      if (ids.length === 0) return [];
      return sql<Meeting[]>`${select(sql)} where mt.body_id = ${bodyId} and mt.id in ${sql(ids)}`;
    },

    async create(bodyId: string, input: MeetingWrite): Promise<Meeting> {
      const [row] = await withConstraintErrors(
        () => sql<{ id: string }[]>`
          insert into meeting (body_id, committee_id, date, start_time, location)
          values (${bodyId}, ${input.committeeId}, ${input.date}, ${input.startTime}, ${input.location})
          returning id`,
      );
      return (await repo.findById(bodyId, row!.id))!;
    },

    /**
     * Deletes a meeting no Beratungsfolge points at. `in_use` otherwise; the foreign key (restrict)
     * stays the backstop against a consultation added concurrently.
     */
    async delete(bodyId: string, id: string): Promise<'deleted' | 'in_use' | 'not_found'> {
      const rows = await sql<{ used: boolean }[]>`
        select exists (select 1 from paper_consultation pc where pc.meeting_id = mt.id) as used
        from meeting mt where mt.id = ${id} and mt.body_id = ${bodyId}`;
      if (!rows[0]) return 'not_found';
      if (rows[0].used) return 'in_use';
      await sql`delete from meeting where id = ${id} and body_id = ${bodyId}`;
      return 'deleted';
    },
  };
  return repo;
}
