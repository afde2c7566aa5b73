import { formatGermanDate, type MilestoneDto, type WorkPackageDto } from '@quartierplan/domain';
import { cleanText } from '../model.ts';
import {
  pdfMake,
  type Content,
  type ContentObject,
  type DocumentDefinition,
  type TableCell,
} from '../pdf/pdfmake.ts';
import { breakable, cityHeader, FONT, pageFooter, setUpPdfMake } from '../pdf/render.ts';
import {
  dayAndQuarter,
  milestoneLine,
  packagePlace,
  packageStatus,
  quarterOf,
  type WorkplanExportInput,
} from './model.ts';

// A4 landscape (842 × 595 pt) less the margins: the width the table and the chart share.
const MARGINS: [number, number, number, number] = [40, 90, 40, 50];
const CONTENT_WIDTH = 842 - MARGINS[0] - MARGINS[2];
const LABEL_WIDTH = 190;
const CHART_WIDTH = CONTENT_WIDTH - LABEL_WIDTH;
const ROW_HEIGHT = 24;

const COLOURS = {
  planned: '#9DB7D5',
  actual: '#1F4E79',
  grid: '#C8C8C8',
  today: '#C00000',
  late: '#C00000',
  done: '#2E7D32',
  open: '#FFFFFF',
  outline: '#333333',
};

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** A quarter: its first day and the first day of the next. */
interface Quarter {
  label: string;
  start: string;
  end: string;
}

