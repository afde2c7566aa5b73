import { describe, expect, it } from 'vitest';
import { landingPath, mayOpenAdministration, safeNext } from './navigation';

describe('safeNext', () => {
  it('follows same-site paths after login', () => {
    expect(safeNext('/verwaltung/benutzer?x=1')).toBe('/verwaltung/benutzer?x=1');
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    // Browsers drop tabs and newlines in URLs and read `\` as `/`: each of these means //evil.example.
    '/\t/evil.example',
    '/\t\\evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\\/evil.example',
  ])('falls back to the start page for %s', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('answers the path as the browser reads it, so no control character reaches the Location header', () => {
    expect(safeNext('/massnahmen\n?x=1')).toBe('/massnahmen?x=1');
    expect(safeNext('/vorlagen#liste')).toBe('/vorlagen#liste');
    expect(safeNext('/sozialraeume/ä')).toBe('/sozialraeume/%C3%A4');
  });
});

describe('mayOpenAdministration', () => {
  it('opens everything to admins, the Sitzungen to clerks, nothing to members', () => {
    expect(mayOpenAdministration('admin', '/verwaltung/benutzer')).toBe(true);
    expect(mayOpenAdministration('clerk', '/verwaltung/sitzungen')).toBe(true);
    expect(mayOpenAdministration('clerk', '/verwaltung')).toBe(false);
    expect(mayOpenAdministration('clerk', '/verwaltung/benutzer')).toBe(false);
    expect(mayOpenAdministration('clerk', '/verwaltung/sitzungenx')).toBe(false);
    expect(mayOpenAdministration('member', '/verwaltung/sitzungen')).toBe(false);
  });
});

describe('landingPath', () => {
  it('leads each role to its work', () => {
    expect(landingPath('clerk')).toBe('/vorlagen');
    expect(landingPath('admin')).toBe('/massnahmen/dashboard');
    expect(landingPath('member')).toBe('/sozialraeume');
  });
});
