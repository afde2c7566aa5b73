import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login, logout } from '../support/session.ts';

test('a wrong password shows the German error next to the form and keeps the user out', async ({ page }) => {
  await page.goto('/sozialraeume');
  await expect(page).toHaveURL(/\/login\?next=%2Fsozialraeume/);
  await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
  await page.getByLabel('Passwort').fill('ganz-falsches-Passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
  await expect(page.getByLabel('Passwort')).toHaveValue('');
  await expect(page).toHaveURL(/\/login/);
});

test('too short input is explained at the field before anything is sent', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveAccessibleDescription(
    'Bitte die E-Mail-Adresse angeben.',
  );
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
});

test('login works with the keyboard alone and returns to the requested page', async ({ page }) => {
  await page.goto('/verwaltung');
  await page.getByLabel('E-Mail-Adresse').focus();
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung' })).toBeVisible();
  await logout(page);
  await page.goto('/sozialraeume');
  await expect(page).toHaveURL(/\/login/);
});

test('the session survives a reload and ends with logout', async ({ page }) => {
  await login(page, ADMIN.email, ADMIN.password);
  // An admin's work starts on the dashboard.
  await expect(page).toHaveURL(/\/massnahmen\/dashboard$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard Maßnahmen' })).toBeVisible();
  await logout(page);
});
