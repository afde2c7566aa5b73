import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { berlinDay } from '../support/dates.ts';
import { adminApi, createMeasure, createSozialraum, openAsAdmin } from '../support/measures.ts';
import { checkPdf, zipEntry } from '../support/papers.ts';

test.setTimeout(180_000);

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

/**
 * Set-up through the API: a Sozialraum with a measure in implementation (a milestone planned 40 days ago and
 * still open, so late; a report at 35 %), published, and a planned one left private.
 */
async function setUp(baseURL: string, code: string, name: string, publicTitle: string, privateTitle: string) {
  const api = await adminApi(baseURL);
  const sozialraumId = await createSozialraum(api, code, name);
  const shown = await createMeasure(
    api,
    {
      title: publicTitle,
      description: 'Neue Spielgeräte und Sitzbänke für den Hof.',
      sozialraumIds: [sozialraumId],
      handlungsfeld: 'Wohnumfeld und Freiraum',
      fundingProgramme: `Sozialer Zusammenhalt ${code}`,
      plannedStart: berlinDay(-120),
      plannedEnd: berlinDay(200),
      actualStart: berlinDay(-100),
      costOneOff: 80_000,
    },
    [
      'recommended',
      'planned',
      'in_consultation',
      { to: 'decided', decisionDate: berlinDay(-110), paperReference: '0942/2026' },
      'in_implementation',
    ],
  );
  const hidden = await createMeasure(
    api,
    {
      title: privateTitle,
      sozialraumIds: [sozialraumId],
      handlungsfeld: 'Wohnumfeld und Freiraum',
      plannedStart: berlinDay(30),
      plannedEnd: berlinDay(300),
    },
    ['recommended', 'planned'],
  );

  const milestone = await api.post(`/api/measures/${shown.id}/milestones`, {
    data: { title: 'Ausschreibung Spielgeräte', plannedDate: berlinDay(-40), responsible: 'Grünflächenamt' },
  });
  expect(milestone.status(), await milestone.text()).toBe(201);
  const report = await api.post(`/api/measures/${shown.id}/reports`, {
    data: { date: berlinDay(0), text: 'Die Bauarbeiten haben begonnen.', progress: 35 },
  });
  expect(report.status(), await report.text()).toBe(201);
  // The admin publishes one measure and leaves the other private.
  const published = await api.put(`/api/measures/${shown.id}/publication`, { data: { public: true } });
  expect(published.status(), await published.text()).toBe(200);
  expect(((await published.json()) as { public: boolean }).public).toBe(true);
  const stillPrivate = (await (await api.get(`/api/measures/${hidden.id}`)).json()) as { public: boolean };
  expect(stillPrivate.public).toBe(false);
  const me = (await (await api.get('/api/me')).json()) as { body: { id: string } };
  await api.dispose();
  return { sozialraumId, shown, hidden, bodyId: me.body.id };
}

