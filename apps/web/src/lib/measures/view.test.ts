import { readFileSync } from 'node:fs';
import {
  FUNDING_SOURCE_LABELS,
  MEASURE_STATUS_LABELS,
  type MeasureDto,
  type MeasureEventDto,
} from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { euroInput, groupByStatus, parseEuro, stageOf, statusMatrix, timeline, upsertMeasure } from './view';

const measure = (id: string, patch: Partial<MeasureDto> = {}): MeasureDto =>
  ({ id, title: id, status: 'idea', deferredFrom: null, version: 1, ...patch }) as MeasureDto;

const event = (patch: Partial<MeasureEventDto>): MeasureEventDto => ({
  id: String(Math.random()),
  kind: 'transition',
  at: '2026-01-01T00:00:00Z',
  actor: { id: null, name: 'A' },
  fromStatus: null,
  toStatus: null,
  comment: null,
  changes: {},
  data: {},
  version: 1,
  ...patch,
});

describe('board helpers', () => {
  it('groups by status with every column present', () => {
    const groups = groupByStatus([measure('a'), measure('b', { status: 'planned' }), measure('c')]);
    expect(Object.keys(groups)).toHaveLength(10);
    expect(groups.idea.map((m) => m.id)).toEqual(['a', 'c']);
    expect(groups.planned.map((m) => m.id)).toEqual(['b']);
    expect(groups.deferred).toEqual([]);
  });

  it('takes only newer versions of a measure, and adds unknown ones at the top', () => {
    const list = [measure('a', { version: 2 }), measure('b')];
    expect(upsertMeasure(list, measure('a', { version: 1, title: 'old' }))[0]!.title).toBe('a');
    expect(upsertMeasure(list, measure('a', { version: 3, title: 'new' }))[0]!.title).toBe('new');
    expect(upsertMeasure(list, measure('c')).map((m) => m.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('chain along the audit trail', () => {
  it('maps states to stages; deferred stays where it left', () => {
    expect(stageOf('idea')).toBe('need');
    expect(stageOf('in_consultation')).toBe('paper');
    expect(stageOf('rejected')).toBe('decision');
    expect(stageOf('deferred', 'planned')).toBe('measure');
  });

  it('places each event at the stage the measure stood at', () => {
    const entries = timeline([
      event({ kind: 'created' }),
      event({ fromStatus: 'idea', toStatus: 'recommended' }),
      event({ kind: 'updated' }),
      event({ fromStatus: 'recommended', toStatus: 'deferred' }),
      event({ fromStatus: 'deferred', toStatus: 'recommended' }),
      event({ fromStatus: 'recommended', toStatus: 'planned' }),
      event({ kind: 'correction', fromStatus: 'planned', toStatus: 'idea' }),
      event({ kind: 'updated' }),
    ]);
    expect(entries.map((e) => e.stage)).toEqual([
      'need',
      'recommendation',
      'recommendation',
      'recommendation',
      'recommendation',
      'measure',
      // A correction moves the chain back like a transition.
      'need',
      'need',
    ]);
  });
});

describe('dashboard matrix', () => {
  it('pivots counts per Sozialraum, sorted by name, city-wide last', () => {
    const rows = statusMatrix([
      { sozialraumId: null, sozialraumName: 'stadtweit', status: 'idea', count: 1 },
      { sozialraumId: '2', sozialraumName: 'Wehringhausen', status: 'planned', count: 2 },
      { sozialraumId: '1', sozialraumName: 'Altenhagen', status: 'planned', count: 1 },
      { sozialraumId: '1', sozialraumName: 'Altenhagen', status: 'decided', count: 3 },
    ]);
    expect(rows.map((r) => r.name)).toEqual(['Altenhagen', 'Wehringhausen', 'stadtweit']);
    expect(rows[0]!.counts.decided).toBe(3);
    expect(rows[0]!.counts.idea).toBe(0);
    expect(rows[0]!.total).toBe(4);
  });
});

describe('money', () => {
  it('parses German amounts and reports anything else as not a number', () => {
    expect(parseEuro('12.500,50 €')).toBe(12500.5);
    expect(parseEuro('800')).toBe(800);
    expect(parseEuro(' ')).toBeNull();
    expect(parseEuro('zwölf')).toBeNaN();
    expect(euroInput(12500.5)).toBe('12500,5');
    expect(euroInput(null)).toBe('');
  });
});

describe('German messages', () => {
  const de = JSON.parse(
    readFileSync(new URL('../../../messages/de.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;

  it('name the workflow states and funding sources as the domain does', () => {
    for (const [status, label] of Object.entries(MEASURE_STATUS_LABELS)) {
      expect(de[`measure_status_${status}`]).toBe(label);
    }
    for (const [source, label] of Object.entries(FUNDING_SOURCE_LABELS)) {
      expect(de[`measure_funding_${source}`]).toBe(label);
    }
  });
});
