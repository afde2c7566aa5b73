import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseGermanNumber, type CommitteeKind, type Population } from '@quartierplan/domain';

const DIR = fileURLToPath(new URL('../../demo-data/', import.meta.url));

/** Reads a semicolon-separated table as the statistics office delivers it (header row first). */
async function readTable(file: string): Promise<{ header: string[]; rows: string[][] }> {
  const lines = (await readFile(`${DIR}/${file}`, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines.map((l) => l.split(';').map((cell) => cell.trim()));
  if (!header) throw new Error(`${file} ist leer.`);
  return { header, rows };
}

function number(cell: string | undefined, where: string): number {
  const value = parseGermanNumber(cell ?? '');
  if (value === null) throw new Error(`Keine Zahl in ${where}: „${cell}“`);
  return value;
}

export interface DemoSozialraum {
  code: string;
  name: string;
  population: Population[];
}

const POPULATION_TABLES = [
  { file: 'hagen-einwohner-sozialraum-2023-04-30.csv', dataset: 'Gesamtbevölkerung' },
  { file: 'hagen-einwohner-bulgarisch-2023-04-30.csv', dataset: 'Bulgarische Staatsangehörigkeit' },
  { file: 'hagen-einwohner-rumaenisch-2023-04-30.csv', dataset: 'Rumänische Staatsangehörigkeit' },
  { file: 'hagen-einwohner-ukrainisch-2023-04-30.csv', dataset: 'Ukrainische Staatsangehörigkeit' },
];
const REFERENCE_DATE = '2023-04-30';

/**
 * The Sozialräume of the population tables ("712 Wehringhausen-Ost/West/Villa Post") with all
 * four tables per Sozialraum. Column totals are checked, not trusted; the city total row is skipped.
 */
export async function loadDemoSozialraeume(): Promise<DemoSozialraum[]> {
  const byCode = new Map<string, DemoSozialraum>();
  for (const { file, dataset } of POPULATION_TABLES) {
    const { header, rows } = await readTable(file);
    const col = (label: string) => header.indexOf(label);
    const ageColumns = header.slice(col('Weiblich') + 1, col('Insgesamt'));
    for (const row of rows) {
      const match = /^(\d+)\s+(.+)$/.exec(row[0] ?? '');
      if (!match) continue; // "Stadt Hagen insgesamt"
      const [, code, name] = match as unknown as [string, string, string];
      const male = number(row[col('Männlich')], `${file} ${code} Männlich`);
      const female = number(row[col('Weiblich')], `${file} ${code} Weiblich`);
      const total = number(row[col('Insgesamt')], `${file} ${code} Insgesamt`);
      const ageGroups = ageColumns.map((label) => ({
        label,
        count: number(row[header.indexOf(label)], `${file} ${code} ${label}`),
      }));
      if (male + female !== total || ageGroups.reduce((sum, g) => sum + g.count, 0) !== total) {
        throw new Error(`${file}: Summen für ${code} stimmen nicht.`);
      }
      const entry = byCode.get(code) ?? { code, name, population: [] };
      entry.population.push({ dataset, referenceDate: REFERENCE_DATE, male, female, total, ageGroups });
      byCode.set(code, entry);
    }
  }
  return [...byCode.values()];
}

const COMMITTEE_KINDS: Record<string, CommitteeKind> = {
  Rat: 'council',
  Fachausschuss: 'committee',
  Bezirksvertretung: 'district',
  Beirat: 'advisory',
};

/** The committees of a real Hagen Beratungsfolge. */
export async function loadDemoCommittees(): Promise<{ name: string; kind: CommitteeKind }[]> {
  const { rows } = await readTable('hagen-gremien.csv');
  return rows.map(([name, art]) => {
    const kind = COMMITTEE_KINDS[art ?? ''];
    if (!name || !kind) throw new Error(`hagen-gremien.csv: unbekannte Art „${art}“.`);
    return { name, kind };
  });
}
