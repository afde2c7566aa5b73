import type { Queryable } from './connection.ts';

/** A progress report as stored, with its author's current name (null: no author, deleted account). */
export interface ReportRecord {
  id: string;
  measureId: string;
  date: string;
  text: string;
  progress: number;
  author: { id: string; name: string } | null;
  createdAt: string;
}

export interface ReportValues {
  date: string;
  text: string;
  progress: number;
}

interface RawReport extends Omit<ReportRecord, 'author' | 'createdAt'> {
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
}

function toRecord({ authorId, authorName, ...row }: RawReport): ReportRecord {
  return {
    ...row,
    author: authorId ? { id: authorId, name: authorName ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

const select = (sql: Queryable) => sql`
  select r.id, r.measure_id, r.report_date as date, r.text, r.progress, r.author_id, u.name as author_name,
         r.created_at
  from measure_report r
  left join app_user u on u.id = r.author_id`;

/** The reports of these measures, newest first per measure (date, then creation). */
export async function reportsOfMeasures(
  sql: Queryable,
  measureIds: readonly string[],
): Promise<ReportRecord[]> {
  if (measureIds.length === 0) return [];
  const rows = await sql<RawReport[]>`
    ${select(sql)}
    where r.measure_id = any(${measureIds as string[]}::uuid[])
    order by r.measure_id, r.report_date desc, r.created_at desc, r.id desc`;
  return rows.map(toRecord);
}

/** Progress reports of a measure. Writes run in the caller's transaction after it locked the measure. */
export function reportRepository(sql: Queryable) {
  const repo = {
    ofMeasures: (measureIds: readonly string[]) => reportsOfMeasures(sql, measureIds),

    listByMeasure: (measureId: string) => reportsOfMeasures(sql, [measureId]),

    async findById(measureId: string, id: string): Promise<ReportRecord | null> {
      const [row] = await sql<RawReport[]>`${select(sql)} where r.id = ${id} and r.measure_id = ${measureId}`;
      return row ? toRecord(row) : null;
    },

    /** The newest report of the measure (date, then creation), which sets its progress. */
    async newest(measureId: string): Promise<ReportRecord | null> {
      const [row] = await sql<RawReport[]>`
        ${select(sql)} where r.measure_id = ${measureId}
        order by r.report_date desc, r.created_at desc, r.id desc limit 1`;
      return row ? toRecord(row) : null;
    },

    async count(measureId: string): Promise<number> {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from measure_report where measure_id = ${measureId}`;
      return row?.count ?? 0;
    },

    async create(measureId: string, authorId: string, values: ReportValues): Promise<ReportRecord> {
      // clock_timestamp(): two reports of one transaction (or the same day) still order by creation.
      const [row] = await sql<{ id: string }[]>`
        insert into measure_report (measure_id, report_date, text, progress, author_id, created_at)
        values (${measureId}, ${values.date}, ${values.text}, ${values.progress}, ${authorId}, clock_timestamp())
        returning id`;
      return (await repo.findById(measureId, row!.id))!;
    },

    async delete(measureId: string, id: string): Promise<boolean> {
      const rows =
        await sql`delete from measure_report where id = ${id} and measure_id = ${measureId} returning id`;
      return rows.length > 0;
    },
  };
  return repo;
}
