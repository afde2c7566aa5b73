import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { adminApi, createMeasure, createSozialraum } from '../support/measures.ts';
import { createClerk, createCommittee, zipEntry } from '../support/papers.ts';
import { login } from '../support/session.ts';

// Unique per run: all specs share one server.
const CLERK = { email: 'clerk-i18@musterhausen.example', password: 'e2e-Clerk-Passwort-2026' };
const COMMITTEE = 'Sozialausschuss Niederschrift-18';
const MINUTES = [
  'Frau Weber (Verwaltung) erläutert die Vorlage.',
  'Herr Demir fragt, ob die Maßnahmen aus 2018/2019 umgesetzt wurden.\nDie Verwaltung sagt einen Bericht zu.',
].join('\n\n');

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

/** A released Beschlussvorlage with every section, discussed in the meeting the clerk planned. */
async function releasedPaper(api: APIRequestContext, committeeId: string, meetingId: string) {
  const sozialraumId = await createSozialraum(api, 'K18', 'Kuhlerkamp');
  const measure = await createMeasure(
    api,
    { title: 'Stadtteilladen Kuhlerkamp', sozialraumIds: [sozialraumId] },
    ['recommended', 'planned'],
  );
  const created = await api.post('/api/papers', {
    data: {
      type: 'beschlussvorlage',
      subject: 'Stadtteilladen Kuhlerkamp einrichten',
      decisionProposal: ['Der Stadtteilladen wird eingerichtet.'],
      summary: 'Ein Laden als Anlaufstelle im Quartier.',
      justification: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Im Quartier fehlt ' },
              { type: 'text', text: 'eine Anlaufstelle', marks: [{ type: 'bold' }] },
              { type: 'text', text: '. <script>alert(1)</script>' },
            ],
          },
        ],
      },
      measureIds: [measure.id],
      originatingOffice: '55 Fachbereich Jugend und Soziales',
      consultations: [{ committeeId, date: '2024-06-12', role: 'decision', meetingId }],
      disabilityImpact: { kind: 'affected', explanation: 'Barrierefreier Zugang ist eingeplant.' },
      climateImpact: { kind: 'none' },
      financialImpact: { kind: 'costs', oneOffCents: 1_250_000, budgetLine: '1.36.30' },
      signatures: [{ name: 'Erika Mustermann', role: 'Oberbürgermeisterin' }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const paper = (await created.json()) as { id: string; reference: string };
  const released = await api.post(`/api/papers/${paper.id}/release`);
  expect(released.status(), await released.text()).toBe(200);
  // A draft of another kind that the filters must leave out.
  const other = await api.post('/api/papers', {
    data: { type: 'mitteilungsvorlage', subject: 'Bericht Kuhlerkamp', consultations: [] },
  });
  expect(other.status()).toBe(201);
  return paper;
}

