import type { IndicatorKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

export interface IndicatorRow {
  id: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  topic: string;
  source: string;
  description: string;
  precision: number;
  partOf: string | null;
  /** The reference dates that have values (ISO), oldest first. */
  dates: string[];
}

export interface NewIndicator {
  name: string;
  unit: string;
  kind: IndicatorKind;
  topic: string;
  source: string;
  description: string;
  precision: number;
  partOf: string | null;
}

export type IndicatorPatch = { [K in keyof NewIndicator]?: NewIndicator[K] | undefined };

/** A value to store: `sozialraumId` null is the city-wide value. */
export interface IndicatorValueInput {
  indicatorId: string;
  sozialraumId: string | null;
  date: string;
  value: number;
}

/** What an upsert did: values new, values that differed and were replaced, values already stored as given. */
export interface UpsertCounts {
  added: number;
  changed: number;
  unchanged: number;
}

const COLUMNS = ['name', 'unit', 'kind', 'topic', 'source', 'description', 'precision', 'partOf'] as const;

const select = (sql: Queryable) => sql`
  select i.id, i.name, i.unit, i.kind, i.topic, i.source, i.description, i.precision::int as precision,
         i.part_of,
         coalesce((select array_agg(d.day order by d.day)
                   from (select distinct to_char(v.reference_date, 'YYYY-MM-DD') as day
                         from indicator_value v where v.indicator_id = i.id) d), '{}') as dates
  from indicator i`;

const key = (v: { indicatorId: string; sozialraumId: string | null; date: string }) =>
  `${v.indicatorId}|${v.sozialraumId ?? ''}|${v.date}`;

/**
 * The indicator catalogue of a body and writing its values (reading values for publication is
 * `indicatorValueRepository`'s job, always behind disclosure control).
 */
export function indicatorRepository(sql: Queryable) {
  return {
    /** The body's indicators by topic, in the order they were created (an import: its columns), each with the dates that have values. */
    async list(bodyId: string): Promise<IndicatorRow[]> {
      return sql<IndicatorRow[]>`${select(sql)} where i.body_id = ${bodyId} order by i.topic, i.position`;
    },

    async findById(bodyId: string, id: string): Promise<IndicatorRow | null> {
      const [row] = await sql<IndicatorRow[]>`${select(sql)} where i.id = ${id} and i.body_id = ${bodyId}`;
      return row ?? null;
    },

    /** The body's indicators with these names (exact), by name. */
    async idsByName(bodyId: string, names: readonly string[]): Promise<Map<string, string>> {
      if (names.length === 0) return new Map();
      const rows = await sql<{ id: string; name: string }[]>`
        select id, name from indicator where body_id = ${bodyId} and name = any(${names as string[]}::text[])`;
      return new Map(rows.map((r) => [r.name, r.id]));
    },

    /** Creates one; a taken name throws `UniqueViolationError` (`indicator_body_id_name_uq`). */
    async create(bodyId: string, input: NewIndicator): Promise<IndicatorRow> {
      const [row] = await withConstraintErrors(
        () => sql<{ id: string }[]>`
          insert into indicator (body_id, name, unit, kind, topic, source, description, precision, part_of)
          values (${bodyId}, ${input.name}, ${input.unit}, ${input.kind}, ${input.topic}, ${input.source},
                  ${input.description}, ${input.precision}, ${input.partOf})
          returning id`,
      );
      return (await this.findById(bodyId, row!.id))!;
    },

    async update(bodyId: string, id: string, patch: IndicatorPatch): Promise<IndicatorRow | null> {
      const columns = COLUMNS.filter((k) => patch[k] !== undefined);
      const updated = await withConstraintErrors(() =>
        columns.length
          ? sql`update indicator set ${sql(patch, columns)}, updated_at = now()
                where id = ${id} and body_id = ${bodyId}`
          : sql`update indicator set updated_at = now() where id = ${id} and body_id = ${bodyId}`,
      );
      return updated.count === 1 ? this.findById(bodyId, id) : null;
    },

    /** Deletes it with its values (its parts stay, no longer part of anything); false when there is none. */
    async delete(bodyId: string, id: string): Promise<boolean> {
      const deleted = await sql`delete from indicator where id = ${id} and body_id = ${bodyId}`;
      return deleted.count === 1;
    },

    /**
     * The stored values at the given cells (indicator, Sozialraum or city, date), by `indicator|sozialraum|date`
     * (the Sozialraum empty for the city): what an import would change.
     */
    async storedValues(bodyId: string, indicatorIds: readonly string[]): Promise<Map<string, number>> {
      if (indicatorIds.length === 0) return new Map();
      const rows = await sql<
        { indicatorId: string; sozialraumId: string | null; date: string; value: number }[]
      >`
        select v.indicator_id, v.sozialraum_id, to_char(v.reference_date, 'YYYY-MM-DD') as date,
               v.value::float8 as value
        from indicator_value v join indicator i on i.id = v.indicator_id
        where i.body_id = ${bodyId} and v.indicator_id = any(${indicatorIds as string[]}::uuid[])`;
      return new Map(rows.map((r) => [key(r), r.value]));
    },

    /**
     * Stores the values (insert or replace; equal values are not written). Run it inside a transaction when
     * the values must land together: the caller's `sql.begin` makes it one.
     */
    async upsertValues(bodyId: string, values: readonly IndicatorValueInput[]): Promise<UpsertCounts> {
      const indicatorIds = [...new Set(values.map((v) => v.indicatorId))];
      const stored = await this.storedValues(bodyId, indicatorIds);
      const counts: UpsertCounts = { added: 0, changed: 0, unchanged: 0 };
      const toWrite: IndicatorValueInput[] = [];
      for (const value of values) {
        const before = stored.get(key(value));
        if (before === undefined) counts.added += 1;
        else if (before === value.value) {
          counts.unchanged += 1;
          continue;
        } else counts.changed += 1;
        toWrite.push(value);
      }
      for (let start = 0; start < toWrite.length; start += 1000) {
        const rows = toWrite.slice(start, start + 1000).map((v) => ({
          indicatorId: v.indicatorId,
          sozialraumId: v.sozialraumId,
          referenceDate: v.date,
          value: v.value,
        }));
        await sql`
          insert into indicator_value ${sql(rows, 'indicatorId', 'sozialraumId', 'referenceDate', 'value')}
          on conflict on constraint indicator_value_uq do update set value = excluded.value`;
      }
      if (toWrite.length > 0) {
        await sql`update indicator set updated_at = now()
                  where body_id = ${bodyId} and id = any(${indicatorIds}::uuid[])`;
      }
      return counts;
    },
  };
}

/** The key `storedValues` answers by. */
export const indicatorValueKey = key;
