import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createSozialraum } from '../support/measures.ts';
import { login } from '../support/session.ts';

const COMMENTER = {
  name: 'Klara Kommentar',
  email: 'klara@musterhausen.example',
  password: 'Klaras-Passwort-2026',
};
const MENTIONED = {
  name: 'Moritz Erwähnt',
  email: 'moritz@musterhausen.example',
  password: 'Moritz-Passwort-2026',
};

async function loggedIn(browser: Browser, person: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, person.email, person.password);
  return page;
}

test('the admin grants „Kommentieren“ in the user administration; the person sees it on their account page', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  await createSozialraum(api, '781', 'Vorhalle-Nord');
  const created = await api.post('/api/users', {
    data: { ...COMMENTER, role: 'member', memberships: [] },
  });
  expect(created.status()).toBe(201);

  const admin = await loggedIn(browser, ADMIN);
  await admin.getByRole('link', { name: 'Verwaltung' }).click();
  await admin
    .getByRole('main')
    .getByRole('link', { name: /^Benutzer/ })
    .click();
  await admin.getByRole('link', { name: COMMENTER.name }).click();

  // Each level says in one line what it allows.
  await expect(
    admin.getByText('Lesen, kommentieren und Änderungen vorschlagen – nicht direkt ändern.'),
  ).toBeVisible();
  const level = admin.getByLabel('781 Vorhalle-Nord', { exact: true });
  await expect(level.getByRole('option')).toHaveText(['Kein Zugriff', 'Lesen', 'Kommentieren', 'Bearbeiten']);
  await level.selectOption({ label: 'Kommentieren' });
  await admin
    .getByRole('form', { name: 'Zugriff auf Sozialräume' })
    .getByRole('button', { name: 'Speichern' })
    .click();
  await expect(admin.getByRole('status').filter({ hasText: 'Zugriffe gespeichert.' })).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('781 Vorhalle-Nord', { exact: true })).toHaveValue('comment');

  const commenter = await loggedIn(browser, COMMENTER);
  await commenter.getByRole('link', { name: 'Mein Konto' }).click();
  const access = commenter.getByRole('table', { name: 'Meine Zugriffe' });
  await expect(access.getByRole('row', { name: /781 Vorhalle-Nord/ })).toContainText('Kommentieren');

  // Nobody has mentioned them yet: the bell shows no count and the page says so.
  const bell = commenter.getByRole('link', { name: 'Benachrichtigungen', exact: true });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(commenter.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
  await expect(commenter.getByText('Keine Benachrichtigungen')).toBeVisible();
  await expect(commenter.getByRole('button', { name: 'Alle als gelesen markieren' })).toHaveCount(0);
});

test('a mention lights up the bell; opening it marks it read and goes to the thread', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, '782', 'Boele-Kabel');
  const created = await api.post('/api/users', {
    data: { ...MENTIONED, role: 'member', memberships: [{ sozialraumId, access: 'comment' }] },
  });
  expect(created.status()).toBe(201);
  const { id: userId } = (await created.json()) as { id: string };
  const sozialraum = (await (await api.get(`/api/sozialraeume/${sozialraumId}`)).json()) as {
    documents: { actionPlan: string };
  };

  const person = await loggedIn(browser, MENTIONED);
  await expect(person.getByRole('link', { name: 'Benachrichtigungen', exact: true })).toBeVisible();

  // The admin opens a thread on the template's first heading and mentions the person.
  const thread = await api.post(`/api/documents/${sozialraum.documents.actionPlan}/comments`, {
    data: { body: 'Bitte @Moritz einmal gegenlesen.', anchor: { from: 1, to: 5 }, mentions: [userId] },
  });
  expect(thread.status(), await thread.text()).toBe(201);
  const { id: threadId } = (await thread.json()) as { id: string };

  // The bell notices on focus (or within 30 s); a focus event is what a returning person causes.
  await person.evaluate(() => window.dispatchEvent(new Event('focus')));
  const bell = person.getByRole('link', { name: 'Benachrichtigungen, 1 ungelesen' });
  await expect(bell).toBeVisible();
  await expect(bell.getByTestId('notification-badge')).toHaveText('1');

  await bell.click();
  const item = person.getByRole('link', { name: /Administration hat Sie erwähnt/ });
  await expect(item).toContainText('Bitte @Moritz einmal gegenlesen.');
  await expect(item).toContainText('782 Boele-Kabel');
  await expect(item).toHaveAttribute('data-read', 'false');

  await item.click();
  await expect(person).toHaveURL(`/sozialraeume/${sozialraumId}?thread=${threadId}`);
  await expect(person.getByRole('link', { name: 'Benachrichtigungen', exact: true })).toBeVisible();
  // The comments panel opens on the thread the notification was about.
  await expect(person.getByText('Bitte @Moritz einmal gegenlesen.')).toBeVisible();

  await person.goto('/benachrichtigungen');
  await expect(person.getByRole('link', { name: /hat Sie erwähnt/ })).toHaveAttribute('data-read', 'true');
  await expect(person.getByRole('button', { name: 'Alle als gelesen markieren' })).toHaveCount(0);
});
