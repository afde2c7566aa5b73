import { describe, expect, it } from 'vitest';
import {
  MEASURE_STATUSES,
  MEASURE_STATUS_LABELS,
  checkCorrection,
  checkTransition,
  correctionKeepsDecision,
  correctionTargets,
  nextStatuses,
  requiredTransitionData,
  type MeasureStatus,
  type TransitionData,
} from './workflow.ts';

/** The workflow of docs/PRODUCT.md written out by hand, independent of how the code derives it. */
const EXPECTED: Record<Exclude<MeasureStatus, 'deferred'>, MeasureStatus[]> = {
  idea: ['recommended', 'deferred'],
  recommended: ['planned', 'deferred'],
  planned: ['in_consultation', 'deferred'],
  in_consultation: ['decided', 'rejected', 'deferred'],
  decided: ['in_implementation', 'deferred'],
  in_implementation: ['completed', 'deferred'],
  completed: ['evaluated'],
  evaluated: [],
  rejected: ['planned'],
};

/** Complete data for any target, so only legality decides. */
const FULL: TransitionData = { comment: 'Grund', decisionDate: '2023-06-27', paperReference: '0745/2023' };

const NON_DEFERRED = MEASURE_STATUSES.filter(
  (s): s is Exclude<MeasureStatus, 'deferred'> => s !== 'deferred',
);

describe('measure workflow', () => {
  it('has a German label for every status', () => {
    expect(Object.keys(MEASURE_STATUS_LABELS).sort()).toEqual([...MEASURE_STATUSES].sort());
    expect(MEASURE_STATUS_LABELS.planned).toBe('im Aktionsplan');
    expect(MEASURE_STATUS_LABELS.deferred).toBe('zurückgestellt');
  });

  describe.each(NON_DEFERRED)('from %s', (from) => {
    it.each(MEASURE_STATUSES)(`to %s is allowed exactly as docs/PRODUCT.md says`, (to) => {
      const legal = EXPECTED[from].includes(to);
      const result = checkTransition({ status: from, deferredFrom: null }, to, FULL);
      expect(result.ok).toBe(legal);
      if (result.ok) {
        expect(result.deferredFrom).toBe(to === 'deferred' ? from : null);
      } else {
        expect(result).toMatchObject({ reason: 'illegal', allowed: EXPECTED[from] });
        expect(result.message).toContain(MEASURE_STATUS_LABELS[from]);
      }
    });
  });

  describe.each(NON_DEFERRED)('deferred from %s', (left) => {
    it.each(MEASURE_STATUSES)('to %s is allowed only back to the state it left', (to) => {
      const position = { status: 'deferred' as const, deferredFrom: left };
      const result = checkTransition(position, to, FULL);
      expect(result.ok).toBe(to === left && EXPECTED[left].includes('deferred'));
    });
  });

  it('lists the next statuses of every position', () => {
    for (const from of NON_DEFERRED) {
      expect(nextStatuses({ status: from, deferredFrom: null })).toEqual(EXPECTED[from]);
    }
    expect(nextStatuses({ status: 'deferred', deferredFrom: 'planned' })).toEqual(['planned']);
    expect(nextStatuses({ status: 'deferred', deferredFrom: null })).toEqual([]);
  });

  it('requires decision date and paper reference for decided, a date and reason for rejected, a reason for deferred', () => {
    expect(requiredTransitionData('decided')).toEqual(['decisionDate', 'paperReference']);
    expect(requiredTransitionData('rejected')).toEqual(['decisionDate', 'comment']);
    expect(requiredTransitionData('deferred')).toEqual(['comment']);
    for (const to of ['idea', 'recommended', 'planned', 'in_consultation', 'in_implementation'] as const) {
      expect(requiredTransitionData(to)).toEqual([]);
    }

    const consultation = { status: 'in_consultation' as const, deferredFrom: null };
    expect(checkTransition(consultation, 'decided', {})).toEqual({
      ok: false,
      reason: 'incomplete',
      message: 'Für den Status „beschlossen“ fehlen Angaben.',
      issues: [
        { path: 'decisionDate', message: 'Bitte das Datum des Beschlusses angeben.' },
        { path: 'paperReference', message: 'Bitte die Drucksachennummer angeben (z. B. 0745/2023).' },
      ],
    });
    expect(checkTransition(consultation, 'decided', { decisionDate: '2023-06-27' })).toMatchObject({
      ok: false,
      issues: [{ path: 'paperReference' }],
    });
    expect(
      checkTransition(consultation, 'decided', { decisionDate: '2023-06-27', paperReference: '0745/2023' }),
    ).toEqual({ ok: true, to: 'decided', deferredFrom: null });
    expect(checkTransition(consultation, 'rejected', {})).toMatchObject({
      ok: false,
      issues: [
        { path: 'decisionDate' },
        { path: 'comment', message: 'Bitte einen Grund für die Ablehnung angeben.' },
      ],
    });
    expect(
      checkTransition(consultation, 'rejected', { decisionDate: '2023-06-27', comment: ' ' }),
    ).toMatchObject({ ok: false, issues: [{ path: 'comment' }] });
    expect(
      checkTransition(consultation, 'rejected', { decisionDate: '2023-06-27', comment: 'Kein Haushalt' }).ok,
    ).toBe(true);
    expect(checkTransition(consultation, 'deferred', { comment: '   ' })).toMatchObject({
      ok: false,
      issues: [{ path: 'comment', message: 'Bitte einen Grund für die Zurückstellung angeben.' }],
    });
    expect(checkTransition(consultation, 'deferred', { comment: 'Haushaltssperre' })).toEqual({
      ok: true,
      to: 'deferred',
      deferredFrom: 'in_consultation',
    });
    // Legality is checked before completeness: an illegal move never asks for data.
    expect(checkTransition({ status: 'idea', deferredFrom: null }, 'decided', {})).toMatchObject({
      reason: 'illegal',
    });
  });
});

