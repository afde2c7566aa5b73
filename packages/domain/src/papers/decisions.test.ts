import { describe, expect, it } from 'vitest';
import { berlinToday, consultationDateOrderIssues, isResultEditable, resultDateIssue } from './decisions.ts';

describe('berlinToday', () => {
  it('follows the Berlin calendar across the UTC midnight (winter and summer time)', () => {
    expect(berlinToday(new Date('2026-01-13T22:59:59Z'))).toBe('2026-01-13');
    expect(berlinToday(new Date('2026-01-13T23:00:00Z'))).toBe('2026-01-14');
    expect(berlinToday(new Date('2026-07-13T21:59:59Z'))).toBe('2026-07-13');
    expect(berlinToday(new Date('2026-07-13T22:00:00Z'))).toBe('2026-07-14');
  });
});

describe('resultDateIssue', () => {
  it('allows today and the past, refuses tomorrow', () => {
    expect(resultDateIssue('2026-01-14', '2026-01-14')).toBeNull();
    expect(resultDateIssue('2025-12-31', '2026-01-14')).toBeNull();
    expect(resultDateIssue('2026-01-15', '2026-01-14')).toContain('nicht in der Zukunft');
  });
});

describe('isResultEditable', () => {
  type Line = Parameters<typeof isResultEditable>[0][number];
  const open: Line[] = [
    { id: 'a', order: 0, role: 'preliminary', result: 'recommended' },
    { id: 'b', order: 1, role: 'decision', result: null },
    { id: 'c', order: 2, role: 'information', result: null },
  ];
  const withDecision = (result: Line['result']) => open.map((c) => (c.id === 'b' ? { ...c, result } : c));

  it('locks the lines before a settled decision, not the ones after it nor before a postponement', () => {
    expect(open.map((c) => isResultEditable(open, c))).toEqual([true, true, true]);
    const postponed = withDecision('postponed');
    expect(postponed.map((c) => isResultEditable(postponed, c))).toEqual([true, true, true]);
    const decided = withDecision('decided');
    expect(decided.map((c) => isResultEditable(decided, c))).toEqual([false, true, true]);
  });
});

describe('consultationDateOrderIssues', () => {
  it('names each line dated before the line above it', () => {
    expect(
      consultationDateOrderIssues([{ date: '2024-02-01' }, { date: '2024-02-01' }, { date: '2024-03-14' }]),
    ).toEqual([]);
    expect(consultationDateOrderIssues([{ date: '2024-03-14' }, { date: '2024-02-01' }])).toEqual([
      { index: 1, date: '2024-02-01', previousIndex: 0, previousDate: '2024-03-14' },
    ]);
  });
});
