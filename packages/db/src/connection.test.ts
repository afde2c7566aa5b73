import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from './testing.ts';

describe.each(testDatabases())('the connection on $name', (factory) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await factory.open({ migrated: false });
    await db.sql`create table pipeline_probe (n int not null)`;
    await db.sql`select ${0}::int as k`; // prepared, so the queries below pipeline without a describe round trip
  });
  afterAll(() => db.close());

  // postgres.js 3.4.9 lost begin()'s reservation when BEGIN was the query that filled a connection's
  // pipeline (100 queued queries): the process crashed on PGlite and the transaction ran unreserved.
  // patches/postgres@3.4.9.patch fixes it; this sweeps BEGIN across that boundary.
  it('keeps transactions whole and isolated when they start as the pipeline fills up', async () => {
    for (let pending = 95; pending <= 105; pending++) {
      const queries = Array.from({ length: pending }, (_, k) =>
        db.sql<{ k: number }[]>`select ${k}::int as k`.execute(),
      );
      const committed = db.sql.begin(async (tx) => {
        await tx`insert into pipeline_probe values (${pending})`;
        await tx`insert into pipeline_probe values (${-pending})`;
      });
      const rolledBack = db.sql
        .begin(async (tx) => {
          await tx`insert into pipeline_probe values (${1000 + pending})`;
          throw new Error('rollback');
        })
        .catch((error: Error) => error.message);
      const results = await Promise.all(queries);
      expect(results.map(([row]) => row!.k)).toEqual(Array.from({ length: pending }, (_, k) => k));
      await committed;
      expect(await rolledBack).toBe('rollback');
    }
    const rows = await db.sql<{ n: number }[]>`select n from pipeline_probe order by n`;
    const expected = Array.from({ length: 11 }, (_, i) => 95 + i);
    expect(rows.map((r) => r.n)).toEqual([...expected.map((n) => -n).reverse(), ...expected]);
  });

  it('opens every pooled connection when warmed', async () => {
    const fresh = await factory.open({ migrated: false });
    try {
      await fresh.warm();
      // PGlite is one in-process connection: nothing to open.
      if (fresh.kind === 'pglite') return;
      const [row] = await fresh.sql<{ count: number }[]>`
        select count(*)::int as count from pg_stat_activity where datname = current_database()`;
      // openFreshPostgres pools 5 connections; only the one that opened the database is open before.
      expect(row!.count).toBe(5);
    } finally {
      await fresh.close();
    }
  });

  it('vacuums PGlite when warmed: deleted rows stop taking space', async () => {
    if (factory.name !== 'pglite') return;
    const fresh = await factory.open({ migrated: false });
    try {
      await fresh.sql`create table churn (n int not null, filler text not null)`;
      await fresh.sql`insert into churn select n, repeat('x', 100) from generate_series(1, 5000) n`;
      await fresh.sql`delete from churn`;
      const size = async () =>
        (await fresh.sql<{ bytes: number }[]>`select pg_relation_size('churn')::int as bytes`)[0]!.bytes;
      expect(await size()).toBeGreaterThan(500_000);
      await fresh.warm();
      // Vacuum removed the dead rows and gave the emptied pages back.
      expect(await size()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
