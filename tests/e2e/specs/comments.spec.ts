import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';
import { openSozialraum } from '../support/sozialraum.ts';

const EDITOR = {
  name: 'Paula Planung',
  email: 'paula.c@musterhausen.example',
  password: 'Paulas-Passwort-2026',
};
const COMMENTER = {
  name: 'Kurt Kommentar',
  email: 'kurt.c@musterhausen.example',
  password: 'Kurts-Passwort-2026',
};
const VIEWER = { name: 'Gerd Gast', email: 'gerd.c@musterhausen.example', password: 'Gerds-Passwort-2026' };

/** A Sozialraum with an editing, a commenting and a viewing member, created through the admin API. */
async function setUp(baseURL: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  expect((await api.post('/api/auth/login', { data: ADMIN })).status()).toBe(200);
  const created = await api.post('/api/sozialraeume', { data: { code: '777', name: 'Kommentarhausen' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (const [person, access] of [
    [EDITOR, 'edit'],
    [COMMENTER, 'comment'],
    [VIEWER, 'view'],
  ] as const) {
    const res = await api.post('/api/users', {
      data: { ...person, role: 'member', memberships: [{ sozialraumId: id, access }] },
    });
    expect(res.status()).toBe(201);
  }
  await api.dispose();
  return id;
}

const plan = (page: Page) => page.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
const panel = (page: Page) => page.getByRole('region', { name: 'Kommentare' });
const thread = (page: Page) => panel(page).getByRole('article', { name: 'Kommentar von Kurt Kommentar' });

async function open(browser: Browser, person: typeof EDITOR, id: string): Promise<Page> {
  return openSozialraum(browser, person, id);
}

test('comment with a mention, live reply, resolve, reopen, orphaned after deletion, read-only for viewers', async ({
  browser,
  baseURL,
}) => {
  const id = await setUp(baseURL!);
  const paula = await open(browser, EDITOR, id);
  const kurt = await open(browser, COMMENTER, id);
  const gerd = await open(browser, VIEWER, id);

  await plan(paula).click();
  await paula.keyboard.press('Control+End');
  await paula.keyboard.press('Enter');
  await paula.keyboard.type('Viele Familien brauchen Beratung.');
  await expect(plan(kurt)).toContainText('Viele Familien brauchen Beratung.');

  // The commenter selects a word and comments on it, mentioning the editor.
  const comment = kurt.getByRole('button', { name: 'Kommentieren' });
  await plan(kurt)
    .getByText('Viele Familien brauchen Beratung.')
    .dblclick({ position: { x: 60, y: 8 } });
  await expect(comment).toBeEnabled();
  await comment.click();
  const field = panel(kurt).getByRole('combobox', { name: 'Kommentar' });
  await field.fill('Bitte prüfen, ');
  await field.press('End');
  await field.pressSequentially('@Pau');
  const options = panel(kurt).getByRole('listbox', { name: 'Personen erwähnen' });
  await expect(options.getByRole('option', { name: 'Paula Planung' })).toBeVisible();
  await field.press('ArrowDown');
  await field.press('Enter');
  await expect(field).toHaveValue('Bitte prüfen, @Paula Planung ');
  await panel(kurt).getByRole('button', { name: 'Senden' }).click();
  await expect(thread(kurt)).toContainText('Bitte prüfen, @Paula Planung');

  // The editor sees it arrive without reloading and replies.
  await expect(thread(paula)).toContainText('Bitte prüfen, @Paula Planung');
  await thread(paula).getByRole('button', { name: 'Antworten' }).click();
  await thread(paula).getByRole('combobox', { name: 'Antwort' }).fill('Ist erledigt.');
  await thread(paula).getByRole('button', { name: 'Senden' }).click();
  await expect(thread(paula)).toContainText('Ist erledigt.');
  await expect(thread(kurt)).toContainText('Ist erledigt.');

  // Resolve: gone from Offen, listed under Erledigt; reopen brings it back.
  await thread(kurt).getByRole('button', { name: 'Erledigt' }).click();
  await expect(thread(kurt)).toHaveCount(0);
  await panel(kurt).getByRole('radio', { name: 'Erledigt' }).click();
  await expect(thread(kurt)).toContainText('Erledigt von Kurt Kommentar');
  await thread(kurt).getByRole('button', { name: 'Wieder öffnen' }).click();
  await panel(kurt).getByRole('radio', { name: 'Offen' }).click();
  await expect(thread(kurt)).toContainText('Ist erledigt.');

  // After a reload the thread is still there; clicking its marked text makes it the active thread.
  await kurt.reload();
  await expect(thread(kurt)).toContainText('Ist erledigt.');
  await expect(thread(kurt)).not.toHaveAttribute('aria-current', 'true');
  await plan(kurt).getByText('Familien').click();
  await expect(thread(kurt)).toHaveAttribute('aria-current', 'true');

  // The editor comments by keyboard (Strg+Alt+M) and deletes the comment again: a thread without
  // replies disappears.
  await plan(paula).getByText('Beratung.').click();
  await paula.keyboard.press('End');
  await paula.keyboard.press('Shift+Home');
  await paula.keyboard.press('Control+Alt+M');
  await panel(paula).getByRole('combobox', { name: 'Kommentar' }).fill('Nur ein Gedanke');
  await panel(paula).getByRole('button', { name: 'Senden' }).click();
  const own = panel(paula).getByRole('article', { name: 'Kommentar von Paula Planung' });
  await expect(own).toContainText('Nur ein Gedanke');
  await own.getByRole('button', { name: 'Löschen' }).click();
  await paula
    .getByRole('alertdialog', { name: 'Diesen Kommentar löschen?' })
    .getByRole('button', { name: 'Löschen' })
    .click();
  await expect(own).toHaveCount(0);

  // The viewer reads along: threads yes, writing no.
  await expect(thread(gerd)).toContainText('Ist erledigt.');
  await expect(gerd.getByRole('button', { name: 'Kommentieren' })).toHaveCount(0);
  await expect(thread(gerd).getByRole('button', { name: 'Antworten' })).toHaveCount(0);
  await expect(panel(gerd).getByRole('combobox')).toHaveCount(0);

  // The editor deletes the whole sentence: the thread stays, as orphaned, with its quote.
  // Not the whole sentence as one text: another person's caret label may sit inside it ("FamKurt Kommentarilien").
  await plan(paula).getByText('brauchen Beratung.').click({ clickCount: 3 });
  await paula.keyboard.press('Backspace');
  await expect(plan(paula)).not.toContainText('Familien');
  await expect(thread(paula)).toContainText('Text gelöscht');
  await expect(thread(kurt)).toContainText('Text gelöscht');

  await kurt.reload();
  await expect(thread(kurt)).toContainText('Text gelöscht');
  await expect(thread(kurt)).toContainText('Ist erledigt.');

  // A notification's link opens the thread, even a resolved one; on a phone the panel is below the editor.
  await thread(kurt).getByRole('button', { name: 'Erledigt' }).click();
  await expect(thread(kurt)).toHaveCount(0);
  const sozialraum = (await (await kurt.request.get(`/api/sozialraeume/${id}`)).json()) as {
    documents: { actionPlan: string };
  };
  const threads = (await (
    await kurt.request.get(`/api/documents/${sozialraum.documents.actionPlan}/comments`)
  ).json()) as { id: string }[];
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await login(phone, VIEWER.email, VIEWER.password);
  await phone.goto(`/sozialraeume/${id}?thread=${threads[0]!.id}`);
  await expect(thread(phone)).toContainText('Erledigt von Kurt Kommentar');
  const editorBox = (await plan(phone).boundingBox())!;
  const panelBox = (await panel(phone).boundingBox())!;
  expect(panelBox.y).toBeGreaterThan(editorBox.y + editorBox.height);
  expect(panelBox.width).toBeLessThanOrEqual(360);

  for (const page of [paula, kurt, gerd, phone]) await page.context().close();
});
