import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { adminApi, createMeasure, createSozialraum } from '../support/measures.ts';
import { checkPdf, createClerk, createCommittee, zipEntry } from '../support/papers.ts';
import { login } from '../support/session.ts';

const CLERK = { email: 'gremien@musterhausen.example', password: 'e2e-Gremien-Passwort-2026' };

async function downloadBytes(page: Page, linkName: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

test('a clerk composes a paper from two measures, reorders the Beratungsfolge by keyboard, releases and downloads it', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'V01', 'Altenhagen');
  const measures = [];
  for (const title of ['Quartiersbüro Altenhagen', 'Elterncafé am Markt']) {
    measures.push(
      await createMeasure(api, { title, sozialraumIds: [sozialraumId], costOneOff: 5000 }, [
        'recommended',
        'planned',
      ]),
    );
  }
  await createCommittee(api, 'Rat der Stadt Musterhausen', 'council');
  await createCommittee(api, 'Jugendhilfeausschuss Musterhausen', 'committee');
  await createClerk(api, CLERK.email, CLERK.password);

  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(page, CLERK.email, CLERK.password);
  await page.goto('/vorlagen/neu');
  await page.getByRole('checkbox', { name: /Quartiersbüro Altenhagen/ }).check();
  await page.getByRole('checkbox', { name: /Elterncafé am Markt/ }).check();
  await page.getByRole('button', { name: 'Vorlage aus Auswahl erstellen' }).click();

  // The measures list decides the order; both are in the subject and each has its decision item.
  const subject = page.getByLabel('Betreff');
  await expect(subject).toHaveValue(/^Umsetzung der Maßnahmen „.+“ und „.+“$/);
  await expect(subject).toHaveValue(/Quartiersbüro Altenhagen/);
  await expect(subject).toHaveValue(/Elterncafé am Markt/);
  await expect(page.getByLabel('Punkt 3', { exact: true })).toHaveValue(
    'Die Verwaltung wird beauftragt, über den Stand der Umsetzung zu berichten.',
  );
  await expect(page.getByRole('textbox', { name: 'Begründung' })).toContainText('Elterncafé am Markt');
  await page.getByLabel('Amt/Eigenbetrieb (federführend)').fill('55 Fachbereich Jugend und Soziales');

  const rows = page.getByTestId('consultation-row');
  await page.getByRole('button', { name: 'Gremium hinzufügen' }).click();
  await rows.nth(0).getByLabel('Gremium').selectOption({ label: 'Rat der Stadt Musterhausen' });
  await rows.nth(0).getByLabel('Datum').fill('2024-03-14');
  await rows.nth(0).getByLabel('Rolle').selectOption({ label: 'Entscheidung' });
  await page.getByRole('button', { name: 'Gremium hinzufügen' }).click();
  await rows.nth(1).getByLabel('Gremium').selectOption({ label: 'Jugendhilfeausschuss Musterhausen' });
  await rows.nth(1).getByLabel('Datum').fill('2024-02-01');
  await rows.nth(1).getByLabel('Rolle').selectOption({ label: 'Vorberatung' });

  // Keyboard reordering: the handle of row 2 moves it up and keeps the focus.
  await page.getByRole('button', { name: 'Zeile 2 verschieben (Jugendhilfeausschuss Musterhausen)' }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(
    page.getByRole('button', { name: 'Zeile 1 verschieben (Jugendhilfeausschuss Musterhausen)' }),
  ).toBeFocused();
  await expect(page.getByText('Jugendhilfeausschuss Musterhausen steht jetzt an Position 1.')).toBeAttached();
  await expect(
    page.getByRole('button', { name: 'Zeile 2 verschieben (Rat der Stadt Musterhausen)' }),
  ).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Erika Mustermann');
  await page.getByRole('button', { name: 'Vorlage anlegen' }).click();

  const heading = page.getByRole('heading', { level: 1, name: /^Beschlussvorlage \d{4}\/\d{4}$/ });
  await expect(heading).toBeVisible();
  const reference = (await heading.textContent())!.replace('Beschlussvorlage ', '').trim();

  await page.getByRole('button', { name: 'Freigeben' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Freigeben' }).click();
  await expect(page.getByText('Vorlage freigegeben.')).toBeVisible();
  const consultationRows = page.getByRole('table').getByRole('row');
  await expect(consultationRows.nth(1)).toContainText('Jugendhilfeausschuss Musterhausen');
  await expect(consultationRows.nth(2)).toContainText('Rat der Stadt Musterhausen');
  await expect(page.getByText('Quartiersbüro Altenhagen – in Beratung')).toBeVisible();

  const fileBase = `Beschlussvorlage_${reference.replace('/', '-')}`;
  const docx = await downloadBytes(page, 'Word (DOCX)');
  expect(docx.name).toBe(`${fileBase}.docx`);
  const documentXml = zipEntry(docx.bytes, 'word/document.xml');
  expect(documentXml).toContain(reference);
  expect(documentXml).toContain('Elterncafé am Markt');
  expect(documentXml.indexOf('Jugendhilfeausschuss Musterhausen')).toBeLessThan(
    documentXml.indexOf('Rat der Stadt Musterhausen'),
  );

  const pdf = await downloadBytes(page, 'PDF');
  expect(pdf.name).toBe(`${fileBase}.pdf`);
  checkPdf(pdf.bytes);

  for (const measure of measures) {
    const res = await api.get(`/api/measures/${measure.id}`);
    expect(((await res.json()) as { status: string }).status).toBe('in_consultation');
  }
});
