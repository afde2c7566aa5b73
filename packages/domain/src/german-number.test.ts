import { describe, expect, it } from 'vitest';
import { formatGermanInteger, parseGermanNumber } from './german-number.ts';

describe('parseGermanNumber', () => {
  it.each([
    ['13.137', 13_137],
    ['1.234.567', 1_234_567],
    ['7,9', 7.9],
    ['1.234,56', 1_234.56],
    ['0', 0],
    ['42', 42],
    ['12345', 12_345],
    ['-3,5', -3.5],
    ['-1.000', -1_000],
    ['  815 ', 815],
  ])('reads %j as %d', (text, expected) => {
    expect(parseGermanNumber(text)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    'abc',
    '-',
    '1.23',
    '1.2345',
    '12.34.567',
    '1234.567',
    '1,2,3',
    '1,',
    ',5',
    '7.9',
    '1e3',
    '+5',
    '—',
  ])('refuses %j', (text) => {
    expect(parseGermanNumber(text)).toBeNull();
  });
});

describe('formatGermanInteger', () => {
  it('groups thousands with dots, as the German messages print limits', () => {
    expect(formatGermanInteger(0)).toBe('0');
    expect(formatGermanInteger(999)).toBe('999');
    expect(formatGermanInteger(1000)).toBe('1.000');
    expect(formatGermanInteger(50000)).toBe('50.000');
    expect(formatGermanInteger(1234567)).toBe('1.234.567');
    expect(formatGermanInteger(1234567)).toBe((1234567).toLocaleString('de-DE'));
  });
});
