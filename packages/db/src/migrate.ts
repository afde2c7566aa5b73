import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Sql } from './connection.ts';

/** Where the forward-only migrations live: `NNNN_description.sql`, applied in name order. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Arbitrary but fixed: every instance of Quartierplan takes the same advisory lock. */
export const MIGRATION_LOCK_KEY = 7_414_846_924;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies every migration not yet recorded in `schema_migration`, each in its own transaction.
 * Safe when several instances start at once: they serialise on an advisory lock and the later
 * ones find nothing left to do.
 */
export async function migrate(sql: Sql, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const conn = await sql.reserve();
  const applied: string[] = [];
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await conn`
      create table if not exists schema_migration (
        version text not null,
        applied_at timestamptz not null default now(),
        constraint schema_migration_pkey primary key (version)
      )`;
    const done = new Set(
      (await conn<{ version: string }[]>`select version from schema_migration`).map((r) => r.version),
    );
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (done.has(version)) continue;
      const text = await readFile(`${dir}/${file}`, 'utf8');
      await conn.unsafe('begin');
      try {
        await conn.unsafe(text);
        await conn`insert into schema_migration (version) values (${version})`;
        await conn.unsafe('commit');
      } catch (error) {
        await conn.unsafe('rollback');
        throw new Error(`Migration ${file} fehlgeschlagen: ${(error as Error).message}`, { cause: error });
      }
      applied.push(version);
    }
  } finally {
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    conn.release();
  }
  return { applied };
}
