import { execFile } from 'node:child_process';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { PgliteConnection } from './pglite-connection.ts';

/** The one SQL handle of the application: postgres.js, whether PostgreSQL or embedded PGlite is behind it. */
export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** What repositories run queries on: the pool or a transaction opened by the caller. */
export type Queryable = postgres.ISql;
/** A piece of SQL (a tagged template not run on its own) nested into a query. */
export type Fragment = postgres.Fragment;

export interface Database {
  sql: Sql;
  kind: 'postgres' | 'pglite';
  /** How many connections the pool opens (PGlite: its one in-process session). */
  connections: number;
  /** Where the data lives, for log lines (never contains a password). */
  description: string;
  /**
   * Readies a starting server's database. PostgreSQL: opens every pooled connection now (connection set-up and
   * postgres.js's type look-up on each), so the first requests do not pay for them. PGlite: vacuums, and from
   * now on every hour (see `PGLITE_VACUUM_INTERVAL_MS`).
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL 15+; when absent, embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  dataDir: string;
  /** Pool size for PostgreSQL (PGlite always runs one connection). */
  maxConnections?: number;
  /**
   * For `memory://` only: a PGlite data directory (`dumpDataDir` tarball) to start from instead of an
   * empty one. Tests start from a migrated copy and so skip initdb and the migrations each time.
   */
  pgliteDataDirTarball?: Blob;
}

// Dates stay ISO strings (`YYYY-MM-DD`) end to end, as the API contract wants them.
const DATE_OID = 1082;

function connect(options: postgres.Options<Record<string, postgres.PostgresType>>, url?: string): Sql {
  const base = {
    ...options,
    transform: postgres.camel,
    onnotice: () => {},
    types: {
      date: {
        to: DATE_OID,
        from: [DATE_OID],
        serialize: (value: string) => value,
        parse: (value: string) => value,
      },
    },
  };
  return (url ? postgres(url, base) : postgres(base)) as unknown as Sql;
}

/** Opens the database named by the options; the caller runs migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const max = options.maxConnections ?? 10;
    const sql = connect({ max }, options.databaseUrl);
    await sql`select 1`;
    const url = new URL(options.databaseUrl);
    return {
      sql,
      kind: 'postgres',
      connections: max,
      description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
      // postgres.js gives a query an idle connection, else opens one more: `max` queries at once open them all.
      warm: async () => {
        await Promise.all(Array.from({ length: max }, () => sql`select 1`));
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  return openPglite(options.dataDir, options.pgliteDataDirTarball);
}

/**
 * Embedded PGlite, reached through postgres.js exactly as PostgreSQL is (one driver, one SQL dialect), over an
 * in-process connection (pglite-connection.ts).
 */
async function openPglite(dataDir: string, tarball?: Blob): Promise<Database> {
  // Loaded here, not with the module: a server on PostgreSQL never carries the embedded database's code.
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir === 'memory://';
  let lockFile: string | null = null;
  if (!inMemory) {
    await mkdir(dataDir, { recursive: true });
    lockFile = join(dataDir, 'quartierplan.pid');
    await claimDataDir(lockFile);
  }
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  const pgData = join(dataDir, 'pglite');
  if (!inMemory) await createPgliteDataDir(pgData);
  const db = inMemory
    ? await PGlite.create(tarball ? { loadDataDir: tarball, startParams } : { startParams })
    : await PGlite.create(pgData, { startParams });
  const sql = connect(pgliteOptions(db));
  await sql`select 1`;
  let vacuums: NodeJS.Timeout | null = null;
  return {
    sql,
    kind: 'pglite',
    connections: 1,
    description: inMemory ? 'PGlite (im Arbeitsspeicher)' : `PGlite ${join(dataDir, 'pglite')}`,
    async warm() {
      await vacuum(sql);
      vacuums ??= setInterval(() => void vacuum(sql).catch(() => undefined), PGLITE_VACUUM_INTERVAL_MS);
      vacuums.unref();
    },
    async close() {
      if (vacuums) clearInterval(vacuums);
      await sql.end({ timeout: 5 });
      await db.close();
      if (lockFile) await rm(lockFile, { force: true });
    },
  };
}

/**
 * PGlite runs PostgreSQL in single-user mode, where no autovacuum runs (nor are the statistics it would decide by
 * kept): rows that compaction folded away, old snapshots, expired sessions and every rewrite of a projection
 * stayed as dead rows for good. The files only grew, and index scans waded through the dead rows: a needs list
 * whose log had been compacted 200 times read ~10× slower. So the server vacuums (and analyses, for the planner)
 * at start and every hour; plain VACUUM skips pages with nothing to clean, and blocks other queries for about
 * 0.1 s on a small database.
 */
const PGLITE_VACUUM_INTERVAL_MS = 3_600_000;

function vacuum(sql: Sql): Promise<unknown> {
  return sql.unsafe('vacuum (analyze)');
}

/**
 * PostgreSQL's buffer pool inside PGlite's WebAssembly memory. PostgreSQL touches all of it at start, so it is
 * resident from the first second (the default 128 MB was more than half the server's memory at rest); the data
 * files sit in the operating system's page cache anyway, so a small pool costs a copy, not a disk read.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * Runs initdb for a new PGlite data directory in a child process. PGlite's initdb runs a second WebAssembly
 * PostgreSQL, and the memory it leaves behind (some 600 MB) stays resident in the process that ran it until
 * that process exits: the server then opens the finished directory without carrying any of it.
 */
async function createPgliteDataDir(pgData: string): Promise<void> {
  const exists = await access(join(pgData, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (exists) return;
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = `const { PGlite } = await import(process.argv[1]);
await (await PGlite.create(process.argv[2])).close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script, pglite, pgData]);
}

/**
 * postgres.js options for a PGlite instance: PGlite is one session, so exactly one connection. (`socket` is
 * postgres.js's documented custom socket, which its type declarations leave out.)
 */
export function pgliteOptions(
  db: PGlite,
): postgres.Options<Record<string, postgres.PostgresType>> & { socket: () => PgliteConnection } {
  return { socket: () => new PgliteConnection(db), max: 1, user: 'postgres', database: 'postgres' };
}

/** PGlite must not be opened by two processes at once; refuse clearly instead of corrupting it. */
async function claimDataDir(lockFile: string): Promise<void> {
  const existing = await readFile(lockFile, 'utf8').catch(() => null);
  const pid = existing ? Number(existing.trim()) : NaN;
  if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
    throw new Error(
      `Das Datenverzeichnis wird bereits von Prozess ${pid} verwendet (${lockFile}). ` +
        'Für mehrere Instanzen DATABASE_URL (PostgreSQL) setzen.',
    );
  }
  await writeFile(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
