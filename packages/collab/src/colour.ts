const PALETTE = ['#0f4c81', '#b5179e', '#2a9d8f', '#e76f51', '#6a4c93', '#1982c4', '#8ac926', '#ff595e'];

/**
 * A stable colour per user, so everyone sees the same person in the same colour: the server stamps it into
 * presence, the editor colours that person's suggestions with it (also when they are not here).
 */
export function colourFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}
