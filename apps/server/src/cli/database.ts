import { migrate, openDatabase, type Database } from '@quartierplan/db';
import type { Config } from '../config.ts';

/** Opens and migrates the configured database for an operator command. */
export async function openMigrated(config: Config): Promise<Database> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    maxConnections: 2,
  });
  await migrate(db.sql);
  return db;
}

/** Runs an operator command: German message and exit code 1 on failure, never a stack trace. */
export function runCommand(command: () => Promise<void>): void {
  command().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`Fehler: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
