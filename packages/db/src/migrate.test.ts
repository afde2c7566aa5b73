import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './connection.ts';
import { migrate } from './migrate.ts';
import { testDatabases } from './testing.ts';

describe.each(testDatabases())('migrations on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('records every migration and applies nothing twice', async () => {
    const rows = await db.sql<{ version: string }[]>`select version from schema_migration order by version`;
    expect(rows.map((r) => r.version)).toContain('0001_foundation');
    expect((await migrate(db.sql)).applied).toEqual([]);
  });

  it('is safe when several instances migrate at once', async () => {
    const results = await Promise.all([migrate(db.sql), migrate(db.sql), migrate(db.sql)]);
    expect(results.flatMap((r) => r.applied)).toEqual([]);
    const [row] = await db.sql<{ count: number }[]>`select count(*)::int as count from schema_migration`;
    expect(row!.count).toBeGreaterThan(0);
  });
});
