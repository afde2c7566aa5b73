import type { WorkPackageDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { workplanExportUrl, workplanQuery } from '$lib/api/implementation';
import { dayNumber, quarterLabel, quarterSpan, timelineQuarters } from './timeline';

const workPackage = (patch: Partial<WorkPackageDto>): WorkPackageDto => ({
  measure: {
    id: 'm1',
    title: 'Spielplatz',
    status: 'in_implementation',
    handlungsfeld: '',
    fundingProgramme: '',
    responsibleDepartment: '',
    provider: '',
    cityWide: false,
    sozialraeume: [],
  },
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  progress: 0,
  milestones: [],
  ...patch,
});

describe('work plan time axis', () => {
  it('names quarters and spans', () => {
    expect(quarterLabel('2026-03-31')).toBe('Q1 2026');
    expect(quarterLabel('2026-04-01')).toBe('Q2 2026');
    expect(quarterSpan('2026-01-10', '2026-03-01')).toBe('Q1 2026');
    expect(quarterSpan('2026-01-10', '2027-07-01')).toBe('Q1 2026 – Q3 2027');
    expect(quarterSpan('2026-05-01', null)).toBe('Q2 2026 –');
    expect(quarterSpan(null, null)).toBe('–');
  });

  it('spans from the earliest to the latest date, today included, at least four quarters', () => {
    const quarters = timelineQuarters(
      [workPackage({ plannedStart: '2026-02-01', plannedEnd: '2027-05-01' })],
      '2026-12-04',
    );
    expect(quarters.map((q) => q.label)).toEqual([
      'Q1 2026',
      'Q2 2026',
      'Q3 2026',
      'Q4 2026',
      'Q1 2027',
      'Q2 2027',
    ]);
    expect(quarters[0]!.start).toBe(dayNumber('2026-01-01'));
    expect(quarters[3]!.end).toBe(dayNumber('2027-01-01'));
    expect(timelineQuarters([], '2026-12-04').map((q) => q.label)).toEqual([
      'Q4 2026',
      'Q1 2027',
      'Q2 2027',
      'Q3 2027',
    ]);
  });

  it('builds the query and export address without empty filters', () => {
    expect(workplanQuery({ sozialraumId: '', programme: '' })).toBe('');
    expect(workplanExportUrl({ sozialraumId: 'a1', programme: 'Soziale Stadt' }, 'xlsx')).toBe(
      '/api/workplan/export?sozialraumId=a1&programme=Soziale+Stadt&format=xlsx',
    );
  });
});