describe('corrections', () => {
  const at = (status: MeasureStatus, deferredFrom: MeasureStatus | null = null) => ({ status, deferredFrom });

  it('offers every earlier main-line state and nothing else', () => {
    expect(correctionTargets(at('idea'))).toEqual([]);
    expect(correctionTargets(at('recommended'))).toEqual(['idea']);
    expect(correctionTargets(at('decided'))).toEqual(['idea', 'recommended', 'planned', 'in_consultation']);
    expect(correctionTargets(at('evaluated'))).toEqual([
      'idea',
      'recommended',
      'planned',
      'in_consultation',
      'decided',
      'in_implementation',
      'completed',
    ]);
    // Rejected is decided in consultation: back to consultation or before.
    expect(correctionTargets(at('rejected'))).toEqual(['idea', 'recommended', 'planned', 'in_consultation']);
    // Deferred stands after the state it left, which is a correction target too.
    expect(correctionTargets(at('deferred', 'recommended'))).toEqual(['idea', 'recommended']);
    expect(correctionTargets(at('deferred', null))).toEqual([]);
    for (const status of MEASURE_STATUSES) {
      for (const to of correctionTargets(at(status, status === 'deferred' ? 'planned' : null))) {
        expect(['rejected', 'deferred']).not.toContain(to);
      }
    }
  });

  it('refuses a correction forward, sideways or to the same state', () => {
    for (const to of ['decided', 'in_implementation', 'rejected', 'deferred'] as const) {
      expect(checkCorrection(at('decided'), to, 'Versehen')).toMatchObject({
        ok: false,
        reason: 'illegal',
        allowed: ['idea', 'recommended', 'planned', 'in_consultation'],
      });
    }
  });

  it('requires a reason', () => {
    for (const reason of [undefined, null, '', '  \n ']) {
      expect(checkCorrection(at('planned'), 'recommended', reason)).toEqual({
        ok: false,
        reason: 'incomplete',
        message: 'Für eine Korrektur fehlt der Grund.',
        issues: [{ path: 'comment', message: 'Bitte einen Grund für die Korrektur angeben.' }],
      });
    }
    // Legality first: an illegal correction never asks for a reason.
    expect(checkCorrection(at('idea'), 'planned', '')).toMatchObject({ reason: 'illegal' });
  });

  it('clears the deferral and keeps the decision only at or after decided', () => {
    expect(checkCorrection(at('deferred', 'planned'), 'recommended', 'Falsch zurückgestellt')).toEqual({
      ok: true,
      to: 'recommended',
      deferredFrom: null,
      keepsDecision: false,
    });
    expect(checkCorrection(at('completed'), 'decided', 'Umsetzung nicht begonnen')).toMatchObject({
      ok: true,
      keepsDecision: true,
    });
    expect(checkCorrection(at('completed'), 'in_implementation', 'noch nicht fertig')).toMatchObject({
      keepsDecision: true,
    });
    expect(checkCorrection(at('rejected'), 'in_consultation', 'falsche Vorlage')).toMatchObject({
      keepsDecision: false,
    });
    expect(correctionKeepsDecision('in_consultation')).toBe(false);
  });
});
