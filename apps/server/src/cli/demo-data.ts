import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CommitteeKind } from '@quartierplan/domain';

const DIR = fileURLToPath(new URL('../../demo-data/', import.meta.url));

/** Reads a semicolon-separated table as the statistics office delivers it (header row first). */
async function readTable(file: string): Promise<{ header: string[]; rows: string[][] }> {
  const lines = (await readFile(`${DIR}/${file}`, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines.map((l) => l.split(';').map((cell) => cell.trim()));
  if (!header) throw new Error(`${file} ist leer.`);
  return { header, rows };
}

export interface DemoSozialraum {
  code: string;
  name: string;
}

/** The population tables of 30.04.2023, imported as indicators ("Einwohner <Datensatz> – <Spalte>"). */
export const DEMO_POPULATION_TABLES = [
  { file: 'hagen-einwohner-sozialraum-2023-04-30.csv', dataset: 'Gesamtbevölkerung' },
  { file: 'hagen-einwohner-bulgarisch-2023-04-30.csv', dataset: 'bulgarisch' },
  { file: 'hagen-einwohner-rumaenisch-2023-04-30.csv', dataset: 'rumänisch' },
  { file: 'hagen-einwohner-ukrainisch-2023-04-30.csv', dataset: 'ukrainisch' },
] as const;
export const DEMO_POPULATION_DATE = '2023-04-30';

/** A demo table's bytes, as the statistics office delivers it. */
export function readDemoFile(file: string): Promise<Buffer> {
  return readFile(`${DIR}/${file}`);
}

/** The Sozialräume of the population table ("712 Wehringhausen-Ost/West/Villa Post"); the city row is skipped. */
export async function loadDemoSozialraeume(): Promise<DemoSozialraum[]> {
  const { rows } = await readTable(DEMO_POPULATION_TABLES[0].file);
  return rows.flatMap((row) => {
    const match = /^(\d+)\s+(.+)$/.exec(row[0] ?? '');
    return match ? [{ code: match[1]!, name: match[2]! }] : [];
  });
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
