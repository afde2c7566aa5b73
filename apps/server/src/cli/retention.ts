import { loadConfig } from '../config.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import { runRetention } from '../services/retention.ts';
import { DocumentStore } from '../sync/persistence/document-store.ts';
import { openMigrated, runCommand } from './database.ts';

/**
 * `pnpm retention`: one retention run now (the server runs it daily): expired sessions and throttle rows,
 * old audit addresses, and compaction of idle documents (author ids leave the update log). Safe beside a
 * running server.
 */
runCommand(async () => {
  const config = loadConfig();
  const db = await openMigrated(config);
  try {
    const store = new DocumentStore(db.sql);
    const report = await runRetention(
      { sql: db.sql, throttle: new LoginThrottle(db.sql) },
      { compact: (id) => store.compact(id) },
    );
    process.stdout.write(
      [
        `Abgelaufene Sitzungen gelöscht: ${report.sessionsDeleted}`,
        `Anmeldezähler bereinigt: ${report.throttleRowsPurged}`,
        `Adressen im Protokoll geleert: ${report.auditAddressesCleared}`,
        `Dokumente verdichtet: ${report.documentsCompacted} (${report.updatesFolded} Änderungen, ${report.ms} ms)`,
      ].join('\n') + '\n',
    );
  } finally {
    await db.close();
  }
});
