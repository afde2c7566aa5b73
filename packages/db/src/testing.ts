import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from './connection.ts';
import { migrate } from './migrate.ts';

/** A fresh test database; `url` lets a test open further, separate clients to it. */
export interface TestDatabase extends Database {
  /** The URL of this very database on PostgreSQL; null for PGlite (one connection only). */
  url: string | null;
}

export interface OpenTestDatabaseOptions {
  /** Run the migrations before handing the database out (default true). */
  migrated?: boolean;
}

/** A database a test suite can open: fresh, migrated unless asked otherwise, and gone again after `close()`. */
export interface TestDatabaseFactory {
  name: 'pglite' | 'postgres';
  open(options?: OpenTestDatabaseOptions): Promise<TestDatabase>;
}

/**
 * The databases every repository, API and sync test runs on: PGlite always, and PostgreSQL
 * when TEST_DATABASE_URL is set (CI always sets it). Each `open()` creates its own database,
 * so test files can run in parallel.
 */
export function testDatabases(): TestDatabaseFactory[] {
  const url = process.env.TEST_DATABASE_URL;
  const factories: TestDatabaseFactory[] = [{ name: 'pglite', open: openFreshPglite }];
  if (url) factories.push({ name: 'postgres', open: (options) => openFreshPostgres(url, options) });
  else if (process.env.CI) throw new Error('CI must set TEST_DATABASE_URL so PostgreSQL is tested too.');
  return factories;
}

async function openFreshPglite(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const db = await openDatabase({ dataDir: 'memory://' });
  if (options.migrated ?? true) await migrate(db.sql);
  return { ...db, url: null };
}

/** Creates `qp_test_<random>` next to the database in the URL, and drops it on close. */
export async function openFreshPostgres(
  adminUrl: string,
  options: OpenTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const name = `qp_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', maxConnections: 5 });
  if (options.migrated ?? true) await migrate(db.sql);
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
