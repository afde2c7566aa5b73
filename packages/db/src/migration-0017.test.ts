import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorRepository } from './indicator.repository.ts';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';
import { testDatabases, type TestDatabase } from './testing.ts';

// Migration 0017 on data: the population rows as they were stored become indicators with their parts.
describe.each(testDatabases())('migration 0017 (population → indicators) on $name', (factory) => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await factory.open({ migrated: false });
    dir = await mkdtemp(join(tmpdir(), 'qp-0017-'));
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.*\.sql$/.test(f));
    for (const file of files.filter((f) => f < '0017'))
      await copyFile(join(MIGRATIONS_DIR, file), join(dir, file));
    await migrate(db.sql, dir);
    for (const file of files.filter((f) => f >= '0017'))
      await copyFile(join(MIGRATIONS_DIR, file), join(dir, file));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('copies every row into a total with male, female and age groups as its parts, then drops the table', async () => {
    const [body] = await db.sql<
      { id: string }[]
    >`insert into body (name) values ('Stadt Hagen') returning id`;
    const [a] = await db.sql<{ id: string }[]>`
      insert into sozialraum (body_id, code, name) values (${body!.id}, '712', 'Wehringhausen') returning id`;
    const [b] = await db.sql<{ id: string }[]>`
      insert into sozialraum (body_id, code, name) values (${body!.id}, '713', 'Altenhagen') returning id`;
    const groups = (young: number, old: number) => [
      { label: 'Unter 18 Jahre', count: young },
      { label: '18 Jahre und älter', count: old },
    ];
    const rows = [
      [a!.id, 'Gesamtbevölkerung', '2023-04-30', 6718, 6419, 13137, groups(2945, 10192)],
      [b!.id, 'Gesamtbevölkerung', '2023-04-30', 9860, 9558, 19418, groups(4561, 14857)],
      [a!.id, 'Gesamtbevölkerung', '2022-12-31', 6700, 6400, 13100, groups(2900, 10200)],
      [
        a!.id,
        'Bulgarische Staatsangehörigkeit',
        '2023-04-30',
        231,
        223,
        454,
        [{ label: 'Alle', count: 454 }],
      ],
    ] as const;
    for (const [sozialraum, dataset, date, male, female, total, ageGroups] of rows) {
      await db.sql`
        insert into sozialraum_population (sozialraum_id, dataset, reference_date, male, female, total, age_groups)
        values (${sozialraum}, ${dataset}, ${date}, ${male}, ${female}, ${total}, ${db.sql.json(ageGroups)})`;
    }

    // 0017 and whatever came after it.
    expect((await migrate(db.sql, dir)).applied[0]).toBe('0017_population_indicators');

    const catalogue = await indicatorRepository(db.sql).list(body!.id);
    const byName = new Map(catalogue.map((i) => [i.name, i]));
    const total = byName.get('Einwohner Gesamtbevölkerung – Insgesamt')!;
    expect(total).toMatchObject({ kind: 'count', unit: 'Personen', topic: 'Bevölkerung', partOf: null });
    expect(total.dates).toEqual(['2022-12-31', '2023-04-30']);
    for (const part of ['Männlich', 'Weiblich', 'Unter 18 Jahre', '18 Jahre und älter']) {
      expect(byName.get(`Einwohner Gesamtbevölkerung – ${part}`), part).toMatchObject({
        kind: 'count',
        partOf: total.id,
      });
    }
    expect(byName.get('Einwohner Bulgarische Staatsangehörigkeit – Alle')?.partOf).toBe(
      byName.get('Einwohner Bulgarische Staatsangehörigkeit – Insgesamt')!.id,
    );
    expect(catalogue).toHaveLength(5 + 4);
    // Migration 0023 orders them: each total, then its parts, sex first, then age groups from the youngest.
    expect(catalogue.map((i) => i.name.replace('Einwohner ', ''))).toEqual([
      'Bulgarische Staatsangehörigkeit – Insgesamt',
      'Bulgarische Staatsangehörigkeit – Männlich',
      'Bulgarische Staatsangehörigkeit – Weiblich',
      'Bulgarische Staatsangehörigkeit – Alle',
      'Gesamtbevölkerung – Insgesamt',
      'Gesamtbevölkerung – Männlich',
      'Gesamtbevölkerung – Weiblich',
      'Gesamtbevölkerung – Unter 18 Jahre',
      'Gesamtbevölkerung – 18 Jahre und älter',
    ]);

    const stored = await indicatorRepository(db.sql).storedValues(
      body!.id,
      catalogue.map((i) => i.id),
    );
    expect(stored.size).toBe(3 * 5 + 4);
    const young = byName.get('Einwohner Gesamtbevölkerung – Unter 18 Jahre')!.id;
    expect(stored.get(`${young}|${b!.id}|2023-04-30`)).toBe(4561);
    expect(stored.get(`${total.id}|${a!.id}|2022-12-31`)).toBe(13100);

    const [gone] = await db.sql<{ exists: boolean }[]>`
      select to_regclass('sozialraum_population') is not null as exists`;
    expect(gone!.exists).toBe(false);
  });
});
