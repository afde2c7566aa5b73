import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';

test('the admin opens the API reference from the administration; it renders the OpenAPI document under its strict policy', async ({
  browser,
  baseURL,
}) => {
  const page = await (await browser.newContext()).newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== new URL(baseURL!).origin) outside.push(request.url());
  });

  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/verwaltung');
  await page.getByRole('link', { name: /API-Dokumentation/ }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  await expect(page).toHaveTitle('API-Dokumentation – Quartierplan');
  // Swagger UI parses the whole document in the browser: seconds of work when CI's cores are busy.
  await expect(page.getByRole('heading', { name: /Quartierplan API/ })).toBeVisible({ timeout: 30_000 });

  // Every section is listed (closed: Swagger UI stops drawing a list of more than about 130 operations
  // open at once); the Maßnahmen section opens with its operations, one of them with its parameters and answers.
  const document = (await (await page.request.get('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  const tags = new Set(
    Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((o) => o.tags ?? []),
    ),
  );
  expect(tags.size).toBeGreaterThan(19);
  await expect(page.locator('.opblock-tag')).toHaveCount(tags.size);
  await page.getByRole('heading', { level: 3, name: /Maßnahmen/ }).click();
  const operation = page.getByRole('button', {
    name: /GET \/api\/measures\/\{id\} Eine Maßnahme getApiMeasuresId/,
  });
  await operation.click();
  await expect(page.getByRole('heading', { name: 'Responses' })).toBeVisible();
  await expect(page.getByText('Die Maßnahme.')).toBeVisible();

  expect(refused, 'CSP violations').toEqual([]);
  expect(outside, 'requests to other origins').toEqual([]);
});
