import type { Queryable } from './connection.ts';

/** An evaluation indicator (Kennzahl) of a measure as stored. */
export interface EvaluationIndicatorRecord {
  id: string;
  measureId: string;
  name: string;
  unit: string;
  indicatorId: string | null;
  baseline: number | null;
  baselineDate: string | null;
  target: number | null;
  targetDate: string | null;
  actual: number | null;
  actualDate: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export type EvaluationIndicatorValues = Omit<
  EvaluationIndicatorRecord,
  'id' | 'measureId' | 'position' | 'createdAt' | 'updatedAt'
>;

interface RawIndicator extends Omit<EvaluationIndicatorRecord, 'createdAt' | 'updatedAt'> {
  createdAt: Date;
  updatedAt: Date;
}

const toRecord = (row: RawIndicator): EvaluationIndicatorRecord => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const select = (sql: Queryable) => sql`
  select e.id, e.measure_id, e.name, e.unit, e.indicator_id, e.baseline::float8 as baseline, e.baseline_date,
         e.target::float8 as target, e.target_date, e.actual::float8 as actual, e.actual_date, e.position,
         e.created_at, e.updated_at
  from measure_evaluation_indicator e`;

/** The evaluation indicators of these measures (by measure, then position). */
export async function evaluationOfMeasures(
  sql: Queryable,
  measureIds: readonly string[],
): Promise<EvaluationIndicatorRecord[]> {
  if (measureIds.length === 0) return [];
  const rows = await sql<RawIndicator[]>`
    ${select(sql)}
    where e.measure_id = any(${measureIds as string[]}::uuid[])
    order by e.measure_id, e.position, e.id`;
  return rows.map(toRecord);
}

/** Evaluation indicators of a measure. Writes run in the caller's transaction after it locked the measure. */
export function evaluationRepository(sql: Queryable) {
  const repo = {
    ofMeasures: (measureIds: readonly string[]) => evaluationOfMeasures(sql, measureIds),

    listByMeasure: (measureId: string) => evaluationOfMeasures(sql, [measureId]),

    async findById(measureId: string, id: string): Promise<EvaluationIndicatorRecord | null> {
      const [row] = await sql<
        RawIndicator[]
      >`${select(sql)} where e.id = ${id} and e.measure_id = ${measureId}`;
      return row ? toRecord(row) : null;
    },

    async count(measureId: string): Promise<number> {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from measure_evaluation_indicator where measure_id = ${measureId}`;
      return row?.count ?? 0;
    },

    async create(measureId: string, v: EvaluationIndicatorValues): Promise<EvaluationIndicatorRecord> {
      const [row] = await sql<{ id: string }[]>`
        insert into measure_evaluation_indicator (measure_id, name, unit, indicator_id, baseline, baseline_date,
          target, target_date, actual, actual_date, position)
        values (${measureId}, ${v.name}, ${v.unit}, ${v.indicatorId}, ${v.baseline}, ${v.baselineDate},
          ${v.target}, ${v.targetDate}, ${v.actual}, ${v.actualDate},
          (select coalesce(max(position), -1) + 1 from measure_evaluation_indicator where measure_id = ${measureId}))
        returning id`;
      return (await repo.findById(measureId, row!.id))!;
    },

    async update(
      measureId: string,
      id: string,
      v: EvaluationIndicatorValues,
    ): Promise<EvaluationIndicatorRecord | null> {
      const rows = await sql`
        update measure_evaluation_indicator set name = ${v.name}, unit = ${v.unit}, indicator_id = ${v.indicatorId},
          baseline = ${v.baseline}, baseline_date = ${v.baselineDate}, target = ${v.target},
          target_date = ${v.targetDate}, actual = ${v.actual}, actual_date = ${v.actualDate}, updated_at = now()
        where id = ${id} and measure_id = ${measureId}
        returning id`;
      return rows.length > 0 ? repo.findById(measureId, id) : null;
    },

    async delete(measureId: string, id: string): Promise<boolean> {
      const rows = await sql`
        delete from measure_evaluation_indicator where id = ${id} and measure_id = ${measureId} returning id`;
      return rows.length > 0;
    },
  };
  return repo;
}
