import type { IndicatorKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

export interface IndicatorValueRow {
  indicatorId: string;
  /** null: the city-wide value. */
  sozialraumId: string | null;
  /** ISO date. */
  date: string;
  value: number;
}

export interface IndicatorFamilyMember {
  id: string;
  kind: IndicatorKind;
  partOf: string | null;
}

/**
 * Reading indicator values for publication (the values the API, pages and exports show all pass through
 * disclosure control, `apps/server/src/services/figures.ts`). Writing them is the indicator repository's job.
 */
export function indicatorValueRepository(sql: Queryable) {
  return {
    /**
     * The indicators named and their relatives in sums (the total each is a part of, and the parts of each of
     * those totals and of the named ones), so disclosure control sees every equation a figure is in.
     */
    async families(bodyId: string, indicatorIds: readonly string[]): Promise<IndicatorFamilyMember[]> {
      return sql<IndicatorFamilyMember[]>`
        with named as (
          select id, part_of from indicator where body_id = ${bodyId} and id = any(${indicatorIds as string[]}::uuid[])
        ), totals as (
          select id from named union select part_of from named where part_of is not null
        )
        select i.id, i.kind, i.part_of from indicator i
        where i.body_id = ${bodyId}
          and (i.id in (select id from totals) or i.part_of in (select id from totals))`;
    },

    /** The values of these indicators in the body, at `dates` when given, oldest first. */
    async list(
      bodyId: string,
      indicatorIds: readonly string[],
      dates?: readonly string[],
    ): Promise<IndicatorValueRow[]> {
      return sql<IndicatorValueRow[]>`
        select v.indicator_id, v.sozialraum_id, to_char(v.reference_date, 'YYYY-MM-DD') as date,
               v.value::float8 as value
        from indicator_value v join indicator i on i.id = v.indicator_id
        where i.body_id = ${bodyId} and v.indicator_id = any(${indicatorIds as string[]}::uuid[])
          ${dates ? sql`and v.reference_date = any(${dates as string[]}::date[])` : sql``}
        order by v.reference_date, v.indicator_id, v.sozialraum_id nulls first`;
    },

    /** The body's threshold below which counts are not published. */
    async disclosureThreshold(bodyId: string): Promise<number> {
      const [row] = await sql<{ disclosureThreshold: number }[]>`
        select disclosure_threshold from body where id = ${bodyId}`;
      return row?.disclosureThreshold ?? 3;
    },
  };
}
