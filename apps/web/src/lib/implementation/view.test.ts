import { describe, expect, it } from 'vitest';
import {
  barWidth,
  canDeleteReport,
  evaluationDraft,
  evaluationValues,
  milestoneDraft,
  milestoneValues,
  moved,
  parseFigure,
  uniquePeople,
} from './view';

describe('parseFigure', () => {
  it('reads figures as people type them, German or not; nothing is null, anything else NaN', () => {
    expect(parseFigure('12,5')).toBe(12.5);
    expect(parseFigure('12.5')).toBe(12.5);
    expect(parseFigure('1.234,5')).toBe(1234.5);
    expect(parseFigure(' -3 ')).toBe(-3);
    expect(parseFigure('')).toBeNull();
    expect(parseFigure('zwölf')).toBeNaN();
  });
});

describe('drafts', () => {
  it('turns empty optional fields into null for the API', () => {
    expect(milestoneValues({ ...milestoneDraft(), title: 'A', plannedDate: '2026-12-01' })).toEqual({
      title: 'A',
      plannedDate: '2026-12-01',
      actualDate: null,
      status: 'planned',
      responsible: '',
      responsibleUserId: null,
    });
    expect(evaluationValues({ ...evaluationDraft(), name: 'Kinder', target: '48', actual: '12,5' })).toEqual({
      name: 'Kinder',
      unit: '',
      indicatorId: null,
      baseline: null,
      target: 48,
      actual: 12.5,
      baselineDate: null,
      targetDate: null,
      actualDate: null,
    });
  });

  it('shows stored figures in the reader’s locale without grouping', () => {
    const stored = evaluationDraft({
      id: 'e',
      measureId: 'm',
      name: 'Quote',
      unit: '%',
      indicatorId: null,
      baseline: 1234.5,
      baselineDate: '2026-01-01',
      target: null,
      targetDate: null,
      actual: 0,
      actualDate: null,
      attainment: null,
      linkedFigure: null,
      position: 0,
    });
    expect([stored.baseline, stored.target, stored.actual]).toEqual(['1234,5', '', '0']);
  });
});

describe('moved', () => {
  it('swaps with the neighbour, and keeps the order at the ends', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moved(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('barWidth', () => {
  it('fills the track between 0 and 100 whatever the value', () => {
    expect(barWidth(40)).toBe(40);
    expect(barWidth(130)).toBe(100);
    expect(barWidth(-5)).toBe(0);
    expect(barWidth(null)).toBe(0);
  });
});

describe('canDeleteReport', () => {
  const report = { author: { id: 'u2', name: 'T' } } as Parameters<typeof canDeleteReport>[0];
  it('lets the author and admins delete, among those who track', () => {
    expect(canDeleteReport(report, { id: 'u2', role: 'member' }, true)).toBe(true);
    expect(canDeleteReport(report, { id: 'u3', role: 'member' }, true)).toBe(false);
    expect(canDeleteReport(report, { id: 'u1', role: 'admin' }, true)).toBe(true);
    expect(canDeleteReport(report, { id: 'u2', role: 'member' }, false)).toBe(false);
    expect(canDeleteReport({ ...report, author: null }, { id: 'u2', role: 'member' }, true)).toBe(false);
  });
});

describe('uniquePeople', () => {
  it('lists each person once, by name', () => {
    expect(
      uniquePeople([
        [
          { id: '2', name: 'Zora' },
          { id: '1', name: 'Änne' },
        ],
        [{ id: '2', name: 'Zora' }],
      ]),
    ).toEqual([
      { id: '1', name: 'Änne' },
      { id: '2', name: 'Zora' },
    ]);
  });
});
