import { expect, test } from '@playwright/test';
import { SSO } from '../support/sso.ts';

test('a person logs in through the OpenID provider, works with the role of their groups and logs out there too', async ({
  page,
}) => {
  await page.goto('/massnahmen');
  await expect(page).toHaveURL(/\/login\?next=%2Fmassnahmen/);
  await page.getByRole('link', { name: `Mit ${SSO.providerName} anmelden` }).click();

  // The provider's own login form.
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await page.getByLabel('Username or email').fill(SSO.person.username);
  await page.getByLabel('Password').fill(SSO.person.password);
  await page.getByRole('button', { name: 'Sign In' }).click();

  // Created just in time, back where the person wanted to go, as clerk (the provider's `qp-clerk` group).
  await expect(page).toHaveURL(/\/massnahmen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
  await expect(page.getByText(SSO.person.name, { exact: true })).toBeVisible();
  await expect(page.getByText('Gremienbetreuung · Stadt Musterhausen')).toBeVisible();

  // Logout ends the provider's session too (RP-initiated logout with its confirmation page).
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Do you want to sign out of Test-IdP?' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await page.goto('/massnahmen');
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('link', { name: `Mit ${SSO.providerName} anmelden` }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
});

test('a failed single sign-on is explained in German on the login page', async ({ page }) => {
  // A callback this browser never started (a forged or stale answer).
  await page.goto('/api/auth/oidc/callback?code=abc&state=von-woanders');
  await expect(page).toHaveURL(/\/login\?fehler=state$/);
  await expect(page.getByRole('alert')).toHaveText(
    'Die Anmeldung ist abgelaufen oder wurde nicht in diesem Browser begonnen. Bitte versuchen Sie es erneut.',
  );
  await expect(page.getByRole('link', { name: `Mit ${SSO.providerName} anmelden` })).toBeVisible();
});
