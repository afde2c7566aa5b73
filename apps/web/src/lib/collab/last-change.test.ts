import { describe, expect, it } from 'vitest';
import { latestChange } from './last-change';

const doc = (at: string | null, name: string | null = null) => ({
  id: crypto.randomUUID(),
  kind: 'needs' as const,
  lastChange: at ? { at, author: name ? { id: 'u', name } : null } : null,
});

describe('latestChange', () => {
  it('picks the newest change of a Sozialraum’s documents', () => {
    expect(
      latestChange([doc('2026-03-12T10:00:00.000Z', 'Anna'), doc('2026-03-12T11:30:00.000Z', 'Ben')]),
    ).toEqual({ at: '2026-03-12T11:30:00.000Z', author: { id: 'u', name: 'Ben' } });
  });

  it('is empty when nothing was ever stored', () => {
    expect(latestChange([doc(null), doc(null)])).toBeNull();
    expect(latestChange([doc(null), doc('2026-03-12T10:00:00.000Z')])?.author).toBeNull();
  });
});
