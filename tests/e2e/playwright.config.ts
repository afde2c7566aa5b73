import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN } from './support/accounts.ts';
import { SSO } from './support/sso.ts';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;
// The test OpenID provider listens on the next port (single sign-on journeys; passwords stay on for the rest).
const issuerURL = `http://127.0.0.1:${port + 1}`;

if (!existsSync(join(root, 'apps/web/build/handler.js'))) {
  throw new Error('Die Weboberfläche ist nicht gebaut: erst `pnpm build` ausführen.');
}

/** Debian's Chromium when present (no browser downloads on these machines), else Playwright's own. */
function systemChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => !!path && existsSync(path),
  );
}

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // A journey with three browsers takes 20–40 s alone; in CI the unit tests run beside the browsers on two
  // cores, so a journey gets twice that before it counts as hung.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'de-DE',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: systemChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      // A real OpenID provider (oidc-provider) with a login form, people and groups, for single sign-on.
      command: 'pnpm --filter @quartierplan/server exec tsx src/testing/oidc-issuer-process.ts',
      cwd: root,
      url: `${issuerURL}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { OIDC_TEST_PORT: String(port + 1), OIDC_TEST_PRODUCT_ORIGIN: baseURL },
    },
    {
      // The product as a newcomer starts it: one process, embedded database, fresh for every run.
      command: 'pnpm --filter @quartierplan/server start',
      cwd: root,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'qp-e2e-')),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        BODY_NAME: 'Stadt Musterhausen',
        LOG_LEVEL: 'warn',
        // Specs open contexts with browser.newContext(), which Playwright closes only when the worker's
        // browser closes: the admin's sockets from earlier specs stay open, past the default 20 per user.
        SYNC_MAX_CONNECTIONS_PER_USER: '500',
        OIDC_ISSUER_URL: issuerURL,
        OIDC_CLIENT_ID: SSO.clientId,
        OIDC_CLIENT_SECRET: SSO.clientSecret,
        OIDC_PROVIDER_NAME: SSO.providerName,
        OIDC_SCOPES: 'openid email profile groups',
      },
    },
  ],
});
