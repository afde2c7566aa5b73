import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './cross-origin.ts';

const SELF = 'https://quartierplan.hagen.de';

describe('isCrossOriginWrite', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('refuses %s from another origin', (method) => {
    expect(
      isCrossOriginWrite({
        method,
        origin: 'https://evil.example',
        secFetchSite: null,
        expectedOrigin: SELF,
      }),
    ).toBe(true);
  });

  it.each([
    ['a different scheme', 'http://quartierplan.hagen.de'],
    ['a different port', 'https://quartierplan.hagen.de:8443'],
    ['a sibling host', 'https://evil.hagen.de'],
    ['an opaque origin', 'null'],
  ])('treats %s as another origin', (_label, origin) => {
    expect(isCrossOriginWrite({ method: 'POST', origin, secFetchSite: null, expectedOrigin: SELF })).toBe(
      true,
    );
  });

  it('lets a write from the own origin through', () => {
    expect(
      isCrossOriginWrite({ method: 'POST', origin: SELF, secFetchSite: 'same-origin', expectedOrigin: SELF }),
    ).toBe(false);
  });

  it('trusts the Origin header over Sec-Fetch-Site when both are present', () => {
    expect(
      isCrossOriginWrite({
        method: 'POST',
        origin: 'https://evil.example',
        secFetchSite: 'same-origin',
        expectedOrigin: SELF,
      }),
    ).toBe(true);
  });

  it.each([
    ['cross-site', true],
    ['same-site', true],
    ['same-origin', false],
    ['none', false],
  ])('without Origin, decides by Sec-Fetch-Site: %s → %s', (secFetchSite, expected) => {
    expect(
      isCrossOriginWrite({ method: 'POST', origin: undefined, secFetchSite, expectedOrigin: SELF }),
    ).toBe(expected);
  });

  it('lets requests without any browser header through (not a browser, no ambient cookies)', () => {
    expect(
      isCrossOriginWrite({ method: 'POST', origin: null, secFetchSite: null, expectedOrigin: SELF }),
    ).toBe(false);
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('never refuses the safe method %s', (method) => {
    expect(
      isCrossOriginWrite({
        method,
        origin: 'https://evil.example',
        secFetchSite: 'cross-site',
        expectedOrigin: SELF,
      }),
    ).toBe(false);
  });
});
