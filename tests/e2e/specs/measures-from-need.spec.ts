import { expect, test } from '@playwright/test';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = { name: 'Nora Netzwerk', email: 'nora@musterhausen.example', password: 'Noras-Passwort-2026' };
const VIEWER = { name: 'Paul Politik', email: 'paul@musterhausen.example', password: 'Pauls-Passwort-2026' };

test('a member turns a need into a measure; the measure links the need', async ({ browser, baseURL }) => {
  const { sozialraumId } = await setUpSozialraum(
    baseURL!,
    { code: 'M07', name: 'Hohenlimburg' },
    { editor: EDITOR, viewer: VIEWER },
  );
  const page = await openSozialraum(browser, EDITOR, sozialraumId);
  const need = 'Treffpunkt für Alleinerziehende';
  await page.getByLabel('Neuer Bedarf').fill(need);
  await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `„${need}“ hinzugefügt.` })).toBeVisible();

  await page.getByRole('link', { name: `Maßnahme aus Bedarf erstellen: ${need}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neue Maßnahme' })).toBeVisible();
  await expect(page.getByLabel('M07 Hohenlimburg')).toBeChecked();
  // Members see neither the city-wide option nor Sozialräume they cannot edit.
  await expect(page.getByLabel('Stadtweite Maßnahme (alle Sozialräume)')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Verknüpfte Bedarfe' }).getByLabel(need)).toBeChecked();
  // The measure starts with the need's title; the member refines it.
  await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(need);

  await page.getByLabel('Titel', { exact: true }).fill('Elterntreff Hohenlimburg');
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Elterntreff Hohenlimburg' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Verknüpfte Bedarfe' }).getByLabel(need)).toBeChecked();

  // A member moves the measure up to the action plan, not further.
  await page.getByRole('button', { name: 'Nach „Handlungsempfehlung“' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Status ändern' }).click();
  await expect(page.getByRole('button', { name: 'Nach „im Aktionsplan“' })).toBeVisible();
  await page.getByRole('button', { name: 'Nach „im Aktionsplan“' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Status ändern' }).click();
  await expect(page.getByRole('list', { name: 'Änderungsprotokoll' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Nach „in Beratung“' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nach „zurückgestellt“' })).toBeVisible();
});
