import { describe, expect, it } from 'vitest';
import { indicatorInputSchema, updateIndicatorInputSchema, updateOfferInputSchema } from './dto.ts';

describe('evidence patches', () => {
  it('change only the fields they name (no defaults fill the others in)', () => {
    expect(updateIndicatorInputSchema.parse({ name: 'SGB II-Quote' })).toEqual({ name: 'SGB II-Quote' });
    expect(updateIndicatorInputSchema.parse({ precision: 1 })).toEqual({ precision: 1 });
    expect(updateOfferInputSchema.parse({ published: true })).toEqual({ published: true });
    // Creating still fills them in.
    expect(indicatorInputSchema.parse({ name: 'X', kind: 'rate' })).toMatchObject({ unit: '', precision: 0 });
  });

  it('still validate what they are given', () => {
    expect(updateIndicatorInputSchema.safeParse({ kind: 'sum' }).success).toBe(false);
    expect(updateIndicatorInputSchema.safeParse({ name: '' }).success).toBe(false);
    expect(updateOfferInputSchema.safeParse({ location: { lat: 91, lon: 0 } }).success).toBe(false);
  });
});
