import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login, logout } from '../support/session.ts';

const MEMBER = {
  name: 'Petra Fachkraft',
  email: 'petra@musterhausen.example',
  password: 'Petras-Passwort-2026',
};

async function createSozialraum(page: Page, code: string, name: string, stadtbezirk: string) {
  const form = page.getByRole('form', { name: 'Neuer Sozialraum' });
  await form.getByLabel('Kürzel').fill(code);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Stadtbezirk').fill(stadtbezirk);
  await form.getByRole('button', { name: 'Sozialraum anlegen' }).click();
  await expect(page.getByRole('status')).toHaveText('Sozialraum angelegt.');
  // Other specs may have created a Sozialraum of the same name (with "IND-712", say): the code, leading its
  // entry as a whole, tells them apart.
  const leadingCode = new RegExp(`^\\s*${code}(?![\\w-])`);
  await expect(
    page.getByRole('listitem').filter({ hasText: leadingCode }).filter({ hasText: name }),
  ).toBeVisible();
}

test('the admin sets up a Sozialraum and a member, who then sees only that Sozialraum', async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, ADMIN.email, ADMIN.password);

  await admin.getByRole('link', { name: 'Verwaltung' }).click();
  await admin
    .getByRole('main')
    .getByRole('link', { name: /Sozialräume/ })
    .click();
  await createSozialraum(admin, '712', 'Wehringhausen-Ost/West/Villa Post', 'Hagen-Mitte');
  await createSozialraum(admin, '753', 'Haspe-Zentrum', 'Haspe');

  // A duplicate code is refused next to the field.
  const form = admin.getByRole('form', { name: 'Neuer Sozialraum' });
  await form.getByLabel('Kürzel').fill('712');
  await form.getByLabel('Name').fill('Doppelt');
  await form.getByRole('button', { name: 'Sozialraum anlegen' }).click();
  await expect(form.getByLabel('Kürzel')).toHaveAccessibleDescription('Dieses Kürzel ist bereits vergeben.');

  await admin.goto('/verwaltung/benutzer');
  await admin.getByRole('button', { name: 'Neuer Benutzer' }).click();
  const userForm = admin.getByRole('form', { name: 'Neuer Benutzer' });
  await userForm.getByLabel('Name').fill(MEMBER.name);
  await userForm.getByLabel('E-Mail-Adresse').fill(MEMBER.email);
  await userForm.getByLabel('Passwort', { exact: true }).fill('zu-kurz');
  await userForm.getByLabel('Rolle').selectOption('member');
  await userForm.getByLabel('712 Wehringhausen-Ost/West/Villa Post', { exact: true }).selectOption('edit');
  await userForm.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(userForm.getByLabel('Passwort', { exact: true })).toHaveAccessibleDescription(
    /Das Passwort muss mindestens 12 Zeichen lang sein\./,
  );
  await userForm.getByLabel('Passwort', { exact: true }).fill(MEMBER.password);
  await userForm.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(admin.getByRole('status')).toHaveText('Benutzer angelegt.');
  await expect(admin.getByRole('link', { name: MEMBER.name })).toBeVisible();

  // Saving one form of the user page keeps what was typed into another and not saved yet.
  await admin.getByRole('link', { name: MEMBER.name }).click();
  const profile = admin.getByRole('form', { name: 'Stammdaten' });
  const access = admin.getByRole('form', { name: 'Zugriff auf Sozialräume' });
  await profile.getByLabel('Name').fill('Petra Fachkraft (Träger)');
  await access.getByLabel('753 Haspe-Zentrum', { exact: true }).selectOption('view');
  await access.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.getByRole('status')).toHaveText('Zugriffe gespeichert.');
  await expect(profile.getByLabel('Name')).toHaveValue('Petra Fachkraft (Träger)');
  await access.getByLabel('753 Haspe-Zentrum', { exact: true }).selectOption('');
  await access.getByRole('button', { name: 'Speichern' }).click();
  await expect(access.getByLabel('753 Haspe-Zentrum', { exact: true })).toHaveValue('');
  await expect(profile.getByLabel('Name')).toHaveValue('Petra Fachkraft (Träger)');
  await profile.getByLabel('Name').fill(MEMBER.name);
  await admin.goto('/verwaltung/benutzer');

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await login(member, MEMBER.email, MEMBER.password);
  const cards = member.getByRole('main').getByRole('listitem');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Wehringhausen-Ost/West/Villa Post');
  await expect(cards.first()).toContainText('Ihr Zugriff: Bearbeiten');
  await expect(member.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);

  await cards.first().getByRole('link').click();
  await expect(
    member.getByRole('heading', { level: 1, name: 'Wehringhausen-Ost/West/Villa Post' }),
  ).toBeVisible();
  await expect(member.getByRole('heading', { name: 'Aktionsplan' })).toBeVisible();
  await expect(member.getByRole('heading', { name: 'Bedarfsliste' })).toBeVisible();

  // The administration stays closed to members, however they get there.
  await member.goto('/verwaltung/benutzer');
  await expect(member.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();

  // The admin deactivates the member; the member's next step leads to the login.
  await admin.getByRole('link', { name: MEMBER.name }).click();
  await admin.getByRole('button', { name: 'Deaktivieren' }).click();
  await admin.getByRole('alertdialog').getByRole('button', { name: 'Deaktivieren' }).click();
  await expect(admin.getByRole('status')).toHaveText('Benutzer deaktiviert, alle Sitzungen beendet.');
  await member.goto('/sozialraeume');
  await expect(member).toHaveURL(/\/login/);

  await logout(admin);
  await adminContext.close();
  await memberContext.close();
});
