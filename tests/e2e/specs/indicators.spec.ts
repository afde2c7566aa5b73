import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createSozialraum } from '../support/measures.ts';
import { login } from '../support/session.ts';

test.use({ actionTimeout: 15_000 });

const HAGEN_CSV = resolve(
  import.meta.dirname,
  '../../../apps/server/demo-data/hagen-einwohner-sozialraum-2023-04-30.csv',
);
const HAGEN = [
  ['IND-712', 'Wehringhausen-Ost/West/Villa Post'],
  ['IND-713', 'Altenhagen/Eckesey-Süd'],
  ['IND-716', 'Zentrum/Remberg'],
  ['IND-741', 'Eilpe/Delstern/Selbecke'],
  ['IND-753', 'Haspe-Zentrum'],
] as const;

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

test('an admin imports the Hagen population table, checks the preview, applies it and compares the Sozialräume', async ({
  browser,
  baseURL,
}) => {
  // The onboarding journey creates 712 itself: here the Sozialräume have their own codes and the table names
  // them by name (the statistics office's "712 Wehringhausen-…" cells without the number).
  const api = await adminApi(baseURL!);
  for (const [code, name] of HAGEN) await createSozialraum(api, code, name);
  await api.dispose();
  const csv = readFileSync(HAGEN_CSV, 'utf8').replace(/^\d{3} /gm, '');

  const page = await (await browser.newContext()).newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await login(page, ADMIN.email, ADMIN.password);
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Indikatoren' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Indikatoren' })).toBeVisible();
  await expectNoSeriousViolations(page, 'catalogue');

  await page.getByRole('link', { name: 'Tabelle einlesen' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tabelle einlesen' })).toBeVisible();
  await page.getByLabel('Datei').setInputFiles({
    name: 'einwohner.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'latin1'),
  });
  await page.getByLabel('Namenspräfix').fill('Einwohner E2E – ');
  await page.getByLabel('Einheit neuer Indikatoren').fill('Personen');

  // Without a reference date the table cannot be read: the issue stands next to the file field.
  await page.getByRole('button', { name: 'Prüfen' }).click();
  await expect(page.locator('#import-issues')).toContainText('Zeile 1');
  await expect(page.getByRole('button', { name: 'Übernehmen' })).toBeDisabled();
  await expect(page.getByLabel('Datei')).toHaveAttribute('aria-describedby', /import-issues/);

  await page.getByLabel('Stichtag').fill('30.04.2023');
  await page.getByRole('button', { name: 'Prüfen' }).click();
  await expect(page.getByText('48 neu, 0 geändert, 0 unverändert')).toBeVisible();
  const preview = page.getByRole('table', { name: /Was sich ändert/ });
  await expect(preview.getByRole('row').nth(1)).toContainText('Einwohner E2E – Männlich');
  await expect(preview.getByRole('row').nth(1)).toContainText('6.718');
  await expectNoSeriousViolations(page, 'import preview');

  await page.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByText('Übernommen: 48 neu, 0 geändert, 0 unverändert.')).toBeVisible();

  await page.goto('/indikatoren');
  await page.getByRole('link', { name: 'Einwohner E2E – Insgesamt' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Vergleich: Einwohner E2E – Insgesamt' }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /je Sozialraum am 30\.04\.2023/ })).toBeVisible();
  await expect(page.locator('canvas')).toBeVisible();
  const table = page.getByRole('table', { name: /Einwohner E2E – Insgesamt am/ });
  const rows = table.getByRole('row');
  // Ranked: Zentrum/Remberg (23.134) first, Haspe-Zentrum (8.822) last, then the city.
  await expect(rows.nth(1)).toContainText('IND-716 Zentrum/Remberg');
  await expect(rows.nth(1)).toContainText('23.134');
  await expect(rows.nth(5)).toContainText('IND-753 Haspe-Zentrum');
  await expect(rows.nth(6)).toContainText('Stadt insgesamt');
  await expect(rows.nth(6)).toContainText('196.434');
  await expectNoSeriousViolations(page, 'comparison view');

  // Phones: 360 px wide, nothing runs off the side.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await expect(table).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(360);

  // A count of 2 is never shown: "•" with the explanation, in the table and not as a bar.
  const writer = await adminApi(baseURL!);
  const small = await writer.post('/api/indicators', { data: { name: 'E2E Kleine Zahl', kind: 'count' } });
  expect(small.status(), await small.text()).toBe(201);
  const smallId = ((await small.json()) as { id: string }).id;
  const stored = await writer.post(`/api/indicators/${smallId}/values`, {
    data: {
      values: [
        { code: 'IND-712', date: '2024-12-31', value: 2 },
        { code: 'IND-713', date: '2024-12-31', value: 40 },
        { code: 'IND-716', date: '2024-12-31', value: 55 },
      ],
    },
  });
  expect(stored.status(), await stored.text()).toBe(200);
  await writer.dispose();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`/indikatoren/${smallId}`);
  const smallRows = page.getByRole('table', { name: /E2E Kleine Zahl am/ }).getByRole('row');
  await expect(smallRows.nth(1)).toContainText('IND-716');
  await expect(smallRows.nth(3)).toContainText('IND-712');
  await expect(smallRows.nth(3)).toContainText('•');
  await expect(smallRows.nth(3).getByRole('cell').last()).toHaveText(
    '•Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl)',
  );
  await expect(
    page.getByText('• = Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl).'),
  ).toBeVisible();
  await expectNoSeriousViolations(page, 'comparison view with a suppressed figure');

  expect(refused, 'CSP violations').toEqual([]);
});
