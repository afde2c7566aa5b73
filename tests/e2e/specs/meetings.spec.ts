import { expect, request, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';

test('an admin schedules a meeting and deletes it only after confirming', async ({ page, baseURL }) => {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  await api.post('/api/committees', { data: { name: 'Bezirksvertretung Eilpe/Dahl', kind: 'district' } });
  await api.dispose();

  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/verwaltung/sitzungen');
  await page.getByLabel('Gremium').selectOption({ label: 'Bezirksvertretung Eilpe/Dahl' });
  await page.getByLabel('Datum').fill('2031-05-14');
  await page.getByLabel('Ort').fill('Rathaus an der Volme, Sitzungssaal');
  await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await expect(page.getByText('Sitzung angelegt.')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Bezirksvertretung Eilpe/Dahl' });
  await expect(row).toContainText('14.05.2031');

  // A stray click does not delete: the dialog asks, and "Abbrechen" keeps the meeting.
  await row.getByRole('button', { name: 'Sitzung am 14.05.2031 löschen' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Sitzung löschen' });
  await expect(dialog).toContainText('14.05.2031 – Bezirksvertretung Eilpe/Dahl');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Sitzung am 14.05.2031 löschen' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sitzung löschen' }).click();
  await expect(page.getByText('Sitzung gelöscht.')).toBeVisible();
  await expect(row).toHaveCount(0);
});
