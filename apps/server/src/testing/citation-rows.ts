import type { Sql } from '@quartierplan/db';
import { unique } from './fixtures.ts';

// Indicators and their values written straight into the tables (migration 0016), for the citation tests:
// the indicator API is built beside them, and what a citation freezes must not depend on it.

export interface IndicatorRow {
  bodyId: string;
  name?: string;
  unit?: string;
  kind?: 'count' | 'rate' | 'share' | 'mean';
  source?: string;
  precision?: number;
  partOf?: string | null;
}

export async function insertIndicator(sql: Sql, input: IndicatorRow): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into indicator (body_id, name, unit, kind, source, precision, part_of)
    values (${input.bodyId}, ${input.name ?? unique('Indikator ')}, ${input.unit ?? ''},
      ${input.kind ?? 'count'}, ${input.source ?? ''}, ${input.precision ?? 0}, ${input.partOf ?? null})
    returning id`;
  return row!.id;
}

/** Sets (or replaces) a value; `sozialraumId` null is the city-wide value. */
export async function setIndicatorValue(
  sql: Sql,
  indicatorId: string,
  sozialraumId: string | null,
  date: string,
  value: number,
): Promise<void> {
  await sql`
    insert into indicator_value (indicator_id, sozialraum_id, reference_date, value)
    values (${indicatorId}, ${sozialraumId}, ${date}, ${value})
    on conflict on constraint indicator_value_uq do update set value = excluded.value`;
}
