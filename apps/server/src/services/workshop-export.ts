import {
  CARD_STATUS_LABELS,
  ROUND_STATUS_LABELS,
  type ExportedCard,
  type ExportedRound,
  type Workshop,
  type WorkshopExportTable,
} from '@quartierplan/domain';
import { workshopExportRepository } from '@quartierplan/db';
import type { AppContext } from '../context.ts';
import { sheet, toCsv, toXlsx, type Column } from '../http/spreadsheet.ts';

const CARD_COLUMNS: Column<ExportedCard>[] = [
  { header: 'Titel', width: 40, kind: 'text', value: (c) => c.title },
  { header: 'Beschreibung', width: 60, kind: 'text', value: (c) => c.description },
  { header: 'Status', width: 16, kind: 'text', value: (c) => CARD_STATUS_LABELS[c.status] },
  { header: 'Cluster', width: 24, kind: 'text', value: (c) => c.cluster },
  { header: 'Zusammengeführt in', width: 40, kind: 'text', value: (c) => c.mergedInto },
  { header: 'Bedarf-ID', width: 24, kind: 'text', value: (c) => c.needId },
  { header: 'Verfasst von', width: 24, kind: 'text', value: (c) => c.author },
  { header: 'Erstellt', width: 18, kind: 'datetime', value: (c) => c.createdAt },
];

/** One line per result of a round; a round without a result yet (still running) gets one line. */
interface ResultLine {
  round: ExportedRound;
  result: ExportedRound['results'][number] | null;
}

const RESULT_COLUMNS: Column<ResultLine>[] = [
  { header: 'Runde', width: 8, kind: 'number', value: (l) => l.round.number },
  { header: 'Status', width: 12, kind: 'text', value: (l) => ROUND_STATUS_LABELS[l.round.status] },
  { header: 'Punkte pro Person', width: 10, kind: 'number', value: (l) => l.round.dotsPerPerson },
  { header: 'Höchstens pro Bedarf', width: 10, kind: 'number', value: (l) => l.round.maxPerItem },
  { header: 'Dauer (Sekunden)', width: 10, kind: 'number', value: (l) => l.round.durationSeconds },
  {
    header: 'Live-Ergebnisse',
    width: 10,
    kind: 'text',
    value: (l) => (l.round.liveResults ? 'ja' : 'nein'),
  },
  { header: 'Gestartet', width: 18, kind: 'datetime', value: (l) => l.round.startedAt },
  { header: 'Geschlossen', width: 18, kind: 'datetime', value: (l) => l.round.closedAt },
  { header: 'Rang', width: 6, kind: 'number', value: (l) => l.result?.rank ?? null },
  { header: 'Bedarf', width: 40, kind: 'text', value: (l) => l.result?.title ?? null },
  { header: 'Bedarf-ID', width: 24, kind: 'text', value: (l) => l.result?.needId ?? null },
  { header: 'Punkte', width: 8, kind: 'number', value: (l) => l.result?.dots ?? null },
];

function resultLines(round: ExportedRound): ResultLine[] {
  return round.results.length === 0
    ? [{ round, result: null }]
    : round.results.map((result) => ({ round, result }));
}

const TABLE_NAMES: Record<WorkshopExportTable, string> = { cards: 'Karten', results: 'Ergebnisse' };

/** `Workshop-<date>-Karten.csv` and the like: German, dated by the workshop. */
export function workshopExportFilename(
  workshop: Pick<Workshop, 'date'>,
  part: WorkshopExportTable | null,
  extension: 'csv' | 'xlsx',
): string {
  return `Workshop-${workshop.date}${part ? `-${TABLE_NAMES[part]}` : ''}.${extension}`;
}

/** One table of the workshop as CSV for German Excel. */
export async function workshopCsv(
  context: AppContext,
  workshopId: string,
  table: WorkshopExportTable,
): Promise<string> {
  const repository = workshopExportRepository(context.sql);
  if (table === 'cards') return toCsv(CARD_COLUMNS, await repository.listCards(workshopId));
  const rounds = await repository.listRounds(workshopId);
  return toCsv(RESULT_COLUMNS, rounds.flatMap(resultLines));
}

/** The workshop as a workbook: sheet "Karten", then one sheet per round ("Runde 1", …). */
export async function workshopXlsx(context: AppContext, workshopId: string): Promise<Buffer> {
  const repository = workshopExportRepository(context.sql);
  const cards = await repository.listCards(workshopId);
  const rounds = await repository.listRounds(workshopId);
  return toXlsx([
    sheet({ name: 'Karten', columns: CARD_COLUMNS, rows: cards }),
    ...rounds.map((round) =>
      sheet({ name: `Runde ${round.number}`, columns: RESULT_COLUMNS, rows: resultLines(round) }),
    ),
  ]);
}
