import type { MeasureDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { changedFields, draftValues, measureFieldId, toDraft } from './draft';
import { mergeNewer } from './view';

const stored: MeasureDto = {
  id: '1',
  title: 'Sprachcafé',
  description: '',
  status: 'planned',
  deferredFrom: null,
  cityWide: false,
  sozialraumIds: ['a', 'b'],
  sozialraeume: [],
  handlungsfeld: 'Bildung',
  responsibleDepartment: 'FB 55',
  provider: '',
  targetGroup: '',
  costOneOff: 1200.5,
  costYearly: null,
  fundingSource: 'land',
  fundingProgramme: '',
  plannedStart: '2026-03-01',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  goals: [],
  progress: 0,
  decisionDate: null,
  paperReference: null,
  needIds: ['n1'],
  needs: [],
  public: false,
  version: 4,
  createdAt: '',
  updatedAt: '',
  permissions: { edit: true, transitions: [], corrections: [] },
};

describe('measure draft', () => {
  it('round-trips a stored measure without changes', () => {
    expect(changedFields(toDraft(stored), stored)).toEqual({});
    expect(draftValues(toDraft(stored)).costOneOff).toBe(1200.5);
  });

  it('names only what changed, ignoring the order of id lists', () => {
    const draft = {
      ...toDraft(stored),
      sozialraumIds: ['b', 'a'],
      costYearly: '2.400',
      fundingSource: '' as const,
    };
    expect(changedFields(draft, stored)).toEqual({ costYearly: 2400, fundingSource: null });
  });

  it('turns city-wide into an empty Sozialraum list and keeps bad numbers as NaN', () => {
    const values = draftValues({ ...toDraft(stored), cityWide: true, costOneOff: 'viel' });
    expect(values.sozialraumIds).toEqual([]);
    expect(values.costOneOff).toBeNaN();
  });

  it('sends an unreadable amount typed into an empty field, so the schema can refuse it', () => {
    const changes = changedFields({ ...toDraft(stored), costYearly: 'ca. 5000' }, stored);
    expect(Object.keys(changes)).toEqual(['costYearly']);
    expect(changes.costYearly).toBeNaN();
  });
});

describe('merging a fresh list', () => {
  it('keeps newer local versions', () => {
    const fresh = [{ ...stored, version: 4 }];
    const local = [{ ...stored, version: 5, title: 'neuer' }];
    expect(mergeNewer(fresh, local)[0]!.title).toBe('neuer');
    expect(mergeNewer(fresh, [])[0]!.version).toBe(4);
  });
});

describe('measureFieldId', () => {
  it('links each error to the control of MeasureFields that holds it', () => {
    expect(measureFieldId('title')).toBe('measure-title');
    expect(measureFieldId('responsibleDepartment')).toBe('measure-department');
    expect(measureFieldId('goals.1.goal')).toBe('goal-1');
    expect(measureFieldId('goals.1.targetValue')).toBe('goal-1-target');
  });

  it('leaves errors without a single control unlinked', () => {
    expect(measureFieldId('sozialraumIds')).toBeUndefined();
    expect(measureFieldId('_')).toBeUndefined();
  });
});