function quarterStart(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

function nextQuarter(start: string): string {
  const [year, month] = start.split('-').map(Number) as [number, number];
  return month >= 10 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
}

/** The quarters from the earliest to the latest day of the plan (today included, so its line shows). */
function quartersOf(packages: readonly WorkPackageDto[], today: string): Quarter[] {
  const days = packages
    .flatMap((p) => [
      p.plannedStart,
      p.plannedEnd,
      p.actualStart,
      p.actualEnd,
      ...p.milestones.flatMap((m) => [m.plannedDate, m.actualDate]),
    ])
    .filter((d): d is string => d !== null);
  if (days.length === 0) return [];
  days.push(today);
  days.sort();
  const quarters: Quarter[] = [];
  for (let start = quarterStart(days[0]!); start <= days.at(-1)!; start = nextQuarter(start)) {
    quarters.push({ label: quarterOf(start), start, end: nextQuarter(start) });
  }
  return quarters;
}

/** Maps a day to its x position in the chart column. */
function scale(quarters: readonly Quarter[]): (date: string) => number {
  const from = dayNumber(quarters[0]!.start);
  const span = dayNumber(quarters.at(-1)!.end) - from;
  return (date) => ((dayNumber(date) - from) / span) * CHART_WIDTH;
}

function diamond(x: number, y: number, m: MilestoneDto): ContentObject {
  const r = 4.5;
  const colour = m.late ? COLOURS.late : m.status === 'done' ? COLOURS.done : COLOURS.open;
  return {
    type: 'polyline',
    closePath: true,
    lineWidth: 0.8,
    lineColor: m.status === 'cancelled' ? COLOURS.grid : COLOURS.outline,
    color: m.status === 'cancelled' ? COLOURS.open : colour,
    points: [
      { x, y: y - r },
      { x: x + r, y },
      { x, y: y + r },
      { x: x - r, y },
    ],
  };
}

/** The vector drawing of one package's row: quarter lines, planned bar (top), actual bar (bottom), milestones, today. */
function rowCanvas(p: WorkPackageDto, quarters: readonly Quarter[], today: string): ContentObject[] {
  const x = scale(quarters);
  const last = quarters.at(-1)!.end;
  const shapes: ContentObject[] = quarters.map((q) => ({
    type: 'line',
    x1: x(q.start),
    y1: 0,
    x2: x(q.start),
    y2: ROW_HEIGHT,
    lineWidth: 0.3,
    lineColor: COLOURS.grid,
  }));
  const bar = (from: string | null, to: string | null, y: number, colour: string): void => {
    if (!from) return;
    const left = x(from);
    // An end not yet set: the bar runs to today (actual) or stands as one day (planned).
    const right = Math.max(left + 1.5, x(to ?? from));
    shapes.push({ type: 'rect', x: left, y, w: right - left, h: 7, color: colour });
  };
  bar(p.plannedStart, p.plannedEnd, 4, COLOURS.planned);
  bar(p.actualStart, p.actualEnd ?? (p.actualStart && today < last ? today : null), 13, COLOURS.actual);
  for (const m of p.milestones) shapes.push(diamond(x(m.actualDate ?? m.plannedDate), ROW_HEIGHT / 2, m));
  shapes.push({
    type: 'line',
    x1: x(today),
    y1: 0,
    x2: x(today),
    y2: ROW_HEIGHT,
    lineWidth: 1,
    lineColor: COLOURS.today,
    dash: { length: 2 },
  });
  return shapes;
}

/** The chart's header: one label per quarter (only Q1 with its year when the quarters are too narrow). */
function quarterHeader(quarters: readonly Quarter[]): Content {
  const width = CHART_WIDTH / quarters.length;
  const narrow = width < 34;
  return {
    columns: quarters.map((q) => ({
      width,
      text: narrow ? (q.start.endsWith('-01-01') ? q.start.slice(0, 4) : '') : q.label,
      fontSize: 6.5,
      alignment: 'left',
    })),
    columnGap: 0,
  };
}

function gantt(input: WorkplanExportInput): Content[] {
  const { packages, today } = input.plan;
  const quarters = quartersOf(packages, today);
  const heading: Content = { text: 'Zeitplan', style: 'h2', pageBreak: 'before' };
  if (quarters.length === 0)
    return [heading, { text: 'Für diese Arbeitspakete sind keine Termine geplant.' }];
  const legend: Content = {
    margin: [0, 0, 0, 6],
    fontSize: 7.5,
    text: [
      { text: '■ ', color: COLOURS.planned },
      'geplant   ',
      { text: '■ ', color: COLOURS.actual },
      'tatsächlich   ',
      { text: '◆ ', color: COLOURS.done },
      'Meilenstein erreicht   ',
      { text: '◆ ', color: COLOURS.late },
      'Meilenstein verspätet   ',
      '◇ Meilenstein offen   ',
      { text: '┆ ', color: COLOURS.today },
      `heute (${formatGermanDate(today)})`,
    ],
  };
  const noPadding = {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  };
  return [
    heading,
    legend,
    {
      layout: noPadding,
      table: {
        // The quarter labels repeat on every page of the chart.
        headerRows: 1,
        dontBreakRows: true,
        widths: [LABEL_WIDTH, CHART_WIDTH],
        body: [
          [{ text: 'Arbeitspaket', bold: true, fontSize: 7 }, quarterHeader(quarters)],
          ...packages.map((p): TableCell[] => [
            {
              text: breakable(cleanText(p.measure.title)),
              fontSize: 7,
              margin: [0, 3, 6, 0],
              maxHeight: ROW_HEIGHT,
            },
            { canvas: rowCanvas(p, quarters, today) },
          ]),
        ],
      },
    },
  ];
}

function table(input: WorkplanExportInput): Content {
  const header = [
    'Arbeitspaket',
    'Status',
    'Verantwortlich',
    'Beginn geplant',
    'Ende geplant',
    'Beginn tatsächlich',
    'Ende tatsächlich',
    'Fortschritt',
    'Meilensteine',
  ];
  return {
    layout: 'lightHorizontalLines',
    fontSize: 7.5,
    table: {
      headerRows: 1,
      widths: [125, 55, 80, 58, 58, 58, 58, 48, '*'],
      body: [
        header.map((text): TableCell => ({ text, bold: true })),
        ...input.plan.packages.map((p): TableCell[] => [
          { text: breakable(cleanText(`${p.measure.title}\n${packagePlace(p)}`)) },
          packageStatus(p),
          breakable(
            cleanText([p.measure.responsibleDepartment, p.measure.provider].filter(Boolean).join('\n')),
          ),
          dayAndQuarter(p.plannedStart),
          dayAndQuarter(p.plannedEnd),
          dayAndQuarter(p.actualStart),
          dayAndQuarter(p.actualEnd),
          `${p.progress} %`,
          p.milestones.length === 0
            ? '–'
            : {
                ul: p.milestones.map((m): Content => ({
                  text: breakable(cleanText(milestoneLine(m))),
                  color: m.late ? COLOURS.late : undefined,
                })),
              },
        ]),
      ],
    },
  };
}

/**
 * The work plan as a landscape A4 PDF in the city layout: the table of work packages (planned and actual days
 * with their quarters, milestones), then a Gantt chart drawn as pdfmake vectors: planned bar over actual bar,
 * milestone diamonds, a dashed line for today.
 */
export async function renderWorkplanPdf(input: WorkplanExportInput): Promise<Buffer> {
  setUpPdfMake();
  const empty = input.plan.packages.length === 0;
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    info: { title: 'Arbeitsplan', creator: 'Quartierplan', producer: 'Quartierplan' },
    defaultStyle: { font: FONT, fontSize: 8, lineHeight: 1.15 },
    styles: { h2: { fontSize: 12, bold: true, margin: [0, 0, 0, 6] } },
    header: cityHeader(
      { name: cleanText(input.body.name), letterhead: input.body.letterhead.map(cleanText) },
      [cleanText(input.filters), `Stand: ${formatGermanDate(input.plan.today)}`].filter(Boolean).join('\n'),
      [MARGINS[0], 25, MARGINS[2], 0],
    ),
    footer: pageFooter(15),
    content: [
      { text: 'Arbeitsplan', fontSize: 14, bold: true, margin: [0, 0, 0, 10] },
      empty
        ? { text: 'Keine Arbeitspakete: keine Maßnahme ab „geplant“ entspricht der Auswahl.' }
        : table(input),
      ...(empty ? [] : gantt(input)),
    ],
  };
  return pdfMake.createPdf(definition).getBuffer();
}
