import { describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  isJoinCodeShape,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  joinCodeFromRandom,
  normaliseJoinCode,
} from './code.ts';
import { randomBytes } from 'node:crypto';

describe('join codes', () => {
  it('has no characters people confuse when reading from a projector', () => {
    for (const confusable of '0O1IL2Z5SBUV') expect(JOIN_CODE_ALPHABET).not.toContain(confusable);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH).toBeGreaterThan(1e9);
  });

  it('generates codes of the alphabet, every character about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const code = joinCodeFromRandom((size) => randomBytes(size));
      expect(isJoinCodeShape(code)).toBe(true);
      for (const char of code) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    const expected = (3000 * JOIN_CODE_LENGTH) / JOIN_CODE_ALPHABET.length;
    for (const char of JOIN_CODE_ALPHABET) {
      expect(counts.get(char)).toBeGreaterThan(expected * 0.8);
      expect(counts.get(char)).toBeLessThan(expected * 1.2);
    }
  });

  it('skips bytes that would favour some characters', () => {
    // 240..255 would map onto the first 16 characters twice as often: they must be dropped.
    let call = 0;
    const code = joinCodeFromRandom((size) => {
      call++;
      return new Uint8Array(size).fill(call === 1 ? 250 : 1);
    });
    expect(code).toBe(JOIN_CODE_ALPHABET[1]!.repeat(JOIN_CODE_LENGTH));
  });

  it('accepts what people type: lower case, spaces, the dash of the printed form', () => {
    const code = 'ACDEFG34';
    expect(formatJoinCode(code)).toBe('ACDE-FG34');
    expect(normaliseJoinCode(' acde-fg34 ')).toBe(code);
    expect(normaliseJoinCode('ACDE FG34')).toBe(code);
    expect(isJoinCodeShape(normaliseJoinCode('acde-fg3'))).toBe(false);
    expect(isJoinCodeShape('ACDEFG30')).toBe(false);
  });
});
