import { needRepository, type Queryable } from '@quartierplan/db';
import type { IndicatorKind } from '@quartierplan/domain';
import { unique } from './fixtures.ts';

// Indicators, their values and projected needs written straight into the tables, for tests and benchmarks of
// what reads them (the profile, its export) independent of the indicator API and the needs document.

export interface IndicatorRow {
  name?: string;
  kind?: IndicatorKind;
  unit?: string;
  topic?: string;
  precision?: number;
  partOf?: string | null;
}

/** An indicator of the body; returns its id. */
export async function insertIndicator(
  sql: Queryable,
  bodyId: string,
  row: IndicatorRow = {},
): Promise<string> {
  const [created] = await sql<{ id: string }[]>`
    insert into indicator (body_id, name, kind, unit, topic, precision, part_of)
    values (${bodyId}, ${row.name ?? unique('Kennzahl ')}, ${row.kind ?? 'count'}, ${row.unit ?? ''},
            ${row.topic ?? ''}, ${row.precision ?? 0}, ${row.partOf ?? null})
    returning id`;
  return created!.id;
}

/** One value: a Sozialraum (null for the city), a reference date, the value. */
export type ValueRow = [sozialraumId: string | null, date: string, value: number];

/** Values of one indicator, in one statement. */
export async function insertValues(
  sql: Queryable,
  indicatorId: string,
  rows: readonly ValueRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into indicator_value ${sql(
      rows.map(([sozialraumId, referenceDate, value]) => ({
        indicatorId,
        sozialraumId,
        referenceDate,
        value,
      })),
      'indicatorId',
      'sozialraumId',
      'referenceDate',
      'value',
    )}`;
}

/** Replaces the needs projection of a needs document (as if the document held these needs). */
export async function insertNeeds(
  sql: Queryable,
  needsDocumentId: string,
  needs: readonly { title: string; priority?: string; status?: string }[],
): Promise<string[]> {
  const projected = needs.map((need) => ({
    id: unique('need-'),
    title: need.title,
    description: '',
    targetGroup: '',
    source: 'data',
    priority: need.priority ?? 'medium',
    status: need.status ?? 'open',
    votes: 0,
    createdBy: null,
    createdAt: null,
  }));
  await needRepository(sql).replaceForDocument(needsDocumentId, projected, 0);
  return projected.map((need) => need.id);
}
