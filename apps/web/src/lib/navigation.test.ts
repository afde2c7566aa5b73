import { describe, expect, it } from 'vitest';
import { safeNext } from './navigation';

describe('safeNext', () => {
  it('follows same-site paths after login', () => {
    expect(safeNext('/verwaltung/benutzer?x=1')).toBe('/verwaltung/benutzer?x=1');
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])(
    'falls back to the start page for %s',
    (next) => {
      expect(safeNext(next)).toBe('/');
    },
  );
});
