import { createPaperInputSchema } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { cents } from './form';

describe('euro amounts in the paper form', () => {
  it.each([
    ['1.250', 125_000],
    ['1.250,50', 125_050],
    ['8500', 850_000],
    ['8.500 €', 850_000],
    ['0,99', 99],
  ])('reads %j as %i cents', (text, expected) => {
    expect(cents(text)).toBe(expected);
  });

  it('leaves an empty field out', () => {
    expect(cents('  ')).toBeUndefined();
  });

  it('turns unreadable text into an error next to the field, never into a wrong amount', () => {
    expect(cents('ca. 5000')).toBeNaN();
    const result = createPaperInputSchema.safeParse({
      type: 'beschlussvorlage',
      subject: 'Betreff',
      decisionProposal: ['Punkt'],
      consultations: [],
      financialImpact: { kind: 'costs', oneOffCents: cents('ca. 5000') },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'financialImpact.oneOffCents',
      'Bitte einen Betrag in Euro angeben, z. B. 1.250,50.',
    ]);
  });
});
