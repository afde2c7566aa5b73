import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from './connection.ts';
import { MIGRATION_LOCK_KEY, MIGRATIONS_DIR, migrate } from './migrate.ts';
import { testDatabases, type TestDatabase } from './testing.ts';

async function migrationVersions(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR))
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => f.replace(/\.sql$/, ''));
}

async function recordedVersions(sql: Database['sql']): Promise<string[]> {
  const rows = await sql<{ version: string }[]>`select version from schema_migration order by version`;
  return rows.map((r) => r.version);
}

async function tableExists(sql: Database['sql'], table: string): Promise<boolean> {
  const [row] = await sql<{ exists: boolean }[]>`select to_regclass(${table}) is not null as exists`;
  return row!.exists;
}

describe.each(testDatabases())('migrations on $name', (factory) => {
  describe('on a migrated database', () => {
    let db: Database;
    beforeAll(async () => {
      db = await factory.open();
    });
    afterAll(() => db.close());

    it('records every migration file and applies nothing twice', async () => {
      expect(await recordedVersions(db.sql)).toEqual(await migrationVersions());
      expect((await migrate(db.sql)).applied).toEqual([]);
      expect(await recordedVersions(db.sql)).toEqual(await migrationVersions());
    });

    it('creates the foundation tables', async () => {
      for (const table of [
        'body',
        'app_user',
        'session',
        'sozialraum',
        'document',
        'membership',
        'committee',
        'login_throttle',
      ]) {
        expect(await tableExists(db.sql, table), table).toBe(true);
      }
    });
  });

  describe('on a fresh, unmigrated database', () => {
    let db: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      db = await factory.open({ migrated: false });
      dir = await mkdtemp(join(tmpdir(), 'qp-migrations-'));
    });
    afterAll(async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('rolls back a failing migration, keeps the ones before it and names the file', async () => {
      await writeFile(join(dir, '0001_first.sql'), 'create table first_table (id int);');
      await writeFile(
        join(dir, '0002_broken.sql'),
        'create table second_table (id int);\ninsert into no_such_table values (1);',
      );
      await writeFile(join(dir, 'README.md'), 'not a migration');

      await expect(migrate(db.sql, dir)).rejects.toThrow(/Migration 0002_broken\.sql fehlgeschlagen/);
      expect(await recordedVersions(db.sql)).toEqual(['0001_first']);
      expect(await tableExists(db.sql, 'first_table')).toBe(true);
      expect(await tableExists(db.sql, 'second_table')).toBe(false);

      // The lock was released: fixing the file lets the next run continue where it stopped.
      await writeFile(join(dir, '0002_broken.sql'), 'create table second_table (id int);');
      expect((await migrate(db.sql, dir)).applied).toEqual(['0002_broken']);
      expect(await tableExists(db.sql, 'second_table')).toBe(true);
    });
  });

  describe('when several instances start at once', () => {
    let db: TestDatabase;
    const clients: Database[] = [];
    beforeAll(async () => {
      db = await factory.open({ migrated: false });
    });
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await db.close();
    });

    if (factory.name === 'pglite') {
      // PGlite serves exactly one connection, so "several instances" can only share it.
      it('applies each migration exactly once', async () => {
        const results = await Promise.all([migrate(db.sql), migrate(db.sql), migrate(db.sql)]);
        expect(results.flatMap((r) => r.applied).sort()).toEqual(await migrationVersions());
        expect(await recordedVersions(db.sql)).toEqual(await migrationVersions());
      });
      return;
    }

    it('serialises three separate clients on the advisory lock; each migration runs once', async () => {
      const url = db.url!;
      for (let i = 0; i < 3; i++) {
        clients.push(await openDatabase({ databaseUrl: url, dataDir: 'memory://', maxConnections: 1 }));
      }
      // Hold the migration lock ourselves, so all three instances are provably waiting at the same
      // time and then race for it; otherwise the first could finish before the others start.
      const holder = postgres(url, { max: 1, onnotice: () => {} });
      const conn = await holder.reserve();
      try {
        await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        const running = Promise.all(clients.map((c) => migrate(c.sql)));
        await vi.waitFor(
          async () => {
            const [row] = await conn<{ waiting: number }[]>`
              select count(*)::int as waiting from pg_locks
              where locktype = 'advisory' and not granted
                and database = (select oid from pg_database where datname = current_database())`;
            expect(row!.waiting).toBe(3);
          },
          { timeout: 10_000, interval: 25 },
        );
        await conn`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        const results = await running;

        const versions = await migrationVersions();
        expect(results.flatMap((r) => r.applied).sort()).toEqual(versions);
        expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
        expect(await recordedVersions(db.sql)).toEqual(versions);
        expect(await tableExists(db.sql, 'app_user')).toBe(true);
      } finally {
        conn.release();
        await holder.end({ timeout: 1 });
      }
    });
  });
});
