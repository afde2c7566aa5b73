import { expect, type Page } from '@playwright/test';

/**
 * Logs in through the login form, as a person would, and waits for the role's landing page (clerks: Vorlagen,
 * admins: the dashboard, members: Sozialräume).
 */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/(vorlagen|massnahmen\/dashboard|sozialraeume)$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
}
