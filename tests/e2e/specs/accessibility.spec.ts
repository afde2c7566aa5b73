import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';

const MESSAGE = 'Im Anmeldeformular ist der Fokus auf dem Knopf kaum zu sehen.';

test('a visitor without login reports a barrier from the footer; the admin edits the statement and reads it', async ({
  browser,
}) => {
  const visitor = await (await browser.newContext()).newPage();
  // The footer is on every page, the 404 page of a visitor included.
  await visitor.goto('/gibt-es-nicht');
  await expect(visitor.getByRole('contentinfo').getByRole('link', { name: 'Barriere melden' })).toBeVisible();

  await visitor.goto('/login');
  await visitor.getByRole('contentinfo').getByRole('link', { name: 'Barriere melden' }).click();
  await expect(
    visitor.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }),
  ).toBeVisible();
  await expect(visitor.getByText('Diese Erklärung ist noch die Vorlage')).toBeVisible();
  await expect(visitor.getByRole('heading', { level: 2, name: 'Durchsetzungsverfahren' })).toBeVisible();
  // The page the person came from is filled in.
  await expect(visitor.getByLabel('Betroffene Seite (freiwillig)')).toHaveValue('/login');

  const send = visitor.getByRole('button', { name: 'Rückmeldung senden' });
  await send.click();
  const message = visitor.getByLabel('Ihre Nachricht');
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expect(visitor.locator('#message-error')).toHaveText(
    'Bitte beschreiben Sie, was Ihnen aufgefallen ist.',
  );
  await visitor.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('keine-adresse');
  await message.fill(MESSAGE);
  await send.click();
  await expect(visitor.locator('#email-error')).toContainText('gültige E-Mail-Adresse');
  await visitor.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('erika@example.de');
  await visitor.getByLabel('Name (freiwillig)').fill('Erika Muster');
  await send.click();
  await expect(visitor.getByText('Vielen Dank für Ihre Rückmeldung!')).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await login(admin, ADMIN.email, ADMIN.password);
  await admin.goto('/verwaltung');
  await admin.getByRole('link', { name: /^Barrierefreiheit/ }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Barrierefreiheit' })).toBeVisible();
  const entry = admin.getByRole('listitem').filter({ hasText: MESSAGE });
  await expect(entry).toContainText('Erika Muster');
  await expect(entry).toContainText('erika@example.de');
  await expect(entry).toContainText('/login');

  const statement = admin.getByLabel('Erklärung zur Barrierefreiheit', { exact: true });
  await statement.fill(
    '## Stand der Vereinbarkeit\nDiese Anwendung ist **teilweise** barrierefrei.\n\n- Kontakt: [Bürgerbüro](mailto:buergerbuero@musterhausen.example)\n\n<img src=x onerror=alert(1)>',
  );
  await admin.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.getByText('Gespeichert.')).toBeVisible();

  // Everyone sees the new statement; markup written into it stays text.
  await visitor.goto('/barrierefreiheit');
  await expect(visitor.getByRole('heading', { level: 2, name: 'Stand der Vereinbarkeit' })).toBeVisible();
  await expect(visitor.getByText('Diese Erklärung ist noch die Vorlage')).toHaveCount(0);
  await expect(visitor.getByRole('link', { name: 'Bürgerbüro' })).toHaveAttribute(
    'href',
    'mailto:buergerbuero@musterhausen.example',
  );
  await expect(visitor.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
  await expect(visitor.locator('main img')).toHaveCount(0);

  // The feedback holds personal data: the admin deletes it once dealt with.
  await entry.getByRole('button', { name: 'Löschen' }).click();
  await admin.getByRole('alertdialog').getByRole('button', { name: 'Löschen' }).click();
  await expect(admin.getByText('Rückmeldung gelöscht.')).toBeVisible();
  await expect(admin.getByText(MESSAGE)).toHaveCount(0);
  await expect(admin.getByText('Noch keine Rückmeldungen.')).toBeVisible();

  // The edit is in the audit log, in words.
  await admin.goto('/verwaltung/protokoll');
  await admin.getByLabel('Art').selectOption({ label: 'Einstellung geändert' });
  await admin.getByRole('button', { name: 'Filtern' }).click();
  await expect(admin).toHaveURL(/kind=settings_changed/);
  const row = admin.getByRole('row').filter({ hasText: 'Erklärung zur Barrierefreiheit' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Einstellung geändert');
});

test('the audit log page fits a phone and says when nothing matches', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const admin = await context.newPage();
  await login(admin, ADMIN.email, ADMIN.password);
  await admin.goto('/verwaltung/protokoll');
  await expect(admin.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
  await expect(admin.getByRole('row').filter({ hasText: 'Anmeldung' }).first()).toBeVisible();
  // Only the table scrolls sideways; the page itself does not.
  const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await admin.getByLabel('Bis (Datum)').fill('2020-01-01');
  await admin.getByRole('button', { name: 'Filtern' }).click();
  await expect(admin.getByText('Keine Einträge für diese Auswahl.')).toBeVisible();
  await admin.getByLabel('Von (Datum)').fill('2020-02-01');
  await admin.getByRole('button', { name: 'Filtern' }).click();
  await expect(
    admin.getByText('Das Enddatum (to) darf nicht vor dem Anfangsdatum (from) liegen.'),
  ).toBeVisible();
});