test('the admin sees a late milestone on the dashboard; anyone sees the public measure, not the private one', async ({
  browser,
  baseURL,
}) => {
  const publicTitle = 'Spielplatz am Lindenhof erneuern';
  const privateTitle = 'Interne Vorplanung Lindenhof';
  const { shown, bodyId } = await setUp(baseURL!, 'TRP-1', 'Transparenzhausen', publicTitle, privateTitle);

  // The dashboard lists the late milestone with its days late and a link to its measure.
  const page = await openAsAdmin(browser, '/massnahmen/dashboard');
  const late = page.getByRole('table', { name: 'Verspätete Meilensteine' });
  const row = late
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Ausschreibung Spielgeräte' }) });
  await expect(row).toContainText('40 Tage');
  await expect(row.getByRole('link', { name: publicTitle, exact: true })).toHaveAttribute(
    'href',
    `/massnahmen/${shown.id}`,
  );
  // Every Sozialraum has a row, with the average progress of its measures in implementation.
  const bySozialraum = page
    .getByRole('table', { name: 'Maßnahmen nach Status je Sozialraum' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'TRP-1 Transparenzhausen', exact: true }) });
  await expect(bySozialraum.getByRole('cell').last()).toHaveText('2');
  await expect(bySozialraum).toContainText('35 %');
  await expect(page.getByRole('img', { name: /Maßnahmen nach Status je Monat/ })).toBeVisible();
  await page.getByText('Daten als Tabelle').first().click();
  await expect(page.getByRole('table', { name: 'Status im Zeitverlauf' })).toBeVisible();
  await expectNoSeriousViolations(page, '/massnahmen/dashboard');

  // Anyone, without logging in, on a phone: the public measure with status and progress, not the private one.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const anonymous = await visitor.newPage();
  await anonymous.goto(`/transparenz?kommune=${bodyId}`);
  await expect(anonymous.getByRole('heading', { level: 1, name: 'Maßnahmen im Quartier' })).toBeVisible();
  const card = anonymous.getByRole('article', { name: publicTitle });
  await expect(card).toBeVisible();
  await expect(card).toContainText('in Umsetzung');
  await expect(card).toContainText('Transparenzhausen');
  await expect(card).toContainText('0942/2026');
  await expect(card.getByTestId('public-progress')).toHaveText('35 %');
  await expect(card.getByRole('progressbar', { name: 'Fortschritt der Umsetzung' })).toHaveAttribute(
    'value',
    '35',
  );
  await expect(card).toContainText('Die Bauarbeiten haben begonnen.');
  await expect(card).toContainText('Ausschreibung Spielgeräte');
  await expect(card).toContainText('verspätet');
  await expect(anonymous.getByText(privateTitle)).toHaveCount(0);
  expect(await anonymous.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The filters narrow the list; a search without a match says so.
  await anonymous.getByLabel('Sozialraum').selectOption({ label: 'Transparenzhausen' });
  await expect(card).toBeVisible();
  await anonymous.getByLabel('Suche').fill('Lindenhof erneuern');
  await expect(anonymous.getByTestId('public-measure')).toHaveCount(1);
  await anonymous.getByLabel('Suche').fill('kein Treffer xyz');
  await expect(anonymous.getByText('Keine Maßnahme passt zu den Filtern.')).toBeVisible();
  await anonymous.getByLabel('Suche').fill('');
  await expectNoSeriousViolations(anonymous, '/transparenz');
  // The footer of every page links the transparency page.
  await expect(
    anonymous.getByRole('contentinfo').getByRole('link', { name: 'Maßnahmen transparent' }),
  ).toBeVisible();
  // Nothing of the private measure over the public API either.
  const answer = await anonymous.request.get(`/api/public/measures?bodyId=${bodyId}`);
  expect(answer.status()).toBe(200);
  expect(await answer.text()).not.toContain(privateTitle);
  await visitor.close();
});

test('the work plan shows the package with its late milestone and offers PDF and XLSX', async ({
  browser,
  baseURL,
}) => {
  const publicTitle = 'Quartiersgarten Arbeitsplan';
  const privateTitle = 'Interne Vorplanung Arbeitsplan';
  const { sozialraumId } = await setUp(baseURL!, 'TRP-2', 'Planhausen', publicTitle, privateTitle);
  const page = await openAsAdmin(browser, '/massnahmen');

  // The work plan: reached from the navigation, filtered to the Sozialraum, with both exports.
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Arbeitsplan' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Arbeitsplan' })).toBeVisible();
  await page.getByLabel('Sozialraum').selectOption({ label: 'TRP-2 Planhausen' });
  await expect(page).toHaveURL(new RegExp(`sozialraumId=${sozialraumId}`));
  const table = page.getByTestId('workplan-table');
  const packageRow = table.getByRole('row').filter({ hasText: publicTitle });
  await expect(packageRow).toContainText('35 %');
  await expect(packageRow).toContainText('Ausschreibung Spielgeräte');
  await expect(packageRow).toContainText('40 Tage verspätet');
  await expect(table.getByRole('row').filter({ hasText: privateTitle })).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Zeitplan (Gantt-Diagramm)' })).toBeVisible();
  await expect(page.getByTestId('gantt-milestone').and(page.locator('[data-late="true"]'))).toHaveCount(1);
  await expect(page.getByTestId('gantt-today')).toHaveCount(1);

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Als PDF herunterladen' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^Arbeitsplan-\d{4}-\d{2}-\d{2}\.pdf$/);
  checkPdf(await saved(pdf));
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Als Excel (XLSX) herunterladen' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^Arbeitsplan-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = await saved(xlsx);
  expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zipEntry(workbook, '[Content_Types].xml')).toContain('spreadsheetml');
  await expectNoSeriousViolations(page, '/arbeitsplan');

  // On a phone the chart scrolls sideways inside its box; the page itself does not.
  await page.setViewportSize({ width: 360, height: 800 });
  const gantt = page.getByTestId('gantt');
  await expect.poll(() => gantt.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Printed: no navigation, filters or buttons, the chart and the table stay.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Als PDF herunterladen' })).toBeHidden();
  await expect(page.getByLabel('Förderprogramm')).toBeHidden();
  await expect(page.getByRole('img', { name: 'Zeitplan (Gantt-Diagramm)' })).toBeVisible();
  await expect(page.getByTestId('workplan-table')).toBeVisible();
});
