import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  createMeasureInputSchema,
  isoDateSchema,
  listMeasuresQuerySchema,
  measureFiltersSchema,
  measureDashboardQuerySchema,
  transitionInputSchema,
  updateMeasureInputSchema,
} from './schemas.ts';
import { paperDateSchema } from '../papers/schemas.ts';

const SR = '11111111-1111-4111-8111-111111111111';

function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('measure schemas', () => {
  it('accepts the contract minimum and fills defaults', () => {
    expect(createMeasureInputSchema.parse({ title: ' Quartiersbüro ', sozialraumIds: [SR] })).toEqual({
      title: 'Quartiersbüro',
      sozialraumIds: [SR],
      cityWide: false,
      needIds: [],
    });
  });

  it('wants Sozialräume or city-wide, never both', () => {
    expect(issues(createMeasureInputSchema, { title: 'X' })).toEqual([
      'sozialraumIds: Bitte mindestens einen Sozialraum angeben oder die Maßnahme als stadtweit kennzeichnen.',
    ]);
    expect(issues(createMeasureInputSchema, { title: 'X', cityWide: true, sozialraumIds: [SR] })).toEqual([
      'sozialraumIds: Eine stadtweite Maßnahme nennt keine einzelnen Sozialräume.',
    ]);
    expect(issues(createMeasureInputSchema, { title: 'X', cityWide: true })).toEqual([]);
  });

  it('refuses wrong types, negative or sub-cent money, bad dates and reversed ranges in German', () => {
    expect(
      issues(createMeasureInputSchema, {
        title: 5,
        sozialraumIds: [SR, SR],
        costOneOff: -1,
        costYearly: 1.005,
        plannedStart: '2024-02-30',
        progress: 101,
        fundingSource: 'stiftung',
      }),
    ).toEqual([
      'title: Der Titel muss ein Text sein.',
      'costOneOff: Einmalige Kosten darf nicht negativ sein.',
      'costYearly: Jährliche Kosten hat höchstens zwei Nachkommastellen (Cent).',
      'fundingSource: Förderquelle muss eu, bund, land oder kommunal sein.',
      'plannedStart: Dieses Datum gibt es nicht.',
      'progress: Der Fortschritt ist eine ganze Zahl von 0 bis 100.',
      'sozialraumIds: Sozialräume doppelt angegeben.',
    ]);
    expect(
      issues(createMeasureInputSchema, {
        title: 'X',
        sozialraumIds: [SR],
        plannedStart: '2024-05-01',
        plannedEnd: '2024-04-30',
      }),
    ).toEqual(['plannedEnd: Das geplante Ende liegt vor dem geplanten Beginn.']);
    expect(
      issues(createMeasureInputSchema, { title: 'X', sozialraumIds: [SR], costOneOff: 12_500.5 }),
    ).toEqual([]);
  });

  it('wants at least one change in a patch', () => {
    expect(issues(updateMeasureInputSchema, {})).toEqual([': Keine Änderung angegeben.']);
    expect(issues(updateMeasureInputSchema, { progress: 40 })).toEqual([]);
  });

  it('checks transition input formats', () => {
    expect(issues(transitionInputSchema, { to: 'done' })).toEqual([
      'to: Status muss einer von idea, recommended, planned, in_consultation, decided, in_implementation, completed, evaluated, rejected, deferred sein.',
    ]);
    expect(
      issues(transitionInputSchema, { to: 'decided', paperReference: '745/23', decisionDate: '27.06.2023' }),
    ).toEqual([
      'decisionDate: Bitte ein Datum im Format JJJJ-MM-TT angeben.',
      'paperReference: Die Drucksachennummer hat die Form NNNN/JJJJ (z. B. 0745/2023).',
    ]);
  });

  it('reads list filters from repeated or comma-separated parameters', () => {
    expect(listMeasuresQuerySchema.parse({ status: 'idea,planned', fundingSource: ['eu', 'land'] })).toEqual({
      status: ['idea', 'planned'],
      fundingSource: ['eu', 'land'],
      limit: 50,
    });
    expect(measureFiltersSchema.parse({ sozialraumId: 'city' })).toEqual({ sozialraumId: 'city' });
    expect(listMeasuresQuerySchema.parse({ limit: '200', cursor: undefined })).toEqual({ limit: 200 });
    expect(issues(listMeasuresQuerySchema, { limit: '201' })).toEqual([
      'limit: limit darf höchstens 200 sein.',
    ]);
    expect(issues(listMeasuresQuerySchema, { status: 'idea,bogus' })).toHaveLength(1);
    expect(measureDashboardQuerySchema.parse({})).toEqual({ staleDays: 90 });
    expect(issues(measureDashboardQuerySchema, { staleDays: '0' })).toEqual([
      'staleDays: staleDays muss mindestens 1 sein.',
    ]);
  });
});

describe('dates', () => {
  it.each(['0000-01-01', '1899-12-31', '2200-01-01'])(
    'refuses %s as implausible, with a German message',
    (date) => {
      const result = isoDateSchema.safeParse(date);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Bitte ein Jahr zwischen 1900 und 2199 angeben.');
      expect(paperDateSchema.safeParse(date).success).toBe(false);
    },
  );

  it.each(['1900-01-01', '2026-03-18', '2199-12-31'])('accepts %s', (date) => {
    expect(isoDateSchema.safeParse(date).success).toBe(true);
    expect(paperDateSchema.safeParse(date).success).toBe(true);
  });
});
