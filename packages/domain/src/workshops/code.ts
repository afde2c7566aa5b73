/**
 * Join codes of workshops. People type them from a projector at the back of a room, so the
 * alphabet leaves out what is easily confused (0/O, 1/I/L, 2/Z, 5/S, U/V, and B beside 8): 24 characters,
 * 8 of them give 24⁸ ≈ 1.1·10¹¹ codes, far beyond what throttled guessing can reach.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY346789';
export const JOIN_CODE_LENGTH = 8;

/** Shown and printed in two groups of four (`ACDE-FG34`); typed with or without the dash. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as the stored code: upper case, without spaces and dashes. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCodeShape(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return false;
  return true;
}

/**
 * A join code from random bytes (the caller supplies them: crypto.getRandomValues). Rejection
 * sampling keeps every character equally likely: bytes ≥ 240 (the largest multiple of 24) are skipped.
 */
export function joinCodeFromRandom(random: (size: number) => Uint8Array): string {
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of random(JOIN_CODE_LENGTH * 2)) {
      if (byte < limit && code.length < JOIN_CODE_LENGTH)
        code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
    }
  }
  return code;
}
