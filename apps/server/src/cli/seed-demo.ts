import {
  bodyRepository,
  committeeRepository,
  indicatorRepository,
  sozialraumRepository,
  userRepository,
  type Sql,
} from '@quartierplan/db';
import type { Membership, Role } from '@quartierplan/domain';
import { hashPassword } from '../auth/password.ts';
import { createBodyWithAdmin, generatePassword } from '../bodies.ts';
import { loadConfig } from '../config.ts';
import { openMigrated, runCommand } from './database.ts';
import { importIndicators, updateIndicator } from '../services/indicators.ts';
import {
  DEMO_POPULATION_DATE,
  DEMO_POPULATION_TABLES,
  loadDemoCommittees,
  loadDemoSozialraeume,
  readDemoFile,
} from './demo-data.ts';
import { seedDemoMap } from './demo-map.ts';
import { seedDemoMeasures } from './demo-measures.ts';
import { seedDemoPapers } from './demo-papers.ts';

const BODY_NAME = 'Stadt Hagen';

// Hagen's Sozialraum numbers encode the Stadtbezirk: 71x Hagen-Mitte, 74x Eilpe/Dahl, 75x Haspe.
const STADTBEZIRK: Record<string, string> = { '71': 'Hagen-Mitte', '74': 'Eilpe/Dahl', '75': 'Haspe' };

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** Sozialraum codes with access, for members. */
  access: Record<string, Membership['access']>;
}

const DEMO_USERS: DemoUser[] = [
  { email: 'clerk@hagen.example', name: 'Gremienbetreuung Demo', role: 'clerk', access: {} },
  {
    email: 'fachkraft@hagen.example',
    name: 'Fachkraft Demo',
    role: 'member',
    access: { '712': 'edit', '713': 'edit' },
  },
  {
    email: 'gast@hagen.example',
    name: 'Politik Demo (nur lesen)',
    role: 'member',
    access: { '712': 'view' },
  },
];

/**
 * The population tables as indicators, read by the same import as an upload: per table a total
 * ("… – Insgesamt") and its parts (sex, age groups) with `partOf` set, so disclosure control knows the sums.
 */
async function seedDemoPopulation(sql: Sql, bodyId: string, adminId: string): Promise<number> {
  const admin = { id: adminId, bodyId, role: 'admin' as const, memberships: [] };
  let count = 0;
  for (const { file, dataset } of DEMO_POPULATION_TABLES) {
    const prefix = `Einwohner ${dataset} – `;
    const result = await importIndicators({ sql }, admin, await readDemoFile(file), {
      date: DEMO_POPULATION_DATE,
      namePrefix: prefix,
      kind: 'count',
      unit: 'Personen',
      commit: true,
    });
    const ids = await indicatorRepository(sql).idsByName(
      bodyId,
      result.indicators.map((i) => i.name),
    );
    const totalId = ids.get(`${prefix}Insgesamt`)!;
    for (const [name, id] of ids) {
      await updateIndicator({ sql }, admin, id, {
        topic: 'Bevölkerung',
        source: 'Stadt Hagen, Einwohnermeldedaten (Hauptwohnsitz), Stichtag 30.04.2023',
        ...(id === totalId ? {} : { partOf: totalId }),
        description: name.slice(prefix.length),
      });
    }
    count += ids.size;
  }
  return count;
}

/** `pnpm seed:demo`: the demo body "Stadt Hagen" with real Sozialräume, population and committees. */
runCommand(async () => {
  const db = await openMigrated(loadConfig());
  try {
    if (await bodyRepository(db.sql).findByName(BODY_NAME)) {
      process.stdout.write(`Die Demo-Kommune „${BODY_NAME}“ gibt es bereits; nichts zu tun.\n`);
      return;
    }
    const [sozialraeume, committees] = await Promise.all([loadDemoSozialraeume(), loadDemoCommittees()]);
    const created = await createBodyWithAdmin(db.sql, {
      bodyName: BODY_NAME,
      adminEmail: 'admin@hagen.example',
      adminName: 'Sozialplanung Demo',
    });
    const credentials = [{ email: created.adminEmail, role: 'admin', password: created.generatedPassword! }];

    const passwords = DEMO_USERS.map(() => generatePassword());
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    let measureCount = 0;
    let paperCounts = { meetings: 0, papers: 0 };
    let offerCount = 0;
    await db.sql.begin(async (tx) => {
      const ids = new Map<string, string>();
      for (const s of sozialraeume) {
        const row = await sozialraumRepository(tx).create(created.bodyId, {
          code: s.code,
          name: s.name,
          stadtbezirk: STADTBEZIRK[s.code.slice(0, 2)] ?? '',
        });
        ids.set(s.code, row.id);
      }
      const committeeIds = new Map<string, string>();
      for (const c of committees) {
        committeeIds.set(c.name, (await committeeRepository(tx).create(created.bodyId, c)).id);
      }
      for (const [i, u] of DEMO_USERS.entries()) {
        const user = await userRepository(tx).create({
          bodyId: created.bodyId,
          ...u,
          passwordHash: hashes[i]!,
        });
        const memberships = Object.entries(u.access).map(([code, access]) => ({
          sozialraumId: ids.get(code)!,
          access,
        }));
        await userRepository(tx).setMemberships(created.bodyId, user.id, memberships);
        credentials.push({ email: u.email, role: u.role, password: passwords[i]! });
      }
      const admin = {
        id: created.adminId,
        bodyId: created.bodyId,
        role: 'admin' as const,
        memberships: [],
        name: 'Sozialplanung Demo',
      };
      const measureIds = await seedDemoMeasures(tx, created.bodyId, admin, ids);
      measureCount = measureIds.size;
      paperCounts = await seedDemoPapers(tx, admin, committeeIds, measureIds);
      offerCount = await seedDemoMap(tx, created.bodyId, ids);
    });

    const indicatorCount = await seedDemoPopulation(db.sql, created.bodyId, created.adminId);

    process.stdout.write(
      `Demo-Kommune „${BODY_NAME}“ angelegt: ${sozialraeume.length} Sozialräume, ${indicatorCount} Indikatoren (Bevölkerung), ` +
        `${committees.length} Gremien, ${paperCounts.meetings} Sitzungen, ${measureCount} Maßnahmen, ` +
        `${paperCounts.papers} Vorlage (Entwurf), schematische Grenzen und ${offerCount} Angebote.\nDemo-Zugänge (Passwörter werden nur jetzt angezeigt):\n` +
        credentials.map((c) => `  ${c.role.padEnd(7)} ${c.email.padEnd(26)} ${c.password}`).join('\n') +
        '\n',
    );
  } finally {
    await db.close();
  }
});
