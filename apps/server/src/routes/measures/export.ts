import {
  FUNDING_SOURCE_LABELS,
  MEASURE_STATUS_LABELS,
  exportMeasuresQuerySchema,
  type ExportFormat,
  type Measure,
} from '@quartierplan/domain';
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { contentDisposition } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/context.ts';
import { query } from '../../http/validate.ts';

import type { AppContext } from '../../context.ts';
import { listMeasures } from '../../services/measures.ts';

type Cell = string | number | null;

interface Column {
  header: string;
  width: number;
  kind: 'text' | 'money' | 'number' | 'date';
  value: (m: Measure) => Cell;
}

const COLUMNS: Column[] = [
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

/**
 * Neutralises text a spreadsheet would run as a formula (CSV/formula injection, OWASP): a cell
 * starting with = + - @ or a tab or carriage return gets a leading apostrophe.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvCell(column: Column, value: Cell): string {
  if (value === null || value === '') return '';
  // German Excel reads a decimal comma; money always with cents.
  if (typeof value === 'number') {
    return column.kind === 'money' ? value.toFixed(2).replace('.', ',') : String(value).replace('.', ',');
  }
  return csvField(column.kind === 'text' ? neutraliseFormula(value) : value);
}

/** CSV for German Excel: UTF-8 with BOM (umlauts), semicolons, CRLF, formulas neutralised. */
export function measuresCsv(measures: readonly Measure[]): string {
  const lines = [
    COLUMNS.map((c) => csvField(c.header)).join(';'),
    ...measures.map((m) => COLUMNS.map((c) => csvCell(c, c.value(m))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX with typed cells (numbers stay numbers, dates dates), formulas neutralised. */
export async function measuresXlsx(measures: readonly Measure[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quartierplan';
  const sheet = workbook.addWorksheet('Maßnahmen', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const m of measures) {
    const row = sheet.addRow(
      COLUMNS.map((c) => {
        const value = c.value(m);
        if (value === null || value === '') return null;
        if (c.kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
        return typeof value === 'string' ? neutraliseFormula(value) : value;
      }),
    );
    COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.kind === 'money') cell.numFmt = '#,##0.00 "€"';
      if (c.kind === 'date') cell.numFmt = 'dd.mm.yyyy';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `GET /api/measures/export?format=csv|xlsx&<list filters>`: what the user sees in the list. */
export function measureExportRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', query(exportMeasuresQuerySchema), async (c) => {
    const user = c.get('user');
    const { format, ...filters } = c.req.valid('query');
    const measures = await listMeasures(context, user, filters);
    const filename = `Maßnahmen-${new Date().toISOString().slice(0, 10)}.${format}`;
    c.header('Content-Type', MEDIA_TYPES[format]);
    c.header('Content-Disposition', contentDisposition(filename));
    c.header('X-Content-Type-Options', 'nosniff');
    if (format === 'csv') return c.body(measuresCsv(measures));
    return c.body(new Uint8Array(await measuresXlsx(measures)));
  });
}
