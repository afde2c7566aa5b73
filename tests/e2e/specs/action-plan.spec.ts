import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = {
  name: 'Erika Editor',
  email: 'erika@musterhausen.example',
  password: 'Erikas-Passwort-2026',
};
const VIEWER = {
  name: 'Volker Viewer',
  email: 'volker@musterhausen.example',
  password: 'Volkers-Passwort-2026',
};

test('two people co-write the action plan; the viewer reads along but cannot type', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '713', name: 'Altenhagen/Eckesey-Süd' },
    { editor: EDITOR, viewer: VIEWER },
  );
  const admin = await openSozialraum(browser, ADMIN, sozialraumId);
  const editor = await openSozialraum(browser, EDITOR, sozialraumId);

  // Both see the template the server wrote once.
  for (const page of [admin, editor]) {
    await expect(
      page.getByRole('textbox', { name: 'Aktionsplan bearbeiten' }).getByRole('heading', { name: 'Bedarfe' }),
    ).toHaveCount(1);
  }
  await expect(editor.getByTestId('presence')).toHaveText('2 Personen bearbeiten gerade');
  await expect(editor.getByRole('list', { name: 'Wer gerade im Dokument ist' })).toContainText(
    'Administration',
  );

  const adminText = admin.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  await adminText.getByRole('heading', { name: 'Bedarfe' }).click();
  await admin.keyboard.press('End');
  await admin.keyboard.press('Enter');
  const started = Date.now();
  await admin.keyboard.type('Spielplatz an der Wehringhauser Straße');
  await expect(editor.getByText('Spielplatz an der Wehringhauser Straße')).toBeVisible({
    timeout: 1000 + 2000,
  });
  expect(Date.now() - started).toBeLessThan(4000);
  // The caret in the other browser carries the name from the server, not from the client.
  await expect(editor.locator('.collaboration-carets__label', { hasText: 'Administration' })).toBeVisible();

  // Undo takes back only one's own changes.
  const editorText = editor.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  await editorText.getByRole('heading', { name: 'Maßnahmen' }).click();
  await editor.keyboard.press('End');
  await editor.keyboard.press('Enter');
  await editor.keyboard.type('Erikas Zeile');
  await expect(adminText.getByText('Erikas Zeile')).toBeVisible();
  for (let i = 0; i < 20 && (await adminText.getByText('Spielplatz', { exact: false }).count()) > 0; i++) {
    await admin
      .getByRole('toolbar', { name: 'Formatierung' })
      .getByRole('button', { name: 'Rückgängig' })
      .click();
  }
  await expect(editorText.getByText('Spielplatz', { exact: false })).toHaveCount(0);
  await expect(adminText.getByText('Erikas Zeile')).toBeVisible();
  await expect(editorText.getByText('Erikas Zeile')).toBeVisible();
  await admin
    .getByRole('toolbar', { name: 'Formatierung' })
    .getByRole('button', { name: 'Wiederholen' })
    .click();

  const viewer = await openSozialraum(browser, VIEWER, sozialraumId);
  await expect(viewer.getByTestId('sync-state')).toContainText('Nur Lesezugriff');
  await expect(viewer.getByText('Erikas Zeile')).toBeVisible();
  await expect(viewer.getByRole('textbox', { name: 'Aktionsplan bearbeiten' })).toHaveAttribute(
    'contenteditable',
    'false',
  );
  await expect(viewer.getByRole('toolbar')).toHaveCount(0);
  await api.dispose();
});
