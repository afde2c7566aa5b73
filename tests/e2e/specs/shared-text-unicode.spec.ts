import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = { name: 'Emil Emoji', email: 'emil@musterhausen.example', password: 'Emils-Passwort-2026' };
const READER = { name: 'Resi Lesend', email: 'resi@musterhausen.example', password: 'Resis-Passwort-2026' };

const titleField = (page: Page) =>
  page
    .getByRole('list', { name: 'Bedarfsliste', exact: true })
    .getByRole('listitem')
    .first()
    .getByRole('textbox', { name: 'Titel des Bedarfs' });

test('changing one emoji in a need title reaches everyone whole, never as half a character', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId } = await setUpSozialraum(
    baseURL!,
    { code: '751', name: 'Haspe-Zentrum' },
    { editor: EDITOR, viewer: READER },
  );
  const emil = await openSozialraum(browser, EDITOR, sozialraumId, 'needs-sync-state');
  const admin = await openSozialraum(browser, ADMIN, sozialraumId, 'needs-sync-state');

  await emil.getByLabel('Neuer Bedarf').fill('Hallo 👋');
  await emil.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await expect(titleField(admin)).toHaveValue('Hallo 👋');

  // 👋 and 👍 share their first UTF-16 half: the edit must replace the whole emoji.
  await titleField(emil).fill('Hallo 👍');
  await expect(emil.getByTestId('needs-sync-state')).toContainText('Gespeichert');
  await expect(titleField(admin)).toHaveValue('Hallo 👍');
  await expect(titleField(emil)).toHaveValue('Hallo 👍');

  // After a reload both read the stored text, not only what their tab kept.
  await emil.reload();
  await expect(titleField(emil)).toHaveValue('Hallo 👍');
  await admin.reload();
  await expect(titleField(admin)).toHaveValue('Hallo 👍');
});
