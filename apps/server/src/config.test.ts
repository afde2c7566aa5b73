import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const sso = { OIDC_CLIENT_ID: 'quartierplan', OIDC_CLIENT_SECRET: 'geheim' };

describe('single sign-on configuration', () => {
  it('is off without OIDC_ISSUER_URL, with passwords on', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeUndefined();
    expect(config.localPasswords).toBe(true);
  });

  it('takes an https issuer with the defaults of the contract', () => {
    const config = loadConfig({ OIDC_ISSUER_URL: 'https://login.example.org/realms/stadt', ...sso });
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.org/realms/stadt',
      clientId: 'quartierplan',
      clientSecret: 'geheim',
      providerName: 'Single Sign-on',
      scopes: 'openid email profile',
      groupsClaim: 'groups',
      adminGroup: 'qp-admin',
      clerkGroup: 'qp-clerk',
      sozialraumGroupPrefix: 'qp-sr-',
      bodyName: undefined,
      jit: true,
      allowHttp: false,
    });
  });

  it.each(['http://127.0.0.1:8080', 'http://localhost:8080/realms/test', 'http://[::1]:8080'])(
    'allows plain http for the loopback issuer %s',
    (issuer) => {
      expect(loadConfig({ OIDC_ISSUER_URL: issuer, ...sso }).oidc?.allowHttp).toBe(true);
    },
  );

  it.each(['http://login.example.org', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.org'])(
    'refuses the plain http issuer %s',
    (issuer) => {
      expect(() => loadConfig({ OIDC_ISSUER_URL: issuer, ...sso })).toThrow(
        'OIDC_ISSUER_URL: muss https sein (http nur für 127.0.0.1 oder localhost)',
      );
    },
  );

  it('needs the client id and secret with an issuer', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://login.example.org' })).toThrow(
      /OIDC_CLIENT_ID: fehlt[\s\S]*OIDC_CLIENT_SECRET: fehlt/,
    );
  });

  it('turns local passwords off only when single sign-on is there to log in with', () => {
    expect(() => loadConfig({ LOCAL_PASSWORDS: 'off' })).toThrow(
      'LOCAL_PASSWORDS: off nur mit OIDC_ISSUER_URL',
    );
    const config = loadConfig({
      LOCAL_PASSWORDS: 'off',
      OIDC_ISSUER_URL: 'https://login.example.org',
      ...sso,
    });
    expect(config.localPasswords).toBe(false);
  });
});
