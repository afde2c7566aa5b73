/**
 * The test OpenID provider as a process of its own, for the browser tests (tests/e2e/playwright.config.ts
 * starts it beside the product): `tsx src/testing/oidc-issuer-process.ts`. Environment: OIDC_TEST_PORT
 * (its port on 127.0.0.1) and OIDC_TEST_PRODUCT_ORIGIN (where the product runs, for the redirect URIs).
 * The client and the people are those of tests/e2e/support/sso.ts.
 */
import { startTestIssuer } from './oidc-issuer.ts';

const port = Number(process.env.OIDC_TEST_PORT ?? 0);
const product = process.env.OIDC_TEST_PRODUCT_ORIGIN;
if (!product) throw new Error('OIDC_TEST_PRODUCT_ORIGIN fehlt');

const issuer = await startTestIssuer({
  port,
  clients: [
    {
      clientId: 'quartierplan-e2e',
      clientSecret: 'e2e-secret-of-the-quartierplan-client',
      redirectUris: [`${product}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [`${product}/login`],
    },
  ],
  accounts: [
    {
      sub: '5b0c7c1e-2f7a-4f3e-9a51-1c0c7f2d8e11',
      username: 'klara.sso',
      password: 'Klara-SSO-Passwort-2026',
      email: 'klara.sso@musterhausen.example',
      emailVerified: true,
      name: 'Klara Single',
      groups: ['/Musterhausen/qp-clerk', 'qp-sr-712-edit'],
    },
  ],
});
process.stdout.write(`test issuer listening: ${issuer.issuer}\n`);
const stop = () => void issuer.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