test('a clerk lands on the Vorlagen, plans a meeting, reads a released paper and records the Niederschrift', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const committeeId = await createCommittee(api, COMMITTEE, 'committee');
  await createClerk(api, CLERK.email, CLERK.password);

  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(page, CLERK.email, CLERK.password);
  // The clerk's work starts on the Vorlagen; the navigation offers the meetings, not the administration.
  await expect(page).toHaveURL(/\/vorlagen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('link', { name: 'Verwaltung', exact: true })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Sitzungen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible();
  await page.getByLabel('Gremium').selectOption({ label: COMMITTEE });
  await page.getByLabel('Datum', { exact: true }).fill('2024-06-12');
  await page.getByLabel('Beginn (HH:MM)').fill('16:30');
  await page.getByLabel('Ort', { exact: true }).fill('Rathaus an der Volme, Raum A.201');
  await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await expect(page.getByText('Sitzung angelegt.')).toBeVisible();
  await expectNoSeriousViolations(page, 'Sitzungen');

  const meetings = (await (await api.get(`/api/meetings?committeeId=${committeeId}`)).json()) as {
    id: string;
  }[];
  expect(meetings).toHaveLength(1);
  const paper = await releasedPaper(api, committeeId, meetings[0]!.id);

  // Filters go into the URL and narrow the list.
  await nav.getByRole('link', { name: 'Vorlagen', exact: true }).click();
  await expect(page.getByRole('search', { name: 'Vorlagen filtern' })).toBeVisible();
  await page.getByLabel('Gremium').selectOption({ label: COMMITTEE });
  await expect(page).toHaveURL(new RegExp(`committeeId=${committeeId}`));
  await page.getByLabel('Suche (Drucksachennummer oder Betreff)').fill('kuhlerKAMP');
  await expect(page).toHaveURL(/q=kuhlerKAMP/);
  await expect(page.getByRole('link', { name: paper.reference, exact: true })).toBeVisible();
  await expect(page.getByText('Bericht Kuhlerkamp')).toHaveCount(0);
  await page.getByLabel('Status').selectOption({ label: 'Entwurf' });
  await expect(page.getByText('Keine Vorlage passt zu den Filtern.')).toBeVisible();
  await page.getByLabel('Status').selectOption({ label: 'Freigegeben' });
  await expect(page.getByText('1 Vorlage', { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, 'Vorlagen mit Filtern');
  // A reload keeps the filters.
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('released');
  await page.getByRole('link', { name: paper.reference, exact: true }).click();

  // The released paper reads in full, not as a disabled form.
  await expect(
    page.getByRole('heading', { level: 1, name: `Beschlussvorlage ${paper.reference}` }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Stadtteilladen Kuhlerkamp einrichten' }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Betreff' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Begründung' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ausgangslage' })).toBeVisible();
  await expect(page.locator('strong', { hasText: 'eine Anlaufstelle' })).toBeVisible();
  await expect(page.getByText('<script>alert(1)</script>', { exact: false })).toBeVisible();
  await expect(page.getByText('Barrierefreier Zugang ist eingeplant.')).toBeVisible();
  await expect(page.getByText('12.500,00 €')).toBeVisible();
  await expect(page.getByText('gez. Erika Mustermann')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Stadtteilladen Kuhlerkamp', exact: true })).toBeVisible();
  await expect(
    page.getByText('Sitzung am 12.06.2024, 16:30 Uhr, Rathaus an der Volme, Raum A.201'),
  ).toBeVisible();

  // The result with the minutes, in one form.
  await page.getByLabel(`Ergebnis (${COMMITTEE})`).selectOption({ label: 'beschlossen' });
  await page.getByLabel(`Niederschrift (optional) (${COMMITTEE})`).fill(MINUTES);
  await page.getByRole('button', { name: 'Ergebnis erfassen' }).click();
  await expect(page.getByText('Frau Weber (Verwaltung) erläutert die Vorlage.')).toBeVisible();
  await expect(page.getByText('Stadtteilladen Kuhlerkamp – beschlossen')).toBeVisible();
  await expectNoSeriousViolations(page, 'Vorlage (Lesansicht)');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `Auszug als Word (DOCX) (${COMMITTEE})`, exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `Auszug-Niederschrift_${paper.reference.replace('/', '-')}_${COMMITTEE.replace(/ /g, '-')}.docx`,
  );
  const xml = zipEntry(await readFile((await download.path())!), 'word/document.xml');
  expect(xml).toContain('Auszug aus der Niederschrift');
  expect(xml).toContain('Rathaus an der Volme, Raum A.201');
  expect(xml).toContain('Stadtteilladen Kuhlerkamp einrichten');
  expect(xml).toContain('Die Verwaltung sagt einen Bericht zu.');

  // Minutes are changed later in their own form.
  await page
    .getByLabel(`Niederschrift (${COMMITTEE})`, { exact: true })
    .fill(`${MINUTES}\n\nNachtrag: Der Bericht folgt im Herbst.`);
  await page.getByRole('button', { name: 'Niederschrift speichern' }).click();
  await expect(page.getByText('Nachtrag: Der Bericht folgt im Herbst.')).toBeVisible();

  // On a phone only the tables scroll sideways, never the page.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await login(phone, CLERK.email, CLERK.password);
  for (const path of [`/vorlagen?committeeId=${committeeId}`, `/vorlagen/${paper.id}`]) {
    await phone.goto(path);
    await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await api.dispose();
});
