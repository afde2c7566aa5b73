import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteOptions } from './connection.ts';

describe('the in-process connection to PGlite', () => {
  let db: PGlite;
  const open = () => postgres({ ...pgliteOptions(db), onnotice: () => {} });

  beforeAll(async () => {
    db = await PGlite.create();
    const sql = open();
    await sql`create table probe (n int primary key, text text not null)`;
    await sql.end();
  });
  afterAll(() => db.close());

  it('answers pipelined queries in order, a failing one alone', async () => {
    const sql = open();
    const results = await Promise.allSettled([
      sql`insert into probe values (1, 'eins') returning n`,
      sql`insert into probe values (1, 'doppelt')`,
      sql`select text from probe where n = ${1}`,
    ]);
    expect(results).toMatchObject([
      { status: 'fulfilled', value: [{ n: 1 }] },
      { status: 'rejected', reason: { code: '23505' } },
      { status: 'fulfilled', value: [{ text: 'eins' }] },
    ]);
    await sql.end();
  });

  it('carries messages and answers of any size', async () => {
    const sql = open();
    const large = 'ä'.repeat(2_000_000);
    await sql`insert into probe values (2, ${large})`;
    const [row] = await sql<{ text: string }[]>`select text from probe where n = 2`;
    expect(row!.text).toBe(large);
    const series = await sql<{ n: number }[]>`select generate_series(1, 100000) as n`;
    expect(series).toHaveLength(100_000);
    await sql.end();
  });

  it('rolls back what a closed connection left open, so the next one starts clean', async () => {
    const first = open();
    await first`begin`;
    await first`insert into probe values (3, 'offen')`;
    await first.end();
    expect(db.isInTransaction()).toBe(false);
    const next = open();
    expect(await next`select n from probe where n = 3`).toHaveLength(0);
    await next.end();
  });
});
