import type { MilestoneDto, WorkPackageDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../testing/read-pdf.ts';
import { quarterOf } from './model.ts';
import { renderWorkplanPdf } from './pdf.ts';

const milestone = (over: Partial<MilestoneDto>): MilestoneDto => ({
  id: 'm1',
  measureId: 'p1',
  title: 'Räume gemietet',
  plannedDate: '2024-09-30',
  actualDate: null,
  status: 'planned',
  responsible: 'Amt 55',
  responsibleUser: null,
  position: 0,
  daysLate: 0,
  late: false,
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...over,
});

const work = (over: Partial<WorkPackageDto> & { title: string }): WorkPackageDto => ({
  measure: {
    id: over.title,
    title: over.title,
    status: 'in_implementation',
    handlungsfeld: 'Wohnumfeld',
    fundingProgramme: 'Sozialer Zusammenhalt',
    responsibleDepartment: 'Fachbereich Jugend',
    provider: 'Caritas',
    cityWide: false,
    sozialraeume: [{ id: 's1', code: 'AH', name: 'Altenhagen' }],
  },
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  progress: 0,
  milestones: [],
  ...over,
});

describe('quarterOf', () => {
  it('names the quarter as planning documents do', () => {
    expect(quarterOf('2024-01-01')).toBe('Q1/2024');
    expect(quarterOf('2024-08-15')).toBe('Q3/2024');
    expect(quarterOf('2024-12-31')).toBe('Q4/2024');
    expect(quarterOf(null)).toBe('');
  });
});

describe('renderWorkplanPdf', () => {
  it('prints the table with quarters and milestones, then the chart with its quarter scale and legend', async () => {
    const pdf = await renderWorkplanPdf({
      body: { name: 'Stadt Hagen', letterhead: ['Der Oberbürgermeister'] },
      filters: 'Programm: Sozialer Zusammenhalt',
      plan: {
        today: '2025-02-10',
        programmes: ['Sozialer Zusammenhalt'],
        packages: [
          work({
            title: 'Quartiersbüro Altenhagen',
            plannedStart: '2024-07-01',
            plannedEnd: '2025-06-30',
            actualStart: '2024-08-15',
            progress: 40,
            milestones: [
              milestone({
                title: 'Räume gemietet',
                status: 'done',
                actualDate: '2024-10-05',
                daysLate: 5,
                late: true,
              }),
              milestone({
                id: 'm2',
                title: 'Personal eingestellt',
                plannedDate: '2025-01-31',
                daysLate: 10,
                late: true,
              }),
            ],
          }),
          work({ title: 'Spielplatz Boele', plannedStart: '2025-04-01', plannedEnd: '2025-09-30' }),
        ],
      },
    });
    const { pages, text, fonts } = await readPdf(pdf);
    const flat = text.replace(/\s+/g, ' ');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const line of [
      'STADT HAGEN',
      'Programm: Sozialer Zusammenhalt',
      'Stand: 10.02.2025',
      'Arbeitsplan',
      'Quartiersbüro Altenhagen',
      'AH Altenhagen',
      '01.07.2024 (Q3/2024)',
      '30.06.2025 (Q2/2025)',
      '15.08.2024 (Q3/2024)',
      '40 %',
      'Räume gemietet (erreicht), geplant 30.09.2024, erreicht 05.10.2024, 5 Tage verspätet',
      'Personal eingestellt (geplant), geplant 31.01.2025, 10 Tage verspätet',
      'Spielplatz Boele',
      'Zeitplan',
      'heute (10.02.2025)',
      'Seite 1 von 2',
    ]) {
      expect(flat).toContain(line);
    }
    // The chart's scale runs from the first quarter of the plan to the last.
    const chart = pages.at(-1)!.replace(/\s+/g, ' ');
    for (const q of ['Q3/2024', 'Q4/2024', 'Q1/2025', 'Q2/2025', 'Q3/2025']) expect(chart).toContain(q);
    expect(chart).not.toContain('Q2/2024');
    expect(fonts.some((f) => f.includes('DejaVuSans'))).toBe(true);
    // Bars and diamonds are vector paths: filled rectangles (re … f) in the page content.
    expect(pdf.length).toBeGreaterThan(5000);
  });

  it('says so when nothing is planned', async () => {
    const { text } = await readPdf(
      await renderWorkplanPdf({
        body: { name: 'Stadt Hagen', letterhead: [] },
        filters: '',
        plan: { today: '2025-02-10', programmes: [], packages: [] },
      }),
    );
    expect(text.replace(/\s+/g, ' ')).toContain('Keine Arbeitspakete');
  });
});
