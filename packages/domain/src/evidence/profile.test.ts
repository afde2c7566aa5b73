import { describe, expect, it } from 'vitest';
import { formatFigure, profileExportQuerySchema } from './profile.ts';

describe('formatFigure', () => {
  it('writes figures the German way with the indicator’s decimals and unit', () => {
    expect(formatFigure({ value: 196434, suppressed: false }, 0)).toBe('196.434');
    expect(formatFigure({ value: 10.05, suppressed: false }, 1, '%')).toBe('10,1 %');
    expect(formatFigure({ value: 1234.5, suppressed: false }, 2, '', 'en')).toBe('1,234.50');
  });

  it('shows a suppressed figure as "•" and a missing one as "–"', () => {
    expect(formatFigure({ value: null, suppressed: true }, 0)).toBe('•');
    expect(formatFigure(null, 0)).toBe('–');
  });
});

describe('profileExportQuerySchema', () => {
  it('takes pdf and docx only', () => {
    expect(profileExportQuerySchema.parse({ format: 'docx' })).toEqual({ format: 'docx' });
    expect(profileExportQuerySchema.safeParse({ format: 'xlsx' }).error?.issues[0]?.message).toBe(
      'Format muss pdf oder docx sein.',
    );
  });
});
