/**
 * Drucksachennummer formats: `NNNN/YYYY` as in Hagen (`0745/2023`), and `OO/SSS/YYYY` as in Haan
 * (`50/010/2018`: office, sequence, year).
 */
export const REFERENCE_FORMATS = ['NNNN/YYYY', 'OO/SSS/YYYY'] as const;
export type ReferenceFormat = (typeof REFERENCE_FORMATS)[number];

/** The format a body uses unless it chose another. */
export const DEFAULT_REFERENCE_FORMAT: ReferenceFormat = 'NNNN/YYYY';

/** The parts a Drucksachennummer is made of. */
export interface ReferenceParts {
  /** Running number within the body and year, starting at 1. */
  sequence: number;
  /** Four-digit year. */
  year: number;
  /** Office number (e.g. 50 for the Sozialamt); required by `OO/SSS/YYYY`. */
  office?: number;
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/**
 * Formats a Drucksachennummer. Numbers wider than their field are kept whole rather than cut, so that the
 * 10,000th paper of a year still gets a unique reference.
 */
export function formatReference(format: ReferenceFormat, parts: ReferenceParts): string {
  assertPositiveInteger(parts.sequence, 'sequence');
  if (!Number.isSafeInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    throw new RangeError(`year must have four digits, got ${parts.year}`);
  }
  if (format === 'NNNN/YYYY') return `${String(parts.sequence).padStart(4, '0')}/${parts.year}`;
  if (parts.office === undefined) throw new RangeError('the format OO/SSS/YYYY needs an office number');
  assertPositiveInteger(parts.office, 'office');
  return `${String(parts.office).padStart(2, '0')}/${String(parts.sequence).padStart(3, '0')}/${parts.year}`;
}

const PATTERNS: Readonly<Record<ReferenceFormat, RegExp>> = {
  'NNNN/YYYY': /^(\d{4,})\/(\d{4})$/,
  'OO/SSS/YYYY': /^(\d{2,})\/(\d{3,})\/(\d{4})$/,
};

/** Reads a Drucksachennummer back into its parts; `null` when it does not have the given format. */
export function parseReference(format: ReferenceFormat, reference: string): ReferenceParts | null {
  const match = PATTERNS[format].exec(reference.trim());
  if (!match) return null;
  const numbers = match.slice(1).map(Number);
  if (format === 'NNNN/YYYY') {
    const [sequence = 0, year = 0] = numbers;
    return sequence >= 1 ? { sequence, year } : null;
  }
  const [office = 0, sequence = 0, year = 0] = numbers;
  return sequence >= 1 && office >= 1 ? { office, sequence, year } : null;
}
