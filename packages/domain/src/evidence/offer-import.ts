import { offerInputSchema, type OfferInput } from './dto.ts';
import type { ImportIssue, ImportSozialraum } from './import.ts';

/**
 * Reading the inventory of offers (Bestandserhebung) from a CSV file as a spreadsheet saves it: `;` or `,`
 * between cells (whichever the header uses), UTF-8 or Windows-1252, one offer per line. Columns by header
 * (German or English): Name, Träger, Kategorie, Zielgruppen (separated by `|` or `/`), Adresse, Kontakt,
 * Öffnungszeiten, Breitengrad/lat, Längengrad/lon, Sozialraum (code or name), Veröffentlicht (ja/nein).
 */

const COLUMNS = {
  name: /^(name|angebot|bezeichnung)$/i,
  provider: /^(träger|traeger|anbieter|provider)$/i,
  category: /^(kategorie|art|category)$/i,
  targetGroups: /^(zielgruppen?|target ?groups?)$/i,
  address: /^(adresse|anschrift|address)$/i,
  contact: /^(kontakt|contact)$/i,
  openingHours: /^(öffnungszeiten|oeffnungszeiten|opening ?hours)$/i,
  lat: /^(breitengrad|breite|lat|latitude)$/i,
  lon: /^(längengrad|laengengrad|länge|lon|lng|longitude)$/i,
  sozialraum: /^(sozialraum|sozialraum-code|code)$/i,
  published: /^(veröffentlicht|veroeffentlicht|öffentlich|published)$/i,
} as const;
type Column = keyof typeof COLUMNS;

const COLUMN_LABELS: Record<Column, string> = {
  name: 'Name',
  provider: 'Träger',
  category: 'Kategorie',
  targetGroups: 'Zielgruppen',
  address: 'Adresse',
  contact: 'Kontakt',
  openingHours: 'Öffnungszeiten',
  lat: 'Breitengrad',
  lon: 'Längengrad',
  sozialraum: 'Sozialraum',
  published: 'Veröffentlicht',
};

export interface ImportedOffer {
  line: number;
  input: OfferInput;
}

function coordinate(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}

/** Offers from the rows of a table (line 1 = the header); every refused row is an issue with its line. */
export function readOfferTable(
  rows: readonly (readonly string[])[],
  sozialraeume: readonly ImportSozialraum[],
): { offers: ImportedOffer[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const offers: ImportedOffer[] = [];
  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const index = new Map<Column, number>();
  header.forEach((title, i) => {
    const column = (Object.keys(COLUMNS) as Column[]).find((key) => COLUMNS[key].test(title));
    if (column && !index.has(column)) index.set(column, i);
  });
  if (!index.has('name')) {
    issues.push({ line: 1, message: 'Die Kopfzeile braucht eine Spalte „Name“.' });
    return { offers, issues };
  }
  const byKey = new Map<string, string>();
  for (const s of sozialraeume) {
    byKey.set(s.code.toLowerCase(), s.id);
    byKey.set(s.name.toLowerCase(), s.id);
  }
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    const get = (column: Column) => {
      const at = index.get(column);
      return at === undefined ? '' : (row[at] ?? '').trim();
    };
    const rowIssues: ImportIssue[] = [];
    const latText = get('lat');
    const lonText = get('lon');
    let location: { lat: number; lon: number } | null = null;
    if (latText || lonText) {
      const lat = coordinate(latText);
      const lon = coordinate(lonText);
      if (lat === null || lon === null) {
        rowIssues.push({
          line,
          column: lat === null ? COLUMN_LABELS.lat : COLUMN_LABELS.lon,
          message: 'Die Koordinate ist keine Zahl (z. B. 51,3594 oder 51.3594).',
        });
      } else location = { lat, lon };
    }
    let sozialraumId: string | null = null;
    const sozialraum = get('sozialraum');
    if (sozialraum) {
      sozialraumId = byKey.get(sozialraum.toLowerCase()) ?? null;
      if (!sozialraumId)
        rowIssues.push({
          line,
          column: COLUMN_LABELS.sozialraum,
          message: `Unbekannter Sozialraum „${sozialraum}“.`,
        });
    }
    const publishedText = get('published').toLowerCase();
    if (
      publishedText &&
      !['ja', 'nein', 'yes', 'no', 'true', 'false', '1', '0', 'x'].includes(publishedText)
    ) {
      rowIssues.push({ line, column: COLUMN_LABELS.published, message: 'Bitte „ja“ oder „nein“ angeben.' });
    }
    const parsed = offerInputSchema.safeParse({
      name: get('name'),
      provider: get('provider'),
      category: get('category'),
      targetGroups: get('targetGroups')
        .split(/[|/]/)
        .map((group) => group.trim())
        .filter(Boolean),
      address: get('address'),
      contact: get('contact'),
      openingHours: get('openingHours'),
      location,
      sozialraumId,
      published: ['ja', 'yes', 'true', '1', 'x'].includes(publishedText),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'name');
        const column = key === 'location' ? COLUMN_LABELS.lat : COLUMN_LABELS[key as Column];
        rowIssues.push({ line, column, message: issue.message });
      }
    }
    if (rowIssues.length > 0 || !parsed.success) issues.push(...rowIssues);
    else offers.push({ line, input: parsed.data });
  });
  return { offers, issues };
}
