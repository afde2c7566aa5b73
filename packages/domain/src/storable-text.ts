/**
 * Text that cannot be stored as it is: half of a UTF-16 surrogate pair (shown to everyone as a
 * broken character) or NUL (PostgreSQL refuses it in `text`). The API refuses both; text that
 * arrives another way (a shared document) is repaired with {@link storableText} before storing.
 */
export type TextProblem = 'lone_surrogate' | 'nul';

// With the `u` flag a surrogate class matches only halves that are not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;
const NUL = '\u0000';

/** What keeps `text` from being stored, or null when it can be. */
export function textProblem(text: string): TextProblem | null {
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  if (text.includes(NUL)) return 'nul';
  return null;
}

/** `text` with every lone surrogate and NUL replaced by U+FFFD (the replacement character). */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replaceAll(NUL, '\uFFFD');
}
