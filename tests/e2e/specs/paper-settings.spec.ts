import { expect, request, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi } from '../support/measures.ts';
import { login } from '../support/session.ts';

const MEMBER = { email: 'mitglied-vorlagen@musterhausen.example', password: 'e2e-Mitglied-Passwort-2026' };

// The specs share one server: papers.spec.ts runs later and expects Hagen's default format again.
test.afterAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  const res = await api.put('/api/papers/settings', { data: { referenceFormat: 'NNNN/YYYY' } });
  expect(res.status(), await res.text()).toBe(200);
});

test('the admin switches to OO/SSS/YYYY; the next paper is numbered in that format', async ({
  browser,
  baseURL,
}) => {
  const page = await (await browser.newContext()).newPage();
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/verwaltung');
  await page.getByRole('link', { name: /Vorlagen-Einstellungen/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen-Einstellungen' })).toBeVisible();

  const year = new Date().getFullYear();
  const example = page.getByTestId('reference-example');
  await expect(page.getByRole('radio', { name: /NNNN\/YYYY/ })).toBeChecked();
  await expect(example).toHaveText(`Beispiel: 0745/${year}`);
  await page.getByRole('radio', { name: /OO\/SSS\/YYYY/ }).check();
  await expect(example).toHaveText(`Beispiel: 50/010/${year}`);
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(
    page.getByText(`Einstellungen gespeichert. Neue Vorlagen erhalten Nummern wie 50/010/${year}.`),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByRole('radio', { name: /OO\/SSS\/YYYY/ })).toBeChecked();

  const api = await adminApi(baseURL!);
  // Without an office number the format cannot be filled, and the API says which field to fix.
  const missing = await api.post('/api/papers', { data: { type: 'beschlussvorlage', subject: 'Ohne Amt' } });
  expect(missing.status()).toBe(400);
  expect(JSON.stringify(await missing.json())).toContain('originatingOffice');

  const created = await api.post('/api/papers', {
    data: {
      type: 'beschlussvorlage',
      subject: 'Angebotskatalog aller Unterstützungsangebote',
      originatingOffice: '50 Sozialamt',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const paper = (await created.json()) as { reference: string; date: string };
  expect(paper.reference).toMatch(new RegExp(`^50/\\d{3}/${paper.date.slice(0, 4)}$`));
});

test('members get no access to the paper settings, neither page nor API', async ({ browser, baseURL }) => {
  const api = await adminApi(baseURL!);
  const res = await api.post('/api/users', {
    data: { ...MEMBER, name: 'Mia Mitglied', role: 'member', memberships: [] },
  });
  expect(res.status(), await res.text()).toBe(201);

  const memberApi = await request.newContext({ baseURL: baseURL! });
  expect((await memberApi.post('/api/auth/login', { data: MEMBER })).status()).toBe(200);
  expect((await memberApi.get('/api/papers/settings')).status()).toBe(403);
  const put = await memberApi.put('/api/papers/settings', { data: { referenceFormat: 'OO/SSS/YYYY' } });
  expect(put.status()).toBe(403);

  const page = await (await browser.newContext()).newPage();
  await login(page, MEMBER.email, MEMBER.password);
  await page.goto('/verwaltung/vorlagen');
  await expect(page.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Einstellungen speichern' })).toHaveCount(0);
});
