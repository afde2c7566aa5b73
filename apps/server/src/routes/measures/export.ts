import {
  FUNDING_SOURCE_LABELS,
  MEASURE_STATUS_LABELS,
  exportMeasuresQuerySchema,
  type Measure,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { sheet, spreadsheetDownload, toCsv, toXlsx, type Column } from '../../http/spreadsheet.ts';
import type { AppEnv } from '../../http/context.ts';
import { query } from '../../http/validate.ts';

import type { AppContext } from '../../context.ts';
import { listMeasures } from '../../services/measures.ts';

const COLUMNS: Column<Measure>[] = [
  { header: 'Titel', width: 40, kind: 'text', value: (m) => m.title },
  { header: 'Status', width: 20, kind: 'text', value: (m) => MEASURE_STATUS_LABELS[m.status] },
  {
    header: 'Sozialräume',
    width: 30,
    kind: 'text',
    value: (m) => (m.cityWide ? 'stadtweit' : m.sozialraeume.map((s) => `${s.code} ${s.name}`).join(', ')),
  },
  { header: 'Handlungsfeld', width: 24, kind: 'text', value: (m) => m.handlungsfeld },
  { header: 'Fachbereich', width: 28, kind: 'text', value: (m) => m.responsibleDepartment },
  { header: 'Träger', width: 28, kind: 'text', value: (m) => m.provider },
  { header: 'Zielgruppe', width: 28, kind: 'text', value: (m) => m.targetGroup },
  { header: 'Kosten einmalig (EUR)', width: 18, kind: 'money', value: (m) => m.costOneOff },
  { header: 'Kosten jährlich (EUR)', width: 18, kind: 'money', value: (m) => m.costYearly },
  {
    header: 'Förderquelle',
    width: 14,
    kind: 'text',
    value: (m) => (m.fundingSource ? FUNDING_SOURCE_LABELS[m.fundingSource] : ''),
  },
  { header: 'Förderprogramm', width: 28, kind: 'text', value: (m) => m.fundingProgramme },
  { header: 'Beginn geplant', width: 14, kind: 'date', value: (m) => m.plannedStart },
  { header: 'Ende geplant', width: 14, kind: 'date', value: (m) => m.plannedEnd },
  { header: 'Beginn tatsächlich', width: 14, kind: 'date', value: (m) => m.actualStart },
  { header: 'Ende tatsächlich', width: 14, kind: 'date', value: (m) => m.actualEnd },
  { header: 'Fortschritt (%)', width: 12, kind: 'number', value: (m) => m.progress },
  { header: 'Beschlussdatum', width: 14, kind: 'date', value: (m) => m.decisionDate },
  { header: 'Drucksache', width: 14, kind: 'text', value: (m) => m.paperReference },
  { header: 'Bedarfe', width: 40, kind: 'text', value: (m) => m.needs.map((n) => n.title).join('; ') },
  {
    header: 'Ziele',
    width: 40,
    kind: 'text',
    value: (m) =>
      m.goals
        .map((g) =>
          [g.goal, g.indicator && `Kennzahl: ${g.indicator}`, g.targetValue && `Zielwert: ${g.targetValue}`]
            .filter(Boolean)
            .join(', '),
        )
        .join('; '),
  },
  { header: 'Beschreibung', width: 60, kind: 'text', value: (m) => m.description },
];

/** The measures as CSV for German Excel. */
function measuresCsv(measures: readonly Measure[]): string {
  return toCsv(COLUMNS, measures);
}

/** The measures as an XLSX workbook with one sheet. */
function measuresXlsx(measures: readonly Measure[]): Promise<Buffer> {
  return toXlsx([sheet({ name: 'Maßnahmen', columns: COLUMNS, rows: measures })]);
}

/** `GET /api/measures/export?format=csv|xlsx&<list filters>`: what the user sees in the list. */
export function measureExportRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', query(exportMeasuresQuerySchema), async (c) => {
    const user = c.get('user');
    const { format, ...filters } = c.req.valid('query');
    const measures = await listMeasures(context, user, filters);
    const filename = `Maßnahmen-${new Date().toISOString().slice(0, 10)}.${format}`;
    const content = format === 'csv' ? measuresCsv(measures) : await measuresXlsx(measures);
    return spreadsheetDownload(c, format, filename, content);
  });
}
