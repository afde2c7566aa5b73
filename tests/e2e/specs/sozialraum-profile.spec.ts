import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createMeasure, createSozialraum } from '../support/measures.ts';
import { login } from '../support/session.ts';

// The profile on the Sozialraum page: key figures with the city comparison, the time series and the age
// structure (Chart.js, each with its table), needs and measures, the PDF/DOCX export; empty before any import.

/** The page's policy violations as the console reports them (Chart.js must draw without any). */
function watchPolicy(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .include('[data-testid="profile"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

/** The section fits a phone's 360 px: nothing wider than the screen. */
async function expectFitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page
    .getByTestId('profile')
    .evaluate((section) => section.scrollWidth - section.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

test('a Sozialraum without indicators says how to get them and lists its measures', async ({
  page,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const id = await createSozialraum(api, 'PR-LEER', 'Profil ohne Zahlen');
  await createMeasure(api, { title: 'Stadtteilfest im Profil', sozialraumIds: [id] }, ['recommended']);
  await api.dispose();

  const violations = watchPolicy(page);
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto(`/sozialraeume/${id}`);
  const profile = page.getByTestId('profile');
  await expect(profile.getByRole('heading', { level: 2, name: 'Profil' })).toBeVisible();
  await expect(
    profile.getByText('Noch keine Kennzahlen: Tabellen unter Indikatoren importieren'),
  ).toBeVisible();
  await expect(profile.getByRole('link', { name: 'Stadtteilfest im Profil' })).toBeVisible();
  await expect(profile.getByText('Handlungsempfehlung')).toBeVisible();
  await expectNoSeriousViolations(page, 'empty profile');
  await expectFitsPhone(page);
  expect(violations).toEqual([]);
});

async function createIndicator(api: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const res = await api.post('/api/indicators', { data });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function postValues(
  api: APIRequestContext,
  indicatorId: string,
  values: { sozialraumId?: string; date: string; value: number }[],
): Promise<void> {
  const res = await api.post(`/api/indicators/${indicatorId}/values`, { data: { values } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

// Needs `POST /api/indicators` and `POST /api/indicators/:id/values` (docs/CONTRACT.md), built beside this
// profile: enable once they are merged.
test('the profile shows key figures with the city, a series, the age structure, and exports', async ({
  page,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const id = await createSozialraum(api, 'PR-AH', 'Profil Altenhagen');
  const total = await createIndicator(api, { name: 'Profil Einwohner', kind: 'count', topic: 'Bevölkerung' });
  const young = await createIndicator(api, { name: 'Profil unter 18', kind: 'count', partOf: total });
  const old = await createIndicator(api, { name: 'Profil ab 18', kind: 'count', partOf: total });
  const rate = await createIndicator(api, {
    name: 'Profil SGB II-Quote',
    kind: 'rate',
    unit: '%',
    precision: 1,
  });
  await postValues(api, total, [
    { sozialraumId: id, date: '2022-12-31', value: 13020 },
    { sozialraumId: id, date: '2023-04-30', value: 13137 },
    { date: '2023-04-30', value: 196434 },
  ]);
  await postValues(api, young, [{ sozialraumId: id, date: '2023-04-30', value: 2400 }]);
  await postValues(api, old, [{ sozialraumId: id, date: '2023-04-30', value: 10737 }]);
  await postValues(api, rate, [
    { sozialraumId: id, date: '2022-12-31', value: 22.5 },
    { sozialraumId: id, date: '2023-04-30', value: 21.3 },
    { date: '2023-04-30', value: 14.2 },
  ]);
  await api.dispose();

  const violations = watchPolicy(page);
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto(`/sozialraeume/${id}`);
  const profile = page.getByTestId('profile');
  const card = profile
    .getByTestId('key-figures')
    .getByRole('listitem')
    .filter({ hasText: 'Profil Einwohner' });
  await expect(card).toContainText('13.137');
  await expect(card).toContainText('Stadt: 196.434');
  await expect(card).toContainText('+117');

  await profile.getByLabel('Kennzahl').selectOption({ label: 'Profil SGB II-Quote' });
  const series = profile.getByRole('table', { name: 'Profil SGB II-Quote: Werte je Stichtag' });
  await expect(series).toContainText('22,5 %');
  await expect(profile.getByRole('img', { name: /Liniendiagramm: Profil SGB II-Quote/ })).toBeVisible();
  const ages = profile.getByRole('table', { name: /Profil Einwohner nach Gruppen/ });
  await expect(ages.getByRole('row', { name: /Profil unter 18/ })).toContainText('2.400');

  const download = page.waitForEvent('download');
  await profile.getByRole('link', { name: 'Profil als PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/^Profil-PR-AH-\d{4}-\d{2}-\d{2}\.pdf$/);

  await expectNoSeriousViolations(page, 'profile with figures');
  await expectFitsPhone(page);
  expect(violations).toEqual([]);
});
