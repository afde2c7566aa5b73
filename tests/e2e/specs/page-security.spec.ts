import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Response } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';

function expectPageHeaders(response: Response | null) {
  expect(response).toBeTruthy();
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

test('the login page, an app page and the 404 page carry the security headers', async ({ page }) => {
  expectPageHeaders(await page.goto('/login'));
  await login(page, ADMIN.email, ADMIN.password);
  expectPageHeaders(await page.goto('/massnahmen'));
  const missing = await page.goto('/gibt-es-nicht');
  expect(missing?.status()).toBe(404);
  expectPageHeaders(missing);
});

test('pages run under the policy without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await login(page, ADMIN.email, ADMIN.password);
  await page
    .getByRole('link', { name: /Maßnahmen/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
  expect(violations).toEqual([]);
});

test.describe('a page on another site', () => {
  let other: Server;
  let otherOrigin = '';

  test.beforeAll(async ({ baseURL }) => {
    other = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>fremd</title><iframe src="${baseURL}/verwaltung/benutzer"></iframe>`);
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });

  test.afterAll(() => new Promise<void>((done) => other.close(() => done())));

  test('cannot frame the user administration of a signed-in admin', async ({ page }) => {
    await login(page, ADMIN.email, ADMIN.password);
    await page.goto(`${otherOrigin}/`);
    const frame = page.frameLocator('iframe');
    // The frame never shows the page: the browser refuses it (an error page in its place).
    await expect(frame.getByRole('heading', { name: 'Benutzer' })).toHaveCount(0);
    await expect
      .poll(() =>
        page
          .frames()
          .find((f) => f !== page.mainFrame())
          ?.url(),
      )
      .not.toContain('/verwaltung/benutzer');
  });
});

test.describe('after login the page only goes on within the site', () => {
  for (const next of [
    '/%09/evil.example',
    '/%09%5Cevil.example',
    '/%0a/evil.example',
    '/%0d%0a%5C%5Cevil.example',
  ]) {
    test(`next=${next}`, async ({ page, baseURL }) => {
      const response = await page.goto(`/login?next=${next}`);
      expect(response?.status()).toBeLessThan(500);
      await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
      await page.getByLabel('Passwort').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin);
      // Already signed in: the login page sends the person on at once, again only within the site.
      const again = await page.goto(`/login?next=${next}`);
      expect(again?.status()).toBeLessThan(500);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    });
  }
});
