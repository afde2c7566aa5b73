import { readFile } from 'node:fs/promises';
import { expect, request, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const PERSON = {
  name: 'Zoë Quäntchen',
  email: 'zoe.quaentchen@musterhausen.example',
  password: 'Zoes-Passwort-2026',
};
const VIEWER = {
  name: 'Vera Viewer',
  email: 'vera.dp@musterhausen.example',
  password: 'Veras-Passwort-2026',
};
const COMMENT = 'Hier fehlt der Jugendtreff.';

test('admin exports a person’s data, erases the person on a phone; the comment stays as “Gelöschte Person”', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '815', name: 'Datenschutzhausen' },
    { editor: PERSON, viewer: VIEWER },
  );
  // The person comments on the action plan (its template heading) through the API.
  const zoe = await request.newContext({ baseURL });
  expect((await zoe.post('/api/auth/login', { data: PERSON })).status()).toBe(200);
  const sozialraum = (await (await zoe.get(`/api/sozialraeume/${sozialraumId}`)).json()) as {
    documents: { actionPlan: string };
  };
  const docId = sozialraum.documents.actionPlan;
  const commented = await zoe.post(`/api/documents/${docId}/comments`, {
    data: { body: COMMENT, anchor: { from: 1, to: 13, quote: 'Ausgangslage' } },
  });
  expect(commented.status(), await commented.text()).toBe(201);
  const users = (await (await api.get('/api/users')).json()) as { id: string; email: string }[];
  const personId = users.find((u) => u.email === PERSON.email)!.id;

  // The admin works on a phone.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto(`/verwaltung/benutzer/${personId}`);
  await expect(page.getByRole('heading', { level: 1, name: PERSON.name })).toBeVisible();

  // Art. 15: the data export downloads as JSON holding the person's data.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Datenauskunft herunterladen' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^datenauskunft-.+\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    account: { name: string; email: string };
    comments: { text: string }[];
    memberships: { access: string }[];
  };
  expect(exported.account).toMatchObject({ name: PERSON.name, email: PERSON.email });
  expect(exported.comments.map((c) => c.text)).toEqual([COMMENT]);
  expect(exported.memberships).toMatchObject([{ access: 'edit' }]);

  // Art. 17: the dialog wants the person's address; a wrong one is refused beside the field.
  await page.getByRole('button', { name: 'Person löschen (DSGVO)' }).click();
  const dialog = page.getByRole('dialog', { name: `${PERSON.name} endgültig löschen?` });
  await expect(dialog).toBeVisible();
  const field = dialog.getByLabel('E-Mail-Adresse der Person zur Bestätigung');
  await field.fill('jemand@musterhausen.example');
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(dialog.getByText('Die E-Mail-Adresse stimmt nicht mit der der Person überein.')).toBeVisible();
  await expect(field).toBeFocused();
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);

  await field.fill(PERSON.email);
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Die Person wurde gelöscht.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Gelöschte Person' })).toBeVisible();
  await expect(page.getByText(PERSON.email)).toHaveCount(0);

  // The person's comment stays, attributed to "Gelöschte Person".
  const viewer = await openSozialraum(browser, VIEWER, sozialraumId);
  const panel = viewer.getByRole('region', { name: 'Kommentare' });
  const article = panel.getByRole('article', { name: 'Kommentar von Gelöschte Person' });
  await expect(article).toContainText(COMMENT);
  await expect(panel).not.toContainText(PERSON.name);

  // The person can no longer log in, and their old session is gone.
  expect((await zoe.get('/api/me')).status()).toBe(401);
  const again = await request.newContext({ baseURL });
  expect((await again.post('/api/auth/login', { data: PERSON })).status()).toBe(401);
  await Promise.all([zoe.dispose(), again.dispose(), api.dispose(), context.close()]);
});
