import { migrate, openDatabase } from '@quartierplan/db';
import { loadConfig } from '../config.ts';
import { runCommand } from './database.ts';

/** `pnpm db:migrate`: applies pending migrations (the server also does this on start). */
runCommand(async () => {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(db.sql);
    process.stdout.write(
      applied.length
        ? `Angewendet: ${applied.join(', ')}\n`
        : `Die Datenbank ist aktuell (${db.description}).\n`,
    );
  } finally {
    await db.close();
  }
});
