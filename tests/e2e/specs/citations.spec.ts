import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createMeasure } from '../support/measures.ts';
import { createClerk, createCommittee, zipEntry } from '../support/papers.ts';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = { name: 'Bea Beleg', email: 'bea@musterhausen.example', password: 'Beas-Passwort-2026' };
const VIEWER = { name: 'Otto Ohne', email: 'otto@musterhausen.example', password: 'Ottos-Passwort-2026' };
const CLERK = { email: 'belege@musterhausen.example', password: 'e2e-Belege-Passwort-2026' };
const NEED = 'Beratung für Familien im Leistungsbezug';
const LINE = 'SGB II-Quote 22,0 % · Wehringhausen · Stand 31.12.2023';
const SENTENCE =
  'Laut SGB II-Quote (Bundesagentur für Arbeit, Stand 31.12.2023) beträgt der Wert in Wehringhausen 22,0 %.';

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

/**
 * The SGB II-Quote of the Sozialraum through the indicator API (docs/CONTRACT.md, "Evidence"); false when
 * this build has no indicator API yet (it is built beside the citations).
 */
async function seedIndicator(api: APIRequestContext, sozialraumId: string): Promise<void> {
  const created = await api.post('/api/indicators', {
    data: { name: 'SGB II-Quote', unit: '%', kind: 'rate', source: 'Bundesagentur für Arbeit', precision: 1 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const values = await api.post(`/api/indicators/${id}/values`, {
    data: { values: [{ sozialraumId, date: '2023-12-31', value: 22 }] },
  });
  expect(values.status(), await values.text()).toBeLessThan(300);
}

test('an editor cites a figure on a need; a clerk carries it into a paper’s Begründung and the DOCX', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: 'B01', name: 'Wehringhausen' },
    { editor: EDITOR, viewer: VIEWER },
  );
  await seedIndicator(api, sozialraumId);
  const violations: string[] = [];

  // The editor adds a need and cites the figure, seeing it before confirming.
  const page = await openSozialraum(browser, EDITOR, sozialraumId);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.getByLabel('Neuer Bedarf').fill(NEED);
  await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await page.getByRole('button', { name: `Beleg hinzufügen zu „${NEED}“` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Indikator').selectOption({ label: 'SGB II-Quote (%)' });
  await expect(dialog.getByLabel('Gebiet')).toHaveValue(sozialraumId);
  await expect(dialog.getByTestId('cite-preview')).toContainText(LINE);
  await expectNoSeriousViolations(page, 'the citation dialog');
  await dialog.getByRole('button', { name: 'Beleg festhalten' }).click();
  const need = page.locator('li[data-need-id]').filter({ hasText: 'Beleg:' });
  await expect(need.getByTestId('need-citation')).toContainText(`Beleg: ${LINE}`);
  await expectNoSeriousViolations(page, 'the needs list with a citation');

  // A measure answers the need; a paper links the measure.
  const projected = await api.get(`/api/sozialraeume/${sozialraumId}/needs`);
  const needId = ((await projected.json()) as { id: string; title: string }[]).find(
    (n) => n.title === NEED,
  )!.id;
  const measure = await createMeasure(
    api,
    { title: 'Familienberatung Wehringhausen', sozialraumIds: [sozialraumId], needIds: [needId] },
    ['recommended', 'planned'],
  );
  const council = await createCommittee(api, 'Rat (Belege)', 'council');
  await createClerk(api, CLERK.email, CLERK.password);
  const paper = await api.post('/api/papers', {
    data: {
      type: 'beschlussvorlage',
      subject: 'Familienberatung Wehringhausen',
      decisionProposal: ['Die Verwaltung wird beauftragt.'],
      justification: 'Die Beratung fehlt.',
      measureIds: [measure.id],
      consultations: [{ committeeId: council, date: '2024-03-14', role: 'decision' }],
    },
  });
  expect(paper.status(), await paper.text()).toBe(201);
  const { id: paperId } = (await paper.json()) as { id: string };

  // The clerk carries the citation into the Begründung, saves, and the DOCX has it.
  const clerk = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(clerk, CLERK.email, CLERK.password);
  await clerk.goto(`/vorlagen/${paperId}`);
  const take = clerk.getByRole('dialog');
  // A click before the page is hydrated does nothing: try until the dialog opens.
  await expect(async () => {
    await clerk.getByRole('button', { name: 'Belege übernehmen' }).click();
    await expect(take).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(take.getByTestId('paper-citation')).toContainText(LINE);
  await expectNoSeriousViolations(clerk, 'the dialog carrying citations');
  await take.getByRole('button', { name: 'In Begründung übernehmen' }).click();
  await expect(clerk.locator('#paper-justification')).toContainText(SENTENCE);
  await clerk.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(clerk.getByText('Entwurf gespeichert.')).toBeVisible();
  const [download] = await Promise.all([
    clerk.waitForEvent('download'),
    clerk.getByRole('link', { name: 'Word (DOCX)' }).click(),
  ]);
  const documentXml = zipEntry(await readFile((await download.path())!), 'word/document.xml');
  expect(documentXml).toContain('Laut SGB II-Quote (Bundesagentur für Arbeit, Stand 31.12.2023)');
  expect(documentXml).toContain('22,0 %');
  expect(violations).toEqual([]);
});

test('an admin sets the disclosure threshold under Verwaltung › Datenschutz', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/verwaltung/datenschutz');
  const field = page.getByLabel('Mindestfallzahl');
  await expect(field).toHaveValue('3');
  const form = page.locator('form').filter({ has: field });
  // Hydration: the first submit may reach the page before its script.
  await expect(async () => {
    await field.fill('1');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await expect(form.getByText('Die Schwelle muss zwischen 2 und 20 liegen.')).toBeVisible({
      timeout: 1000,
    });
  }).toPass();
  await field.fill('5');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(form.getByRole('status')).toHaveText('Gespeichert.');
  await page.reload();
  await expect(page.getByLabel('Mindestfallzahl')).toHaveValue('5');
  await expectNoSeriousViolations(page, 'the data protection settings');
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoSeriousViolations(page, 'the data protection settings on a phone');
  await page.getByLabel('Mindestfallzahl').fill('3');
  await page
    .locator('form')
    .filter({ has: page.getByLabel('Mindestfallzahl') })
    .getByRole('button', { name: 'Speichern' })
    .click();
});
