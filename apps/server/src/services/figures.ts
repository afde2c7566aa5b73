import { indicatorValueRepository, sozialraumRepository, type Queryable } from '@quartierplan/db';
import { suppressCounts, type DisclosureEquation, type FigureDto } from '@quartierplan/domain';

/**
 * The one way indicator values are published (API, pages, charts, maps, exports, citations): every count goes
 * through disclosure control over the whole table it belongs to, whoever reads it, so what is suppressed does
 * not depend on the reader; visibility is filtered after.
 *
 * The tables are: per indicator and date, the Sozialräume and the city (the city value is their sum when the
 * body's Sozialräume cover the city, i.e. when every one has a value and they add up to it); per Sozialraum (or
 * the city) and date, a total and its parts (`partOf`), when every part has a value and they add up to it.
 * Rates, shares and means are not counts and are published as they are.
 */
export interface FigureBook {
  /** The published figure, or null when there is no value at all. */
  figure(indicatorId: string, sozialraumId: string | null, date: string): FigureDto | null;
  /** The dates that have a value for the indicator, oldest first. */
  dates(indicatorId: string): string[];
}

const cell = (indicatorId: string, sozialraumId: string | null, date: string) =>
  `${indicatorId}|${sozialraumId ?? 'city'}|${date}`;

/** Whether `total` is exactly the sum of `parts` (values are stored as numeric; counts are whole numbers). */
const addsUp = (total: number, parts: readonly number[]) =>
  Math.abs(parts.reduce((sum, part) => sum + part, 0) - total) < 1e-6;

/** Beyond this many parts only the whole set is tried (the subsets would be too many). */
const MAX_PARTS_SEARCHED = 12;

/**
 * The groups of parts that add up to the total: all parts, or, when a total has several breakdowns (sex and
 * age groups of one population, each adding up to it), every set of parts above 0 that does. Each is a true
 * equation; one found by coincidence only makes the suppression more careful.
 */
function summingGroups(total: number, members: readonly string[], values: readonly number[]): string[][] {
  if (addsUp(total, values)) return [[...members]];
  const nonZero = members.map((id, i) => ({ id, value: values[i]! })).filter((part) => part.value !== 0);
  if (nonZero.length > MAX_PARTS_SEARCHED) return [];
  const groups: string[][] = [];
  for (let mask = 1; mask < 1 << nonZero.length; mask++) {
    const group = nonZero.filter((_, i) => mask & (1 << i));
    if (
      addsUp(
        total,
        group.map((part) => part.value),
      )
    )
      groups.push(group.map((part) => part.id));
  }
  return groups;
}

export async function publishedFigures(
  sql: Queryable,
  bodyId: string,
  indicatorIds: readonly string[],
  dates?: readonly string[],
): Promise<FigureBook> {
  const values = indicatorValueRepository(sql);
  const family = await values.families(bodyId, indicatorIds);
  const rows = await values.list(
    bodyId,
    family.map((member) => member.id),
    dates,
  );
  const threshold = await values.disclosureThreshold(bodyId);
  const sozialraumIds = (await sozialraumRepository(sql).list(bodyId)).map((s) => s.id);

  const stored = new Map(rows.map((row) => [cell(row.indicatorId, row.sozialraumId, row.date), row.value]));
  const counts = new Set(family.filter((member) => member.kind === 'count').map((member) => member.id));
  const countCells = new Map(
    rows
      .filter((row) => counts.has(row.indicatorId))
      .map((row) => [cell(row.indicatorId, row.sozialraumId, row.date), row.value] as const),
  );
  const allDates = [...new Set(rows.map((row) => row.date))];
  const equations: DisclosureEquation[] = [];
  for (const date of allDates) {
    for (const indicatorId of counts) {
      // The city as the sum of the Sozialräume.
      const city = countCells.get(cell(indicatorId, null, date));
      const members = sozialraumIds.map((id) => cell(indicatorId, id, date));
      const parts = members.map((id) => countCells.get(id));
      if (
        city !== undefined &&
        parts.every((part) => part !== undefined) &&
        addsUp(city, parts as number[])
      ) {
        equations.push({ total: cell(indicatorId, null, date), members });
      }
    }
    // A total as the sum of its parts, in every Sozialraum and the city.
    for (const total of family.filter((member) => counts.has(member.id))) {
      const partIds = family.filter((member) => member.partOf === total.id && counts.has(member.id));
      if (partIds.length === 0) continue;
      for (const place of [null, ...sozialraumIds]) {
        const totalValue = countCells.get(cell(total.id, place, date));
        const members = partIds.map((part) => cell(part.id, place, date));
        const parts = members.map((id) => countCells.get(id));
        if (totalValue !== undefined && parts.every((part) => part !== undefined)) {
          for (const group of summingGroups(totalValue, members, parts as number[]))
            equations.push({ total: cell(total.id, place, date), members: group });
        }
      }
    }
  }
  const suppressed = suppressCounts(countCells, equations, threshold);

  const datesOf = new Map<string, string[]>();
  for (const row of rows) {
    const list = datesOf.get(row.indicatorId) ?? [];
    if (!list.includes(row.date)) list.push(row.date);
    datesOf.set(row.indicatorId, list);
  }
  return {
    figure(indicatorId, sozialraumId, date) {
      const key = cell(indicatorId, sozialraumId, date);
      const value = stored.get(key);
      if (value === undefined) return null;
      return suppressed.has(key) ? { value: null, suppressed: true } : { value, suppressed: false };
    },
    dates: (indicatorId) => datesOf.get(indicatorId) ?? [],
  };
}
