import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { zipEntry } from '../support/papers.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = { name: 'Edda Export', email: 'edda@musterhausen.example', password: 'Eddas-Passwort-2026' };
const VIEWER = {
  name: 'Viktor Leser',
  email: 'viktor@musterhausen.example',
  password: 'Viktors-Passwort-2026',
};

async function downloadFrom(page: Page, linkName: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

test('a reader takes the action plan out as Word from the Sozialraum page, with what was just typed in it', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId } = await setUpSozialraum(
    baseURL!,
    { code: 'EX-1', name: 'Exporthausen' },
    { editor: EDITOR, viewer: VIEWER },
  );
  const editor = await openSozialraum(browser, EDITOR, sozialraumId);
  const text = editor.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  await text.getByRole('heading', { name: 'Bedarfe' }).click();
  await editor.keyboard.press('End');
  await editor.keyboard.press('Enter');
  await editor.keyboard.type('Familienzentrum am Markt');

  const viewer = await openSozialraum(browser, VIEWER, sozialraumId);
  await expect(viewer.getByText('Familienzentrum am Markt')).toBeVisible();
  // The menu opens from the keyboard.
  await viewer.getByText('Exportieren', { exact: true }).focus();
  await viewer.keyboard.press('Enter');
  await expect(viewer.getByRole('link', { name: 'Word mit Kommentaren und Änderungen' })).toBeVisible();

  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
  const word = await downloadFrom(viewer, 'Word (DOCX)');
  expect(word.name).toBe(`Aktionsplan-EX-1-${today}.docx`);
  const body = zipEntry(word.bytes, 'word/document.xml');
  expect(body).toContain('Aktionsplan Exporthausen');
  expect(body.indexOf('Bedarfe')).toBeLessThan(body.indexOf('Familienzentrum am Markt'));

  const reviewed = await downloadFrom(viewer, 'Word mit Kommentaren und Änderungen');
  expect(reviewed.name).toBe(`Aktionsplan-EX-1-${today}.docx`);
  expect(zipEntry(reviewed.bytes, 'word/document.xml')).toContain('Familienzentrum am Markt');

  // On a 360 px phone the open menu stays on screen.
  await viewer.setViewportSize({ width: 360, height: 740 });
  const box = await viewer.getByRole('link', { name: 'Word mit Kommentaren und Änderungen' }).boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);

  const csv = await downloadFrom(viewer, 'CSV');
  expect(csv.name).toBe(`Bedarfe-EX-1-${today}.csv`);
  expect(csv.bytes.toString('utf8')).toContain(
    'Titel;Beschreibung;Zielgruppe;Quelle;Priorität;Status;Punkte',
  );
});
