import { readFile } from 'node:fs/promises';
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import { adminApi, createMeasure, createSozialraum, openAsAdmin } from '../support/measures.ts';
import { createClerk, createCommittee, zipEntry } from '../support/papers.ts';
import { login } from '../support/session.ts';

// Issue #12: nothing a person typed or decided is lost, and no form ever does nothing.

// A failed test restarts the worker and reruns beforeAll: names that must be unique get a fresh suffix.
const run = Math.random().toString(36).slice(2, 8);
const CLERK = { email: `ungespeichert-${run}@musterhausen.example`, password: 'e2e-Ungespeichert-2026' };

let api: APIRequestContext;
let committeeId: string;

test.beforeAll(async ({ baseURL }) => {
  api = await adminApi(baseURL!);
  committeeId = await createCommittee(api, `Bezirksvertretung Ungespeichert ${run}`, 'district');
  await createClerk(api, CLERK.email, CLERK.password);
});

/** A draft that is complete enough to be released, created through the API. */
async function releasableDraft(subject: string): Promise<string> {
  const res = await api.post('/api/papers', {
    data: {
      type: 'mitteilungsvorlage',
      subject,
      originatingOffice: '55 Fachbereich Jugend und Soziales',
      consultations: [{ committeeId, date: '2026-03-12', role: 'information' }],
      justification: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zur Kenntnis.' }] }],
      },
      disabilityImpact: { kind: 'not_affected' },
      climateImpact: { kind: 'none' },
      financialImpact: { kind: 'none' },
      signatures: [{ name: 'Erika Mustermann', role: 'Oberbürgermeisterin' }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Opens a draft and waits until the page is interactive (its save button is enabled after hydration). */
async function openDraft(page: Page, id: string): Promise<void> {
  await page.goto(`/vorlagen/${id}`);
  await expect(page.getByRole('button', { name: 'Entwurf speichern' })).toBeEnabled();
}

async function clerkPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, CLERK.email, CLERK.password);
  return page;
}

/** Whether the element's box lies inside the viewport (the person sees it without scrolling). */
async function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });
}

test('Freigeben with an unsaved Betreff releases exactly what the clerk typed', async ({ browser }) => {
  const id = await releasableDraft('Bericht zum Quartiersbüro (alt)');
  const page = await clerkPage(browser);
  await openDraft(page, id);
  await page.getByLabel('Betreff').fill('Bericht zum Quartiersbüro Altenhagen 2026');

  await page.getByRole('button', { name: 'Freigeben' }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /freigeben/i })
    .click();
  await expect(page.getByText('Vorlage freigegeben.')).toBeVisible();

  // A colleague in another browser sees the released paper with the Betreff the clerk typed.
  const other = await clerkPage(browser);
  await other.goto(`/vorlagen/${id}`);
  await expect(
    other.getByRole('heading', { level: 2, name: 'Bericht zum Quartiersbüro Altenhagen 2026' }),
  ).toBeVisible();
  const stored = (await (await api.get(`/api/papers/${id}`)).json()) as { status: string; subject: string };
  expect(stored).toMatchObject({ status: 'released', subject: 'Bericht zum Quartiersbüro Altenhagen 2026' });
});

test('Freigeben with an unsaved change the schema refuses freezes nothing and says why', async ({
  browser,
}) => {
  const id = await releasableDraft('Bericht zur Spielplatzplanung');
  const page = await clerkPage(browser);
  await openDraft(page, id);
  await page.getByLabel('Betreff').fill('');

  await page.getByRole('button', { name: 'Freigeben' }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /freigeben/i })
    .click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Bitte einen Betreff angeben.');
  const stored = (await (await api.get(`/api/papers/${id}`)).json()) as { status: string; subject: string };
  expect(stored).toMatchObject({ status: 'draft', subject: 'Bericht zur Spielplatzplanung' });
});

test('Vorlage anlegen with the default signature row never does nothing', async ({ browser }) => {
  const page = await clerkPage(browser);
  await page.goto('/vorlagen/neu');
  await page.getByRole('button', { name: 'Ohne Maßnahmen beginnen' }).click();
  await page.getByLabel('Betreff').fill('Sachstand Familienzentren');
  await page.getByRole('button', { name: 'Vorlage anlegen' }).click();

  // The signature row has its Funktion but no Name: a focused summary names the field and links to it.
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  const link = summary.getByRole('link', { name: /Namen der unterzeichnenden Person/ });
  await link.click();
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Namen der unterzeichnenden Person/);

  // Typing the correction keeps the focus where the person types.
  await name.pressSequentially('Erika Mustermann');
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('Erika Mustermann');
  await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: /^Mitteilungsvorlage|^Beschlussvorlage/ }),
  ).toBeVisible();
  await expect(page.getByLabel('Betreff')).toHaveValue('Sachstand Familienzentren');
});

