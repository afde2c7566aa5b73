import { describe, expect, it } from 'vitest';
import { storableText, textProblem } from './storable-text.ts';

describe('storable text', () => {
  it('accepts whole characters: umlauts, emoji, flags, ZWJ sequences', () => {
    for (const text of ['Grüße', 'Hallo 👍🏽', '🇩🇪', '👨‍👩‍👧', '']) {
      expect(textProblem(text)).toBeNull();
      expect(storableText(text)).toBe(text);
    }
  });

  it('names half an emoji and NUL, and replaces each with U+FFFD', () => {
    expect(textProblem('Hallo \ud83d')).toBe('lone_surrogate');
    expect(textProblem('\udc4d Hallo')).toBe('lone_surrogate');
    expect(textProblem('Kita\u0000')).toBe('nul');
    expect(storableText('\udc4dA\u0000B\ud83d👍')).toBe('\uFFFDA\uFFFDB\uFFFD👍');
  });
});
