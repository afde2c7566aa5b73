import type { Sql } from '@quartierplan/db';
import { testDatabases, type TestDatabase } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBody } from '../testing/fixtures.ts';
import { insertSozialraum } from '../testing/workshop-rows.ts';
import { publishedFigures } from './figures.ts';

const DATE = '2023-04-30';

async function insertIndicator(
  sql: Sql,
  bodyId: string,
  name: string,
  kind = 'count',
  partOf: string | null = null,
) {
  const [row] = await sql<{ id: string }[]>`
    insert into indicator (body_id, name, kind, part_of) values (${bodyId}, ${name}, ${kind}, ${partOf}) returning id`;
  return row!.id;
}

async function insertValue(
  sql: Sql,
  indicatorId: string,
  sozialraumId: string | null,
  value: number,
  date = DATE,
) {
  await sql`insert into indicator_value (indicator_id, sozialraum_id, reference_date, value)
            values (${indicatorId}, ${sozialraumId}, ${date}, ${value})`;
}

describe.each(testDatabases())('published figures on $name', (factory) => {
  let db: TestDatabase;
  let bodyId: string;
  let places: string[];

  beforeAll(async () => {
    db = await factory.open();
    bodyId = (await createTestBody(db.sql)).bodyId;
    places = [
      await insertSozialraum(db.sql, bodyId),
      await insertSozialraum(db.sql, bodyId),
      await insertSozialraum(db.sql, bodyId),
    ];
  });
  afterAll(async () => {
    await db.close();
  });

  it('hides a small count and, where the city is the sum of the Sozialräume, one more so it cannot be computed', async () => {
    const people = await insertIndicator(db.sql, bodyId, 'Einwohner bulgarisch');
    await insertValue(db.sql, people, places[0]!, 2);
    await insertValue(db.sql, people, places[1]!, 9);
    await insertValue(db.sql, people, places[2]!, 40);
    await insertValue(db.sql, people, null, 51);

    const book = await publishedFigures(db.sql, bodyId, [people]);
    expect(book.figure(people, places[0]!, DATE)).toEqual({ value: null, suppressed: true });
    expect(book.figure(people, places[1]!, DATE)).toEqual({ value: null, suppressed: true });
    expect(book.figure(people, places[2]!, DATE)).toEqual({ value: 40, suppressed: false });
    expect(book.figure(people, null, DATE)).toEqual({ value: 51, suppressed: false });
    expect(book.dates(people)).toEqual([DATE]);
    expect(book.figure(people, places[0]!, '2020-01-01')).toBeNull();
  });

  it('protects the parts of a total (age groups of a population) together with the city sums', async () => {
    const total = await insertIndicator(db.sql, bodyId, 'Einwohner ukrainisch');
    const young = await insertIndicator(db.sql, bodyId, 'Einwohner ukrainisch unter 18', 'count', total);
    const old = await insertIndicator(db.sql, bodyId, 'Einwohner ukrainisch ab 18', 'count', total);
    const rows: [string | null, number, number][] = [
      [places[0]!, 1, 30],
      [places[1]!, 20, 25],
      [places[2]!, 12, 33],
      [null, 33, 88],
    ];
    for (const [place, under, over] of rows) {
      await insertValue(db.sql, young, place, under);
      await insertValue(db.sql, old, place, over);
      await insertValue(db.sql, total, place, under + over);
    }
    // Asked for the total alone, the parts count too: otherwise 31 − 30 would give the hidden 1 away.
    const book = await publishedFigures(db.sql, bodyId, [young]);
    expect(book.figure(young, places[0]!, DATE)).toEqual({ value: null, suppressed: true });
    const shown = (id: string, place: string | null) => !book.figure(id, place, DATE)!.suppressed;
    // Neither the row (total − other part) nor the column (city − other Sozialräume) reveals it.
    expect(shown(total, places[0]!) && shown(old, places[0]!)).toBe(false);
    expect([places[1]!, places[2]!, null].every((place) => shown(young, place))).toBe(false);
  });

  it('knows a total with two breakdowns (sex and age groups), each adding up to it', async () => {
    const total = await insertIndicator(db.sql, bodyId, 'Einwohner zwei – Insgesamt');
    const parts = await Promise.all(
      ['Männlich', 'Weiblich', 'Unter 18', 'Ab 18'].map((name) =>
        insertIndicator(db.sql, bodyId, `Einwohner zwei – ${name}`, 'count', total),
      ),
    );
    // male, female, under 18, 18 and older: male 2 would follow from total − female without the equation.
    const rows: [string | null, number[]][] = [
      [places[0]!, [2, 40, 12, 30]],
      [places[1]!, [25, 25, 20, 30]],
      [places[2]!, [30, 33, 13, 50]],
      [null, [57, 98, 45, 110]],
    ];
    for (const [place, values] of rows) {
      for (const [i, value] of values.entries()) await insertValue(db.sql, parts[i]!, place, value);
      await insertValue(db.sql, total, place, values[0]! + values[1]!);
    }
    const book = await publishedFigures(db.sql, bodyId, [total]);
    expect(book.figure(parts[0]!, places[0]!, DATE)).toEqual({ value: null, suppressed: true });
    const shown = (id: string, place: string | null) => !book.figure(id, place, DATE)!.suppressed;
    expect(shown(total, places[0]!) && shown(parts[1]!, places[0]!)).toBe(false);
  });

  it('publishes rates as they are, and counts of a city the Sozialräume do not cover with primary suppression only', async () => {
    const rate = await insertIndicator(db.sql, bodyId, 'SGB II-Quote', 'rate');
    await insertValue(db.sql, rate, places[0]!, 1.5);
    const partial = await insertIndicator(db.sql, bodyId, 'Einwohner gesamt');
    await insertValue(db.sql, partial, places[0]!, 2);
    await insertValue(db.sql, partial, places[1]!, 13137);
    await insertValue(db.sql, partial, null, 196434);
    const book = await publishedFigures(db.sql, bodyId, [rate, partial]);
    expect(book.figure(rate, places[0]!, DATE)).toEqual({ value: 1.5, suppressed: false });
    expect(book.figure(partial, places[0]!, DATE)).toEqual({ value: null, suppressed: true });
    expect(book.figure(partial, places[1]!, DATE)).toEqual({ value: 13137, suppressed: false });
  });

  it('follows the body’s threshold', async () => {
    await db.sql`update body set disclosure_threshold = 10 where id = ${bodyId}`;
    const few = await insertIndicator(db.sql, bodyId, 'Wenige');
    await insertValue(db.sql, few, places[0]!, 7);
    const book = await publishedFigures(db.sql, bodyId, [few]);
    expect(book.figure(few, places[0]!, DATE)).toEqual({ value: null, suppressed: true });
    await db.sql`update body set disclosure_threshold = 3 where id = ${bodyId}`;
  });
});