test('leaving a form with unsaved changes asks first; staying keeps the typing', async ({ browser }) => {
  const id = await releasableDraft('Bericht zur Schulwegsicherung');
  const page = await clerkPage(browser);
  await openDraft(page, id);
  await page.getByLabel('Betreff').fill('Bericht zur Schulwegsicherung, ergänzt');

  // In-app link: the person is asked, says "stay", and the typing is still there.
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: '← Alle Vorlagen' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('ungespeicherte Änderungen');
  await expect(page).toHaveURL(new RegExp(`/vorlagen/${id}$`));
  await expect(page.getByLabel('Betreff')).toHaveValue('Bericht zur Schulwegsicherung, ergänzt');

  // Closing or reloading the tab: the browser's own "leave site?" question (beforeunload).
  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toContain('beforeunload');

  // After saving, leaving asks nothing.
  const again = await clerkPage(browser);
  await openDraft(again, id);
  await again.getByLabel('Betreff').fill('Bericht zur Schulwegsicherung, gespeichert');
  await again.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(again.getByText('Entwurf gespeichert.')).toBeVisible();
  again.on('dialog', (dialog) => {
    asked.push(`unexpected: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await again.getByRole('link', { name: '← Alle Vorlagen' }).click();
  await expect(again).toHaveURL(/\/vorlagen$/);
  expect(asked).not.toContainEqual(expect.stringMatching(/^unexpected/));
});

test('a save conflict on a measure is announced next to the save button, in view and focused', async ({
  browser,
}) => {
  const sozialraumId = await createSozialraum(api, `U-${run}`, `Ungespeichert-Nord ${run}`);
  const measure = await createMeasure(api, { title: 'Stadtteilcafé Nord', sozialraumIds: [sozialraumId] });

  const a = await openAsAdmin(browser, `/massnahmen/${measure.id}`);
  await a.setViewportSize({ width: 1280, height: 720 });
  // The live stream would refresh A's clean form; A starts typing first, then B saves the same measure.
  await a.getByLabel('Titel').fill('Stadtteilcafé Nord mit Mittagstisch');

  const b = await openAsAdmin(browser, `/massnahmen/${measure.id}`);
  await b.getByLabel('Titel').fill('Stadtteilcafé Nord (Trägerwechsel)');
  await b.getByRole('button', { name: 'Speichern' }).click();
  await expect(b.getByText('Änderungen gespeichert.')).toBeVisible();

  const save = a.getByRole('button', { name: 'Speichern' });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  const focused = a.locator(':focus');
  await expect(focused).toContainText('Die Maßnahme wurde inzwischen geändert.');
  expect(await inViewport(focused)).toBe(true);
  await expect(focused.getByRole('button', { name: 'Neu laden' })).toBeVisible();
  // Nothing A typed is thrown away by the conflict.
  await expect(a.getByLabel('Titel')).toHaveValue('Stadtteilcafé Nord mit Mittagstisch');
});

test('a download of a paper with unsaved edits holds the edits', async ({ browser }) => {
  const id = await releasableDraft('Bericht zur Quartiersarbeit (Entwurf)');
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(page, CLERK.email, CLERK.password);
  await openDraft(page, id);
  await page.getByLabel('Betreff').fill('Bericht zur Quartiersarbeit in Haspe');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Word (DOCX)' }).click(),
  ]);
  const docx = await readFile((await download.path())!);
  expect(zipEntry(docx, 'word/document.xml')).toContain('Bericht zur Quartiersarbeit in Haspe');
  await expect(page.getByRole('status').filter({ hasText: 'der Download enthält sie' })).toBeVisible();
});

test('a status change with unsaved edits saves them first instead of colliding with them', async ({
  browser,
}) => {
  const sozialraumId = await createSozialraum(api, `S-${run}`, `Ungespeichert-Süd ${run}`);
  const measure = await createMeasure(api, {
    title: 'Nachbarschaftsgarten Süd',
    sozialraumIds: [sozialraumId],
  });
  const page = await openAsAdmin(browser, `/massnahmen/${measure.id}`);
  await page.getByLabel('Zielgruppe').fill('Familien mit kleinen Kindern');

  await page.getByRole('button', { name: 'Nach „Handlungsempfehlung“' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Status ändern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ist jetzt' })).toBeVisible();
  await expect(page.getByLabel('Zielgruppe')).toHaveValue('Familien mit kleinen Kindern');
  const stored = (await (await api.get(`/api/measures/${measure.id}`)).json()) as {
    status: string;
    targetGroup: string;
  };
  expect(stored).toMatchObject({ status: 'recommended', targetGroup: 'Familien mit kleinen Kindern' });
  // Nothing is left unsaved: leaving asks nothing and shows no conflict.
  await expect(page.getByText('inzwischen geändert')).toHaveCount(0);
});
