import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openDatabase, pgliteOptions, type Database } from './connection.ts';
import { migrate, MIGRATIONS_DIR } from './migrate.ts';

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
  if (!(options.migrated ?? true)) return { ...(await openDatabase({ dataDir: 'memory://' })), url: null };
  // A copy of a migrated data directory: what initdb and the migrations would give, without their cost
  // (about 3 s of CPU per database, most of a repository test file's time on two cores).
  const db = await openDatabase({ dataDir: 'memory://', pgliteDataDirTarball: await pgliteTemplate() });
  return { ...db, url: null };
}

/**
 * Identifies the schema a template holds: the migration files and the PGlite version, so a changed
 * migration or a PGlite update never reuses a stale template.
 */
let schemaKeyPromise: Promise<string> | undefined;
function schemaKey(): Promise<string> {
  schemaKeyPromise ??= (async () => {
    const pglite = await readFile(new URL('../package.json', import.meta.resolve('@electric-sql/pglite')));
    const hash = createHash('sha256').update(JSON.parse(pglite.toString()).version);
    for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
      hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
    }
    return hash.digest('hex').slice(0, 16);
  })();
  return schemaKeyPromise;
}

let pgliteTemplatePromise: Promise<Blob> | undefined;
/** The migrated PGlite data directory as a tarball, made once per schema and shared through a temp file. */
function pgliteTemplate(): Promise<Blob> {
  pgliteTemplatePromise ??= (async () => {
    const file = join(tmpdir(), 'qp-test-templates', `pglite-${await schemaKey()}.tar`);
    const existing = await readFile(file).catch(() => null);
    if (existing) return new Blob([existing]);
    const tarball = await migratedPgliteTarball();
    await mkdir(join(tmpdir(), 'qp-test-templates'), { recursive: true });
    // Parallel test processes may build it at the same time: each writes its own file, renames are atomic.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
    await rename(partial, file);
    return tarball;
  })();
  return pgliteTemplatePromise;
}

/** A fresh PGlite, migrated through postgres.js exactly as `openDatabase` + `migrate` would, then dumped. */
async function migratedPgliteTarball(): Promise<Blob> {
  const db = await PGlite.create();
  const sql = postgres({ ...pgliteOptions(db), onnotice: () => {} });
  try {
    await migrate(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const tarball = await db.dumpDataDir('none');
  await db.close();
  return tarball;
}

/**
 * Creates `qp_test_<random>` next to the database in the URL, as a copy of a migrated template database
 * (unless `migrated: false`), and drops it on close.
 */
export async function openFreshPostgres(
  adminUrl: string,
  options: OpenTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const name = `qp_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const migrated = options.migrated ?? true;
  const template = migrated ? ` template ${await postgresTemplate(adminUrl)}` : '';
  await admin.unsafe(`create database ${name}${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', maxConnections: 5 });
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

const postgresTemplates = new Map<string, Promise<string>>();
/**
 * `<database of the URL>_tpl_<schema key>`: a migrated database that test databases are copied from
 * (CREATE DATABASE … TEMPLATE), built once per schema; CI drops it with its own database. Nobody
 * connects to it after it is built, as a template must be.
 */
function postgresTemplate(adminUrl: string): Promise<string> {
  let template = postgresTemplates.get(adminUrl);
  if (!template) {
    template = buildPostgresTemplate(adminUrl);
    postgresTemplates.set(adminUrl, template);
  }
  return template;
}

async function buildPostgresTemplate(adminUrl: string): Promise<string> {
  const adminDb = decodeURIComponent(new URL(adminUrl).pathname.slice(1)) || 'postgres';
  const prefix = adminDb
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  const name = `${prefix}_tpl_${await schemaKey()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Parallel test processes: one builds it, the others wait on the lock and then find it there.
    await admin`select pg_advisory_lock(hashtext(${name}))`;
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!found) {
      // Built under another name and renamed when complete: an interrupted build never becomes the template.
      const building = `${name}_build`;
      await admin.unsafe(`drop database if exists ${building} with (force)`);
      await admin.unsafe(`create database ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        await migrate(sql);
      } finally {
        await sql.end({ timeout: 5 });
      }
      await admin.unsafe(`alter database ${building} rename to ${name}`);
    }
  } finally {
    // Ending the session releases the advisory lock.
    await admin.end();
  }
  return name;
}
