import { expect, test } from '@playwright/test';
import {
  adminApi,
  card,
  column,
  createMeasure,
  createSozialraum,
  openAsAdmin,
  transition,
} from '../support/measures.ts';

test('a card dragged on the board moves for a second person within a second', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M01', 'Boele');
  const title = 'Sprachcafé im Stadtteilzentrum';
  await createMeasure(api, { title, sozialraumIds: [sozialraumId] }, ['recommended', 'planned']);

  const board = `/massnahmen?view=board&sozialraumId=${sozialraumId}`;
  const mover = await openAsAdmin(browser, board);
  const watcher = await openAsAdmin(browser, board);
  await expect(column(watcher, 'planned').getByText(title)).toBeVisible();
  await expect(column(mover, 'planned').getByRole('heading', { name: 'im Aktionsplan' })).toBeVisible();

  await card(mover, title).dragTo(column(mover, 'in_consultation'));
  // The drop opens the dialog; nothing moves until it is confirmed.
  const confirm = mover.getByRole('dialog', { name: `„${title}“ → in Beratung` });
  await expect(confirm).toBeVisible();
  await expect(column(mover, 'planned').getByText(title)).toBeVisible();
  await confirm.getByRole('button', { name: 'Status ändern' }).click();
  const dropped = Date.now();
  await expect(column(watcher, 'in_consultation').getByText(title)).toBeVisible({ timeout: 1000 });
  expect(Date.now() - dropped).toBeLessThan(1000);
  await expect(column(watcher, 'planned').getByText(title)).toHaveCount(0);
  await expect(column(mover, 'in_consultation').getByText(title)).toBeVisible();
  await expect(
    mover.getByRole('status').filter({ hasText: `„${title}“ ist jetzt in Beratung.` }),
  ).toBeVisible();
});

