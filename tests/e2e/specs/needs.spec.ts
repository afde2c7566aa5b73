import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const FACILITATOR = {
  name: 'Fiona Moderation',
  email: 'fiona@musterhausen.example',
  password: 'Fionas-Passwort-2026',
};
const READER = { name: 'Rita Ratsfrau', email: 'rita@musterhausen.example', password: 'Ritas-Passwort-2026' };

const needs = (page: Page) =>
  page.getByRole('list', { name: 'Bedarfsliste', exact: true }).getByRole('listitem');
const titleField = (page: Page, index: number) =>
  needs(page).nth(index).getByRole('textbox', { name: 'Titel des Bedarfs' });

async function addNeed(page: Page, title: string) {
  await page.getByLabel('Neuer Bedarf').fill(title);
  await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `„${title}“ hinzugefügt.` })).toBeVisible();
}

test('a workshop collects, edits and orders needs live; the reader follows', async ({ browser, baseURL }) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '721', name: 'Wehringhausen' },
    { editor: FACILITATOR, viewer: READER },
  );
  const admin = await openSozialraum(browser, ADMIN, sozialraumId, 'needs-sync-state');
  const fiona = await openSozialraum(browser, FACILITATOR, sozialraumId, 'needs-sync-state');
  await expect(fiona.getByText('Noch keine Bedarfe. Tragen Sie oben den ersten ein.')).toBeVisible();

  // Added in one browser, visible in the other within a second.
  await addNeed(admin, 'Treffpunkt für Jugendliche');
  await expect(titleField(fiona, 0)).toHaveValue('Treffpunkt für Jugendliche', { timeout: 1000 });
  await addNeed(fiona, 'Sprachcafé für Zugewanderte');
  // The page says who is here and who changed something last.
  await expect(admin.getByTestId('online')).toHaveText('Administration, Fiona Moderation');
  await expect(admin.getByTestId('last-change')).toContainText('von Fiona Moderation');
  await addNeed(fiona, 'Spielplatz Bohne sanieren');
  await expect(needs(admin)).toHaveCount(3);

  // Both type into the same title at once: both keep their words.
  await titleField(admin, 0).click();
  await admin.keyboard.press('End');
  await titleField(fiona, 0).click();
  await fiona.keyboard.press('Home');
  await Promise.all([admin.keyboard.type(' am Bodelschwinghplatz'), fiona.keyboard.type('Neuer ')]);
  const merged = 'Neuer Treffpunkt für Jugendliche am Bodelschwinghplatz';
  await expect(titleField(admin, 0)).toHaveValue(merged);
  await expect(titleField(fiona, 0)).toHaveValue(merged);

  // Plain fields and the shared order.
  await needs(fiona).nth(2).getByLabel('Priorität').selectOption({ label: 'hoch' });
  await expect(needs(admin).nth(2).getByLabel('Priorität')).toHaveValue('high');
  await fiona.getByRole('button', { name: '„Spielplatz Bohne sanieren“ nach oben' }).click();
  await expect(titleField(admin, 1)).toHaveValue('Spielplatz Bohne sanieren');

  // Dots come from workshop rounds now (workshop.spec.ts): the list itself offers none.
  await expect(admin.getByRole('button', { name: /Punkt für/ })).toHaveCount(0);

  // Filter by text and priority.
  await admin.getByLabel('Suche').fill('spielplatz');
  await expect(needs(admin)).toHaveCount(1);
  await admin.getByLabel('Suche').fill('');
  await admin.getByRole('search').getByLabel('Priorität').selectOption({ label: 'hoch' });
  await expect(needs(admin)).toHaveCount(1);
  await expect(titleField(admin, 0)).toHaveValue('Spielplatz Bohne sanieren');
  await admin.getByRole('search').getByLabel('Priorität').selectOption({ label: 'alle' });

  // Delete with undo: gone for everyone, back for everyone.
  await fiona.getByLabel('Sortierung').selectOption({ label: 'eigene Reihenfolge' });
  await fiona.getByRole('button', { name: 'Bedarf „Spielplatz Bohne sanieren“ löschen' }).click();
  await expect(needs(admin)).toHaveCount(2);
  await fiona.getByRole('status').getByRole('button', { name: 'Rückgängig' }).click();
  await expect(needs(admin)).toHaveCount(3);
  await expect(titleField(admin, 1)).toHaveValue('Spielplatz Bohne sanieren');

  // The reader sees everything, live, and can change nothing.
  const rita = await openSozialraum(browser, READER, sozialraumId, 'needs-sync-state');
  await expect(rita.getByTestId('needs-sync-state')).toContainText('Nur Lesezugriff');
  await expect(rita.getByTestId('need-title')).toHaveText([
    'Neuer Treffpunkt für Jugendliche am Bodelschwinghplatz',
    'Spielplatz Bohne sanieren',
    'Sprachcafé für Zugewanderte',
  ]);
  await expect(rita.getByLabel('Neuer Bedarf')).toHaveCount(0);
  await expect(rita.getByRole('button', { name: /löschen|Punktabfrage/ })).toHaveCount(0);
  await addNeed(fiona, 'Hausaufgabenhilfe');
  await expect(rita.getByTestId('need-title').last()).toHaveText('Hausaufgabenhilfe', { timeout: 1000 });

  // The projection the API serves follows the document.
  await expect
    .poll(async () => {
      const res = await api.get(`/api/sozialraeume/${sozialraumId}/needs`);
      return ((await res.json()) as { title: string; votes: number }[]).map((n) => `${n.title}:${n.votes}`);
    })
    .toEqual([
      'Neuer Treffpunkt für Jugendliche am Bodelschwinghplatz:0',
      'Spielplatz Bohne sanieren:0',
      'Sprachcafé für Zugewanderte:0',
      'Hausaufgabenhilfe:0',
    ]);

  // A need becomes a measure; the need then links to it.
  await fiona.getByRole('link', { name: 'Maßnahme aus Bedarf erstellen: Hausaufgabenhilfe' }).click();
  await expect(fiona.getByText('Aus dem Bedarf „Hausaufgabenhilfe“')).toBeVisible();
  await fiona.getByLabel('Titel', { exact: true }).fill('Hausaufgabenhilfe im Stadtteilzentrum');
  await fiona.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(
    fiona.getByRole('heading', { level: 1, name: 'Hausaufgabenhilfe im Stadtteilzentrum' }),
  ).toBeVisible();
  await fiona.goto(`/sozialraeume/${sozialraumId}`);
  await expect(needs(fiona).last().getByRole('link', { name: '1 Maßnahme' })).toBeVisible();

  // The projector: large type, no app chrome, ranked by dots (none yet: the list's order), live.
  const projector = await fiona.context().newPage();
  await projector.goto(`/sozialraeume/${sozialraumId}/praesentation`);
  await expect(projector.getByRole('navigation')).toHaveCount(0);
  await expect(projector.getByTestId('presentation-need')).toHaveText([
    'Neuer Treffpunkt für Jugendliche am Bodelschwinghplatz',
    'Spielplatz Bohne sanieren',
    'Sprachcafé für Zugewanderte',
    'Hausaufgabenhilfe',
  ]);
  await expect(projector.getByTestId('presentation-votes').first()).toHaveText('0');
  await addNeed(fiona, 'Stadtteilfest');
  await expect(projector.getByTestId('presentation-need').last()).toHaveText('Stadtteilfest');
  await api.dispose();
});
