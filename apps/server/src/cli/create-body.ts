import { parseArgs } from 'node:util';
import { UniqueViolationError } from '@quartierplan/db';
import { createBodyWithAdmin } from '../bodies.ts';
import { loadConfig } from '../config.ts';
import { openMigrated, runCommand } from './database.ts';

const usage = `Legt eine weitere Kommune mit ihrer ersten Administration an.

  pnpm body:create --name "Stadt Haan" --admin-email admin@haan.de [--admin-name "Name"] [--admin-password "…"]

Ohne --admin-password wird ein Einmal-Passwort erzeugt und einmalig ausgegeben.
`;

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-password': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.name || !values['admin-email']) {
    process.stdout.write(usage);
    if (!values.help) throw new Error('--name und --admin-email sind erforderlich.');
    return;
  }
  const db = await openMigrated(loadConfig());
  try {
    const created = await createBodyWithAdmin(db.sql, {
      bodyName: values.name,
      adminEmail: values['admin-email'],
      adminName: values['admin-name'],
      adminPassword: values['admin-password'],
    }).catch((error: unknown) => {
      if (error instanceof UniqueViolationError) {
        // The admin is the new body's first account, so only the body's name can be taken.
        throw new Error(`Eine Kommune „${values.name}“ gibt es bereits.`);
      }
      throw error;
    });
    process.stdout.write(`Kommune „${created.bodyName}“ angelegt. Anmeldung: ${created.adminEmail}\n`);
    if (created.generatedPassword) {
      process.stdout.write(`Einmal-Passwort (wird nicht erneut angezeigt): ${created.generatedPassword}\n`);
    }
  } finally {
    await db.close();
  }
});
