import { describe, expect, it } from 'vitest';
import type { Principal } from '../roles.ts';
import {
  canCreateMeasure,
  canEditMeasure,
  canSeeMeasure,
  permittedCorrections,
  permittedTransitions,
  type MeasureSubject,
} from './permissions.ts';
import {
  MEASURE_STATUSES,
  correctionTargets,
  nextStatuses,
  type MeasureStatus,
  type WorkflowPosition,
} from './workflow.ts';

const SR_A = '11111111-1111-4111-8111-111111111111';
const SR_B = '22222222-2222-4222-8222-222222222222';
const SR_C = '33333333-3333-4333-8333-333333333333';

const principal = (role: Principal['role'], memberships: Principal['memberships'] = []): Principal => ({
  id: 'u',
  bodyId: 'b',
  role,
  memberships,
});
const admin = principal('admin');
const clerk = principal('clerk');
const editor = principal('member', [
  { sozialraumId: SR_A, access: 'edit' },
  { sozialraumId: SR_B, access: 'view' },
]);
const viewer = principal('member', [{ sozialraumId: SR_A, access: 'view' }]);
const stranger = principal('member', [{ sozialraumId: SR_C, access: 'edit' }]);

/** Every workflow position: each status, and deferred from each deferrable state. */
const POSITIONS: WorkflowPosition[] = [
  ...MEASURE_STATUSES.filter((s) => s !== 'deferred').map((status) => ({ status, deferredFrom: null })),
  ...(['idea', 'recommended', 'planned', 'in_consultation', 'decided', 'in_implementation'] as const).map(
    (deferredFrom) => ({ status: 'deferred' as const, deferredFrom }),
  ),
];
const label = (p: WorkflowPosition) => (p.deferredFrom ? `deferred from ${p.deferredFrom}` : p.status);

const inA = (p: WorkflowPosition): MeasureSubject => ({ ...p, cityWide: false, sozialraumIds: [SR_A] });

/** What a member with edit does: forward up to planned, defer and resume while at most planned. */
function memberExpected(p: WorkflowPosition): MeasureStatus[] {
  const early: MeasureStatus[] = ['idea', 'recommended', 'planned'];
  if (p.status === 'deferred') return early.includes(p.deferredFrom!) ? [p.deferredFrom!] : [];
  return early.includes(p.status) ? nextStatuses(p).filter((to) => to !== 'in_consultation') : [];
}

function clerkExpected(p: WorkflowPosition): MeasureStatus[] {
  if (p.status === 'planned') return ['in_consultation'];
  if (p.status === 'in_consultation') return ['decided', 'rejected'];
  return [];
}

describe('measure permissions', () => {
  describe.each(POSITIONS.map((p) => [label(p), p] as const))('a measure %s', (_, position) => {
    const measure = inA(position);

    it('admins may take every transition of the workflow', () => {
      expect(permittedTransitions(admin, measure)).toEqual(nextStatuses(position));
      expect(canEditMeasure(admin, measure)).toBe(true);
    });

    it('clerks record consultation and decisions only, and never edit fields', () => {
      expect(permittedTransitions(clerk, measure)).toEqual(clerkExpected(position));
      expect(canEditMeasure(clerk, measure)).toBe(false);
    });

    it('members with edit work on it until it is planned', () => {
      expect(permittedTransitions(editor, measure)).toEqual(memberExpected(position));
      const early = ['idea', 'recommended', 'planned'].includes(position.deferredFrom ?? position.status);
      expect(canEditMeasure(editor, measure)).toBe(early);
    });

    it('viewers and members of other Sozialräume do nothing', () => {
      expect(permittedTransitions(viewer, measure)).toEqual([]);
      expect(canEditMeasure(viewer, measure)).toBe(false);
      expect(permittedTransitions(stranger, measure)).toEqual([]);
      expect(canEditMeasure(stranger, measure)).toBe(false);
    });
  });

  it('shows measures to admins and clerks always, to members by any membership, city-wide to all', () => {
    const inB = { cityWide: false, sozialraumIds: [SR_B] };
    const inC = { cityWide: false, sozialraumIds: [SR_C] };
    const city = { cityWide: true, sozialraumIds: [] };
    expect([admin, clerk].every((p) => canSeeMeasure(p, inC))).toBe(true);
    expect(canSeeMeasure(editor, inB)).toBe(true);
    expect(canSeeMeasure(editor, inC)).toBe(false);
    expect(canSeeMeasure(viewer, { cityWide: false, sozialraumIds: [SR_C, SR_A] })).toBe(true);
    expect([editor, viewer, stranger].every((p) => canSeeMeasure(p, city))).toBe(true);
  });

  it('lets members create and edit only with edit access to every Sozialraum; city-wide only admins', () => {
    expect(canCreateMeasure(editor, { cityWide: false, sozialraumIds: [SR_A] })).toBe(true);
    expect(canCreateMeasure(editor, { cityWide: false, sozialraumIds: [SR_A, SR_B] })).toBe(false);
    expect(canCreateMeasure(viewer, { cityWide: false, sozialraumIds: [SR_A] })).toBe(false);
    expect(canCreateMeasure(editor, { cityWide: true, sozialraumIds: [] })).toBe(false);
    expect(canCreateMeasure(clerk, { cityWide: false, sozialraumIds: [SR_A] })).toBe(false);
    expect(canCreateMeasure(admin, { cityWide: true, sozialraumIds: [] })).toBe(true);

    const shared: MeasureSubject = {
      status: 'idea',
      deferredFrom: null,
      cityWide: false,
      sozialraumIds: [SR_A, SR_B],
    };
    expect(canEditMeasure(editor, shared)).toBe(false);
    expect(permittedTransitions(editor, shared)).toEqual([]);
    const city: MeasureSubject = { status: 'idea', deferredFrom: null, cityWide: true, sozialraumIds: [] };
    expect(canEditMeasure(editor, city)).toBe(false);
    expect(permittedTransitions(admin, city)).toEqual(['recommended', 'deferred']);
  });

  it('lets only admins correct a status, to the earlier states of the workflow', () => {
    for (const position of POSITIONS) {
      const measure = inA(position);
      expect(permittedCorrections(admin, measure), label(position)).toEqual(correctionTargets(position));
      for (const other of [clerk, editor, viewer, stranger]) {
        expect(permittedCorrections(other, measure), label(position)).toEqual([]);
      }
    }
  });
});
