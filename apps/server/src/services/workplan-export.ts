import {
  milestoneLine,
  packagePlace,
  packageStatus,
  quarterOf,
  workplanFileName,
} from '@quartierplan/export';
import {
  MILESTONE_STATUS_LABELS,
  type MilestoneDto,
  type WorkPackageDto,
  type WorkplanDto,
} from '@quartierplan/domain';
import { sheet, toXlsx, type Column } from '../http/spreadsheet.ts';
import { loadRenderers } from './renderers.ts';

const LETTERHEAD = ['Der Oberbürgermeister'];

const PACKAGE_COLUMNS: Column<WorkPackageDto>[] = [
  { header: 'Arbeitspaket', width: 40, kind: 'text', value: (p) => p.measure.title },
  { header: 'Status', width: 18, kind: 'text', value: packageStatus },
  { header: 'Sozialräume', width: 28, kind: 'text', value: packagePlace },
  { header: 'Handlungsfeld', width: 22, kind: 'text', value: (p) => p.measure.handlungsfeld },
  { header: 'Förderprogramm', width: 24, kind: 'text', value: (p) => p.measure.fundingProgramme },
  { header: 'Fachbereich', width: 24, kind: 'text', value: (p) => p.measure.responsibleDepartment },
  { header: 'Träger', width: 24, kind: 'text', value: (p) => p.measure.provider },
  { header: 'Beginn geplant', width: 14, kind: 'date', value: (p) => p.plannedStart },
  { header: 'Beginn geplant (Quartal)', width: 12, kind: 'text', value: (p) => quarterOf(p.plannedStart) },
  { header: 'Ende geplant', width: 14, kind: 'date', value: (p) => p.plannedEnd },
  { header: 'Ende geplant (Quartal)', width: 12, kind: 'text', value: (p) => quarterOf(p.plannedEnd) },
  { header: 'Beginn tatsächlich', width: 14, kind: 'date', value: (p) => p.actualStart },
  { header: 'Beginn tatsächlich (Quartal)', width: 12, kind: 'text', value: (p) => quarterOf(p.actualStart) },
  { header: 'Ende tatsächlich', width: 14, kind: 'date', value: (p) => p.actualEnd },
  { header: 'Ende tatsächlich (Quartal)', width: 12, kind: 'text', value: (p) => quarterOf(p.actualEnd) },
  { header: 'Fortschritt (%)', width: 12, kind: 'number', value: (p) => p.progress },
  {
    header: 'Meilensteine verspätet',
    width: 12,
    kind: 'number',
    value: (p) => p.milestones.filter((m) => m.late).length,
  },
  {
    header: 'Meilensteine',
    width: 60,
    kind: 'text',
    value: (p) => p.milestones.map(milestoneLine).join('; '),
  },
];

type MilestoneRow = MilestoneDto & { packageTitle: string };

const MILESTONE_COLUMNS: Column<MilestoneRow>[] = [
  { header: 'Arbeitspaket', width: 40, kind: 'text', value: (m) => m.packageTitle },
  { header: 'Meilenstein', width: 40, kind: 'text', value: (m) => m.title },
  { header: 'Verantwortlich', width: 24, kind: 'text', value: (m) => m.responsible },
  { header: 'Status', width: 12, kind: 'text', value: (m) => MILESTONE_STATUS_LABELS[m.status] },
  { header: 'Geplant', width: 14, kind: 'date', value: (m) => m.plannedDate },
  { header: 'Geplant (Quartal)', width: 12, kind: 'text', value: (m) => quarterOf(m.plannedDate) },
  { header: 'Erreicht', width: 14, kind: 'date', value: (m) => m.actualDate },
  { header: 'Verspätet', width: 10, kind: 'text', value: (m) => (m.late ? 'ja' : 'nein') },
  { header: 'Tage verspätet', width: 12, kind: 'number', value: (m) => m.daysLate },
];

/** A work plan export: the file's bytes, name and media type. */
export interface WorkplanFile {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  contentType: string;
}

/**
 * The work plan as a file: XLSX (sheet "Arbeitspakete" with planned/actual days and quarters, sheet
 * "Meilensteine") or the landscape PDF of packages/export with its Gantt chart.
 */
export async function workplanFile(
  plan: WorkplanDto,
  format: 'pdf' | 'xlsx',
  layout: { bodyName: string; filters: string },
): Promise<WorkplanFile> {
  const fileName = workplanFileName(plan.today, format);
  if (format === 'xlsx') {
    const milestones = plan.packages.flatMap((p) =>
      p.milestones.map((m): MilestoneRow => ({ ...m, packageTitle: p.measure.title })),
    );
    const bytes = await toXlsx([
      sheet({ name: 'Arbeitspakete', columns: PACKAGE_COLUMNS, rows: plan.packages }),
      sheet({ name: 'Meilensteine', columns: MILESTONE_COLUMNS, rows: milestones }),
    ]);
    return {
      bytes: new Uint8Array(bytes),
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
  const bytes = await (
    await loadRenderers()
  ).renderWorkplanPdf({
    body: { name: layout.bodyName, letterhead: LETTERHEAD },
    filters: layout.filters,
    plan,
  });
  return { bytes: new Uint8Array(bytes), fileName, contentType: 'application/pdf' };
}
