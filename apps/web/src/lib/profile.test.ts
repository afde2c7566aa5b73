import type { SozialraumProfileDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { changeText, partsOfTotals } from './profile';

type KeyFigure = SozialraumProfileDto['keyFigures'][number];

const indicator = (id: string, extra: Partial<KeyFigure['indicator']> = {}): KeyFigure['indicator'] => ({
  id,
  name: id,
  unit: '',
  kind: 'count',
  topic: '',
  source: '',
  description: '',
  precision: 0,
  partOf: null,
  dates: [],
  ...extra,
});
const key = (here: number | null, previous: number | null, extra: Partial<KeyFigure['indicator']> = {}) => ({
  indicator: indicator('i', extra),
  date: '2023-04-30',
  here: { value: here, suppressed: here === null },
  city: null,
  previous: { date: '2022-12-31', value: previous, suppressed: previous === null },
});

describe('changeText', () => {
  it('signs the change in the indicator’s notation, percentage points for %', () => {
    expect(changeText(key(13137, 13020), 'de')).toBe('+117');
    expect(changeText(key(1200, 1234), 'de')).toBe('−34');
    expect(changeText(key(21.25, 22.5, { unit: '%', precision: 1 }), 'de')).toBe('−1,3 Pp.');
    expect(changeText(key(5, 5), 'de')).toBe('0');
  });

  it('gives no change without a previous date and "•" when either figure is suppressed', () => {
    expect(changeText({ ...key(5, 5), previous: null }, 'de')).toBeNull();
    expect(changeText(key(null, 40), 'de')).toBe('•');
    expect(changeText(key(40, null), 'de')).toBe('•');
  });
});

describe('partsOfTotals', () => {
  it('takes each part at the total’s date and leaves totals without parts out', () => {
    const profile: SozialraumProfileDto = {
      sozialraum: { id: 's', code: 'S', name: 'S' },
      keyFigures: [
        { ...key(100, null), indicator: indicator('total') },
        { ...key(30, null), indicator: indicator('young', { partOf: 'total' }) },
        { ...key(null, null), indicator: indicator('old', { partOf: 'total' }) },
        { ...key(7, null), indicator: indicator('alone') },
      ],
      series: [
        { indicatorId: 'young', points: [{ date: '2023-04-30', value: 30, suppressed: false }] },
        { indicatorId: 'old', points: [{ date: '2023-04-30', value: null, suppressed: true }] },
      ],
      needs: [],
      measures: [],
    };
    const [only, ...rest] = partsOfTotals(profile, 'de');
    expect(rest).toEqual([]);
    expect(only!.total.indicator.id).toBe('total');
    expect(only!.items).toEqual([
      { label: 'young', value: 30, text: '30' },
      { label: 'old', value: null, text: '•' },
    ]);
  });
});