test('a card moves by keyboard; "beschlossen" asks for date and Drucksachennummer', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M02', 'Haspe-Zentrum');
  const title = 'Familienbüro Haspe';
  await createMeasure(api, { title, sozialraumIds: [sozialraumId] }, ['recommended', 'planned']);

  const page = await openAsAdmin(browser, `/massnahmen?view=board&sozialraumId=${sozialraumId}`);
  const watcher = await openAsAdmin(browser, `/massnahmen?view=board&sozialraumId=${sozialraumId}`);

  // The menu lists what the workflow allows from "im Aktionsplan": on to "in Beratung", or defer.
  await page.getByRole('button', { name: `Status ändern: ${title}` }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  // An admin also finds the earlier states to correct to, after the workflow's steps.
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Nach „in Beratung“',
    'Nach „zurückgestellt“',
    'Korrigieren auf „Idee“',
    'Korrigieren auf „Handlungsempfehlung“',
  ]);
  await expect(menu.getByRole('menuitem', { name: 'Nach „in Beratung“' })).toBeFocused();
  await page.keyboard.press('Enter');
  const consult = page.getByRole('dialog', { name: `„${title}“ → in Beratung` });
  await expect(consult.getByLabel('Kommentar (optional)')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(consult.getByRole('button', { name: 'Status ändern' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(consult).toBeHidden();
  await expect(column(page, 'in_consultation').getByText(title)).toBeVisible();
  await expect(column(watcher, 'in_consultation').getByText(title)).toBeVisible({ timeout: 1000 });

  await page.getByRole('button', { name: `Status ändern: ${title}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Nach „beschlossen“' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `„${title}“ → beschlossen` });
  await expect(dialog).toBeVisible();

  // Both fields are required; a malformed reference comes back with the server's words.
  await dialog.getByRole('button', { name: 'Status ändern' }).click();
  await expect(dialog.getByText('Pflichtfeld')).toHaveCount(2);
  await dialog.getByLabel('Datum des Beschlusses').fill('2026-03-18');
  await dialog.getByLabel('Drucksachennummer').fill('745/26');
  await dialog.getByRole('button', { name: 'Status ändern' }).click();
  await expect(
    dialog.getByText('Die Drucksachennummer hat die Form NNNN/JJJJ (z. B. 0745/2023).'),
  ).toBeVisible();
  await dialog.getByLabel('Drucksachennummer').fill('0745/2026');
  await dialog.getByLabel('Kommentar (optional)').fill('Rat, Sitzung vom 18.03.');
  await dialog.getByRole('button', { name: 'Status ändern' }).click();
  await expect(dialog).toBeHidden();
  await expect(column(page, 'decided').getByText(title)).toBeVisible();
  await expect(column(watcher, 'decided').getByText(title)).toBeVisible({ timeout: 1000 });

  // The detail page shows the decision and the audit trail along the chain.
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('0745/2026', { exact: true })).toBeVisible();
  const trail = page.getByRole('list', { name: 'Änderungsprotokoll' });
  await expect(trail.getByRole('listitem')).toHaveCount(5);
  await expect(trail.getByRole('listitem').last()).toContainText('in Beratung → beschlossen');
  await expect(trail.getByRole('listitem').last()).toContainText('Drucksachennummer: 0745/2026');
  await expect(trail.getByRole('listitem').last()).toContainText('„Rat, Sitzung vom 18.03.“');
  await expect(page.getByTestId('measure-chain').locator('[aria-current="step"]')).toHaveText(/Beschluss/);
});

test('a refused transition shows the server’s message', async ({ browser, baseURL }) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M03', 'Vorhalle');
  const idea = await createMeasure(api, { title: 'Bücherschrank am Markt', sozialraumIds: [sozialraumId] });
  const raced = await createMeasure(api, { title: 'Quartiersfonds', sozialraumIds: [sozialraumId] }, [
    'recommended',
    'planned',
    'in_consultation',
  ]);
  const page = await openAsAdmin(browser, `/massnahmen?view=board&sozialraumId=${sozialraumId}`);

  // A drop on a column the workflow does not allow says why not, and nothing moves.
  await card(page, idea.title).dragTo(column(page, 'in_consultation'));
  await expect(page.getByRole('alert').filter({ hasText: 'Statuswechsel abgelehnt' })).toHaveText(
    'Statuswechsel abgelehnt: Eine Maßnahme im Status „Idee“ kann nicht in den Status „in Beratung“ wechseln.',
  );
  await expect(column(page, 'idea').getByText(idea.title)).toBeVisible();

  // Someone else decides first while the dialog is open: the server refuses and says so.
  await page.getByRole('button', { name: `Status ändern: ${raced.title}` }).click();
  await page.getByRole('menuitem', { name: 'Nach „beschlossen“' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Datum des Beschlusses').fill('2026-04-01');
  await dialog.getByLabel('Drucksachennummer').fill('0812/2026');
  await transition(api, raced.id, { to: 'rejected', decisionDate: '2026-03-30', comment: 'Keine Mittel' });
  await expect(column(page, 'rejected').getByText(raced.title)).toBeVisible();
  await dialog.getByRole('button', { name: 'Status ändern' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Eine Maßnahme im Status „abgelehnt“ kann nicht in den Status „beschlossen“ wechseln.',
  );
});

test('list filters live in the URL and survive a reload; exports use them', async ({ browser, baseURL }) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M04', 'Eilpe');
  await createMeasure(
    api,
    {
      title: 'Jugendtreff Eilpe',
      sozialraumIds: [sozialraumId],
      handlungsfeld: 'Jugend',
      fundingSource: 'land',
    },
    ['recommended'],
  );
  await createMeasure(api, {
    title: 'Seniorencafé Eilpe',
    sozialraumIds: [sozialraumId],
    handlungsfeld: 'Alter',
  });
  await createMeasure(api, {
    title: 'Jugendtreff Selbecke',
    sozialraumIds: [sozialraumId],
    fundingSource: 'eu',
  });

  const page = await openAsAdmin(browser, '/massnahmen');
  await page.getByLabel('Sozialraum').selectOption({ label: 'M04 Eilpe' });
  await expect(page).toHaveURL(new RegExp(`sozialraumId=${sozialraumId}`));
  await page.getByLabel('Suche in Titel und Beschreibung').fill('Jugendtreff');
  await expect(page).toHaveURL(/q=Jugendtreff/);
  await page.getByRole('group', { name: 'Förderquelle' }).getByLabel('Land').check();
  await expect(page).toHaveURL(/fundingSource=land/);
  const rows = page.getByTestId('measure-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Jugendtreff Eilpe');

  await page.reload();
  await expect(page.getByLabel('Suche in Titel und Beschreibung')).toHaveValue('Jugendtreff');
  await expect(page.getByLabel('Sozialraum')).toHaveValue(sozialraumId);
  await expect(page.getByRole('group', { name: 'Förderquelle' }).getByLabel('Land')).toBeChecked();
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    `/api/measures/export?sozialraumId=${sozialraumId}&fundingSource=land&q=Jugendtreff&format=csv`,
  );
  const csv = await page.request.get(
    (await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href'))!,
  );
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain('Jugendtreff Eilpe');
  expect(text).not.toContain('Selbecke');

  // The board keeps the filters too.
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page).toHaveURL(/view=board/);
  await expect(page).toHaveURL(/q=Jugendtreff/);
  await expect(column(page, 'recommended').getByText('Jugendtreff Eilpe')).toBeVisible();

  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(page.getByLabel('Suche in Titel und Beschreibung')).toHaveValue('');
  await expect(page).not.toHaveURL(/q=/);
});

test('create a measure, edit it; a stale save is refused and can be reloaded', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  await createSozialraum(api, 'M05', 'Emst');
  const page = await openAsAdmin(browser, `/massnahmen`);
  await page.getByRole('link', { name: 'Neue Maßnahme' }).first().click();
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page.getByLabel('Titel', { exact: true })).toHaveAccessibleDescription(
    'Bitte einen Titel angeben.',
  );
  await page.getByLabel('Titel', { exact: true }).fill('Stadtteilspaziergang Emst');
  await page.getByLabel('M05 Emst').check();
  await page.getByLabel('Kosten einmalig (EUR)').fill('1.250,50');
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stadtteilspaziergang Emst' })).toBeVisible();
  await expect(page.getByLabel('Kosten einmalig (EUR)')).toHaveValue('1250,5');
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');

  await page.getByLabel('Zielgruppe').fill('Ältere Menschen');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Änderungen gespeichert.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Änderungsprotokoll' })).toContainText('geändert: Zielgruppe');

  // Someone else changes the measure while this page has unsaved edits.
  const id = page.url().split('/').pop()!;
  await page.getByLabel('Träger').fill('Caritas');
  const current = (await (await api.get(`/api/measures/${id}`)).json()) as { version: number };
  const patched = await api.patch(`/api/measures/${id}`, {
    data: { provider: 'AWO' },
    headers: { 'If-Match': String(current.version) },
  });
  expect(patched.status()).toBe(200);
  await expect(page.getByRole('alert').filter({ hasText: 'inzwischen geändert' })).toBeVisible();
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Die Maßnahme wurde inzwischen geändert. Ihre Änderungen' })
      .first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Neu laden' }).click();
  await expect(page.getByLabel('Träger')).toHaveValue('AWO');
});

test('the dashboard shows the figures of the measures created', async ({ browser, baseURL }) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M06', 'Dahl');
  const base = { sozialraumIds: [sozialraumId] };
  await createMeasure(api, { ...base, title: 'Idee A' });
  await createMeasure(api, { ...base, title: 'Plan B', costOneOff: 1000, costYearly: 200 }, [
    'recommended',
    'planned',
  ]);
  await createMeasure(api, { ...base, title: 'Beratung C', costOneOff: 500 }, [
    'recommended',
    'planned',
    'in_consultation',
  ]);
  const decided = await createMeasure(
    api,
    { ...base, title: 'Umsetzung D', costOneOff: 5000, costYearly: 1200 },
    [
      'recommended',
      'planned',
      'in_consultation',
      { to: 'decided', decisionDate: '2026-02-01', paperReference: '0101/2026' },
      'in_implementation',
    ],
  );
  const current = (await (await api.get(`/api/measures/${decided.id}`)).json()) as { version: number };
  expect(
    (
      await api.patch(`/api/measures/${decided.id}`, {
        data: { progress: 40 },
        headers: { 'If-Match': String(current.version) },
      })
    ).status(),
  ).toBe(200);

  const page = await openAsAdmin(browser, '/massnahmen/dashboard');
  const byStatus = page.getByRole('table', { name: 'Maßnahmen nach Status je Sozialraum' });
  const header = await byStatus.getByRole('columnheader').allTextContents();
  const row = byStatus.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Dahl' }) });
  const cells = await row.getByRole('cell').allTextContents();
  const count = (label: string) => cells[header.indexOf(label) - 1];
  expect(count('Idee')).toBe('1');
  expect(count('im Aktionsplan')).toBe('1');
  expect(count('in Beratung')).toBe('1');
  expect(count('in Umsetzung')).toBe('1');
  expect(count('Summe')).toBe('4');

  const costs = page
    .getByRole('table', { name: 'Kosten geplant und beschlossen je Sozialraum' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Dahl' }) });
  await expect(costs.getByRole('cell')).toHaveText(['1.500 €', '200 €', '5.000 €', '1.200 €']);

  const implementation = page.getByRole('region', { name: 'Maßnahmen in Umsetzung' });
  await expect(implementation.getByRole('progressbar', { name: 'Umsetzung D' })).toHaveAttribute(
    'value',
    '40',
  );

  await page.getByLabel('Unverändert seit mehr als').selectOption({ label: '7 Tagen' });
  await expect(page).toHaveURL(/staleDays=7/);
  await expect(page.getByText('Keine Maßnahme ist länger als 7 Tage unverändert.')).toBeVisible();

  // Live: a new measure in Dahl shows up without reload.
  await createMeasure(api, { ...base, title: 'Idee E' });
  await expect(row.getByRole('cell').last()).toHaveText('5');
});

test('an admin corrects a status to an earlier one with a reason, shown as a correction', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M09', 'Wehringhausen-Ost');
  const title = 'Nachbarschaftstreff Bohne';
  const measure = await createMeasure(api, { title, sozialraumIds: [sozialraumId] }, [
    'recommended',
    'planned',
    'in_consultation',
  ]);
  const page = await openAsAdmin(browser, `/massnahmen/${measure.id}`);

  await page.getByRole('button', { name: 'Korrigieren auf „Handlungsempfehlung“' }).click();
  const dialog = page.getByRole('dialog', { name: `„${title}“ korrigieren auf Handlungsempfehlung` });
  await dialog.getByRole('button', { name: 'Korrigieren' }).click();
  await expect(dialog.getByText('Bitte einen Grund angeben.')).toBeVisible();
  await expect(dialog.getByLabel('Grund der Korrektur')).toBeFocused();
  await dialog.getByLabel('Grund der Korrektur').fill('Versehentlich in die Beratung gegeben');
  await dialog.getByRole('button', { name: 'Korrigieren' }).click();
  await expect(dialog).toBeHidden();

  const last = page.getByRole('list', { name: 'Änderungsprotokoll' }).getByRole('listitem').last();
  await expect(last).toContainText('KorrekturStatus korrigiert: in Beratung → Handlungsempfehlung');
  await expect(last).toContainText('„Versehentlich in die Beratung gegeben“');
  const events = (await (await api.get(`/api/measures/${measure.id}/events`)).json()) as { kind: string }[];
  expect(events.at(-1)).toMatchObject({ kind: 'correction' });
});

test('a long list loads further measures as the person scrolls', async ({ browser, baseURL }) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'M99', 'Blätterfeld');
  for (let i = 1; i <= 120; i++)
    await createMeasure(api, { sozialraumIds: [sozialraumId], title: `Blätterprobe ${i}` });

  const page = await openAsAdmin(browser, `/massnahmen?sozialraumId=${sozialraumId}`);
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'Blätterprobe' });
  await expect(rows).toHaveCount(50);
  await expect(page.getByText('50 Maßnahmen angezeigt, weitere folgen beim Blättern')).toBeVisible();
  // Newest first: the last one created leads.
  await expect(rows.first()).toContainText('Blätterprobe 120');

  // Scrolling to the end of the list brings the next page by itself.
  await page.getByRole('button', { name: 'Weitere laden' }).scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(100);

  // After the last page the button is gone and the count is complete.
  await page.getByRole('button', { name: 'Weitere laden' }).scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(120);
  await expect(page.getByText('120 Maßnahmen', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Weitere laden' })).toHaveCount(0);
  await expect(rows.last()).toContainText('Blätterprobe 1');
});
