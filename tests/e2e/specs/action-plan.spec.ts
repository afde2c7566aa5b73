import { expect, request, test } from '@playwright/test';
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
  await admin.keyboard.type('Spielplatz an der Wehringhauser Straße');
  // The last keystroke reaches the other browser promptly (measured from when typing ends: typing 38
  // characters through the browser protocol alone takes seconds when CI's cores are busy).
  const typed = Date.now();
  await expect(editor.getByText('Spielplatz an der Wehringhauser Straße')).toBeVisible({ timeout: 3000 });
  expect(Date.now() - typed).toBeLessThan(3000);
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

test('tables and links written in one browser arrive in the other as tables and links', async ({
  browser,
  baseURL,
}) => {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  const created = await api.post('/api/sozialraeume', { data: { code: '722', name: 'Vorhalle' } });
  const { id } = (await created.json()) as { id: string };
  await api.dispose();
  const [laptop, projector] = [
    await openSozialraum(browser, ADMIN, id),
    await openSozialraum(browser, ADMIN, id),
  ];
  const text = laptop.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  const toolbar = laptop.getByRole('toolbar', { name: 'Formatierung' });
  await text.getByRole('heading', { name: 'Ressourcenplanung' }).click();
  await laptop.keyboard.press('End');
  await laptop.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Tabelle' }).click();
  await laptop.keyboard.type('Personal');
  await laptop.keyboard.press('Tab');
  await laptop.keyboard.type('0,5 Stellen');
  await toolbar.getByRole('button', { name: 'Zeile einfügen' }).click();
  const shown = projector.getByRole('textbox', { name: 'Aktionsplan bearbeiten' }).locator('table');
  // (The laptop's caret, with its name label, sits in the second cell.)
  await expect(shown.locator('th').first()).toHaveText('Personal');
  await expect(shown.locator('th').nth(1)).toContainText('0,5 Stellen');
  await expect(shown.locator('th')).toHaveCount(3);
  await expect(shown.locator('tr')).toHaveCount(4);

  await text.getByRole('heading', { name: 'Ziele und Zielerreichung' }).click();
  await laptop.keyboard.press('End');
  await laptop.keyboard.press('Enter');
  await laptop.keyboard.press('Control+k');
  await laptop.getByLabel('Adresse des Links').fill('javascript:alert(1)');
  await laptop.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(laptop.getByText('Bitte eine gültige Adresse eingeben')).toBeVisible();
  await laptop.getByLabel('Adresse des Links').fill('www.hagen.de/sozialplanung');
  await laptop.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(
    projector
      .getByRole('textbox', { name: 'Aktionsplan bearbeiten' })
      .getByRole('link', { name: 'www.hagen.de/sozialplanung' }),
  ).toHaveAttribute('href', 'https://www.hagen.de/sozialplanung');
});
