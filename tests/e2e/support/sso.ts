/** The test OpenID provider the e2e run starts beside the product (apps/server/src/testing/oidc-issuer-process.ts). */
export const SSO = {
  providerName: 'Test-IdP',
  clientId: 'quartierplan-e2e',
  clientSecret: 'e2e-secret-of-the-quartierplan-client',
  /** In the provider's groups: `qp-clerk` (as a Keycloak group path) and `qp-sr-712-edit`. */
  person: { username: 'klara.sso', password: 'Klara-SSO-Passwort-2026', name: 'Klara Single' },
};
