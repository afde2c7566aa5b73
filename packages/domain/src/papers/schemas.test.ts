import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { formatEuroCents, formatGermanDate, sortConsultations } from './format.ts';
import { paperTitle } from './labels.ts';
import {
  consultationResultInputSchema,
  createPaperInputSchema,
  paperDocumentSchema,
  updatePaperInputSchema,
} from './schemas.ts';

function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const COMMITTEE = '11111111-1111-4111-8111-111111111111';

describe('createPaperInputSchema', () => {
  it('accepts the contract body and fills defaults', () => {
    const input = createPaperInputSchema.parse({
      type: 'beschlussvorlage',
      subject: 'Netzwerkkoordination',
      decisionProposal: ['Die Verwaltung wird beauftragt.'],
      consultations: [{ committeeId: COMMITTEE, date: '2023-09-19', role: 'decision' }],
    });
    expect(input).toMatchObject({ measureIds: [], public: true, signatures: [], participatingOffices: [] });
  });

  it('explains wrong values in German', () => {
    expect(
      issues(createPaperInputSchema, {
        type: 'vorlage',
        subject: ' ',
        consultations: [{ committeeId: COMMITTEE, date: '19.09.2023', role: 'vote' }],
      }),
    ).toEqual([
      'type: Art muss beschlussvorlage, mitteilungsvorlage oder antrag sein.',
      'subject: Bitte einen Betreff angeben.',
      'consultations.0.date: Bitte ein Datum im Format JJJJ-MM-TT angeben.',
      'consultations.0.role: Rolle muss preliminary, decision oder information sein.',
    ]);
  });

  it('allows only one deciding committee', () => {
    const decision = { committeeId: COMMITTEE, date: '2023-09-19', role: 'decision' };
    expect(
      issues(createPaperInputSchema, { type: 'antrag', subject: 'x', consultations: [decision, decision] }),
    ).toEqual(['consultations: Höchstens ein Gremium darf entscheiden.']);
  });
});

describe('consultationResultInputSchema', () => {
  it('accepts the six results only', () => {
    expect(
      consultationResultInputSchema.safeParse({ result: 'decided_amended', date: '2023-09-19' }).success,
    ).toBe(true);
    expect(issues(consultationResultInputSchema, { result: 'passed', date: '2023-09-19' })[0]).toMatch(
      /^result: Ergebnis/,
    );
  });
});

describe('paperDocumentSchema', () => {
  it('rejects ids that would break OParl URLs', () => {
    expect(
      issues(paperDocumentSchema, {
        id: 'a/b',
        type: 'antrag',
        reference: '0745/2023',
        date: '2023-09-11',
        body: { id: 'hagen', name: 'Stadt Hagen' },
        originatingOffice: 'Fraktion',
        subject: 'Betreff',
      }),
    ).toEqual(['id: Die Kennung darf nur Buchstaben, Ziffern und . _ ~ - enthalten.']);
  });

  it('rejects a financial impact of an unknown kind', () => {
    const result = paperDocumentSchema.safeParse({
      id: 'p1',
      type: 'antrag',
      reference: '0745/2023',
      date: '2023-09-11',
      body: { id: 'hagen', name: 'Stadt Hagen' },
      originatingOffice: 'Fraktion',
      subject: 'Betreff',
      financialImpact: { kind: 'maybe' },
    });
    expect(result.error?.issues[0]?.message).toBe('Angabe muss none oder costs sein.');
  });
});

describe('formatting helpers', () => {
  it('formats dates, euros and titles the German way', () => {
    expect(formatGermanDate('2021-01-20')).toBe('20.01.2021');
    expect(formatEuroCents(1_234_567)).toBe('12.345,67 €');
    expect(formatEuroCents(5)).toBe('0,05 €');
    expect(paperTitle('beschlussvorlage', true)).toBe('ÖFFENTLICHE BESCHLUSSVORLAGE');
    expect(paperTitle('antrag', false)).toBe('NICHTÖFFENTLICHER ANTRAG');
  });

  it('orders the Beratungsfolge by position, then date', () => {
    const sorted = sortConsultations([
      { order: 2, date: '2021-01-01' },
      { order: 1, date: '2021-03-01' },
      { order: 1, date: '2021-02-01' },
    ]);
    expect(sorted.map((c) => c.date)).toEqual(['2021-02-01', '2021-03-01', '2021-01-01']);
  });
});

describe('justification as plain text', () => {
  const parse = (justification: unknown) =>
    createPaperInputSchema.safeParse({ type: 'antrag', subject: 'x', justification });

  it('splits paragraphs at blank lines and keeps single line breaks', () => {
    const result = parse('Erster Absatz\nzweite Zeile\n\n\nZweiter Absatz');
    expect(result.success && result.data.justification).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Erster Absatz' },
            { type: 'hardBreak' },
            { type: 'text', text: 'zweite Zeile' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Zweiter Absatz' }] },
      ],
    });
    expect(updatePaperInputSchema.safeParse({ justification: 'Neu' }).data?.justification).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Neu' }] }],
    });
  });

  it('still refuses what is neither text nor a valid document', () => {
    expect(issues(createPaperInputSchema, { type: 'antrag', subject: 'x', justification: 42 })).toEqual([
      'justification: Die Begründung muss Text oder Rich-Text (ein Dokument mit type "doc") sein.',
    ]);
    expect(parse(42).success).toBe(false);
    expect(parse({ type: 'doc', content: [{ type: 'script' }] }).success).toBe(false);
    expect(parse('x'.repeat(100_001)).success).toBe(false);
  });
});
