import { describe, expect, it } from 'vitest';
import { rememberRefusal, takeRefusal } from './local-documents';

/** A Web Storage over a Map (what sessionStorage offers). */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('refusal notes across the reload after a refused change', () => {
  it('shows the refusal once, for the refused document only', () => {
    const storage = memoryStorage();
    rememberRefusal(storage, 'doc-a');
    expect(takeRefusal(storage, 'doc-b')).toBe(false);
    expect(takeRefusal(storage, 'doc-a')).toBe(true);
    // A second reload (or another tab later) does not show it again.
    expect(takeRefusal(storage, 'doc-a')).toBe(false);
  });
});
