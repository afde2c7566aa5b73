import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createSozialraum } from '../support/measures.ts';
import { login } from '../support/session.ts';
import { addCard, giveDots, joinByCode, parseCsv, phoneContext } from '../support/workshop.ts';

// A whole workshop as a facilitator runs it: the board in one browser, the projector beside it, three
// phones without accounts. Timed rounds really run for 30 s, so the spec has its own time budget.
// A control that never becomes ready fails the step, not the whole budget.
test.use({ actionTimeout: 15_000 });
test.setTimeout(240_000);

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

test('a facilitator runs a workshop with three phones: cards, merge, accept, two rounds, export', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'WS-01', 'Nordstadt');
  await api.dispose();

  // The facilitator creates the workshop on the Sozialraum's workshop page.
  const facilitatorContext = await browser.newContext();
  contexts.push(facilitatorContext);
  const board = await facilitatorContext.newPage();
  await login(board, ADMIN.email, ADMIN.password);
  await board.goto(`/sozialraeume/${sozialraumId}`);
  await board.getByRole('link', { name: 'Workshops' }).click();
  await board.getByRole('button', { name: 'Workshop anlegen' }).click();
  await expect(board.getByText('Bitte einen Titel angeben.')).toBeVisible();
  await board.getByLabel('Titel').fill('Bedarfswerkstatt Nordstadt');
  await board.getByRole('button', { name: 'Workshop anlegen' }).click();
  await expect(board.getByRole('heading', { level: 1, name: 'Bedarfswerkstatt Nordstadt' })).toBeVisible();
  await expect(board.getByTestId('workshop-live')).toHaveAttribute('data-state', 'live');
  const shownCode = (await board.getByTestId('join-code').textContent())!.trim();
  expect(shownCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const workshopId = board.url().split('/').pop()!;

  // The projector: code, QR and join URL, readable without the app's chrome.
  const projector = await facilitatorContext.newPage();
  await projector.goto(`/workshops/${workshopId}/projektion`);
  await expect(projector.getByTestId('projector-code')).toHaveText(shownCode);
  await expect(projector.getByRole('img', { name: /QR-Code zum Beitreten/ })).toBeVisible();
  await expect(projector.getByRole('navigation')).toHaveCount(0);

  // Three phones join by typing the code: in lower case, without the dash, with it.
  const phones = [];
  for (const [typed, name] of [
    [shownCode.toLowerCase(), 'Aylin'],
    [shownCode.replace('-', ''), 'Bernd'],
    [` ${shownCode} `, null],
  ] as const) {
    const context = await phoneContext(browser);
    contexts.push(context);
    const phone = await context.newPage();
    await joinByCode(phone, typed, name);
    phones.push(phone);
  }
  const [aylin, bernd, anonymous] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
  await expect(board.getByTestId('participants')).toContainText('Aylin');
  await expect(board.getByRole('heading', { name: 'Teilnehmende (3)' })).toBeVisible();

  // Cards go live to the projector and the board.
  await addCard(aylin, 'Treffpunkt für Jugendliche');
  await addCard(bernd, 'Jugendtreff fehlt');
  await addCard(anonymous, 'Sprachcafé für Eltern');
  await expect(projector.getByTestId('projector-cards').getByRole('listitem')).toHaveCount(3);
  await expect(board.getByTestId('board-card')).toHaveCount(3);
  await expect(aylin.getByTestId('all-cards').getByRole('listitem')).toHaveCount(3);
  // Phones never see who wrote a card; the board does.
  await expect(aylin.getByTestId('all-cards')).not.toContainText('Bernd');
  await expect(board.getByRole('article', { name: 'Jugendtreff fehlt' })).toContainText('Bernd');

  // Two cards say the same: merge them.
  const duplicate = board.getByRole('article', { name: 'Jugendtreff fehlt' });
  await duplicate.getByLabel('Zusammenführen mit').selectOption({ label: 'Treffpunkt für Jugendliche' });
  await duplicate.getByRole('button', { name: 'Zusammenführen' }).click();
  await expect(board.getByTestId('board-card')).toHaveCount(2);
  await expect(projector.getByTestId('projector-cards').getByRole('listitem')).toHaveCount(2);

  // Both remaining cards go into the needs list.
  for (const title of ['Treffpunkt für Jugendliche', 'Sprachcafé für Eltern']) {
    const card = board.getByRole('article', { name: title });
    await card.getByRole('button', { name: `In Bedarfsliste übernehmen: ${title}` }).click();
    await expect(card).toContainText('In der Bedarfsliste');
  }
  const sozialraum = await facilitatorContext.newPage();
  await sozialraum.goto(`/sozialraeume/${sozialraumId}`);
  const titles = sozialraum.getByRole('list', { name: 'Bedarfsliste' }).getByRole('textbox', {
    name: 'Titel des Bedarfs',
  });
  await expect(titles).toHaveCount(2);
  await expect(titles.nth(0)).toHaveValue('Treffpunkt für Jugendliche');
  await expect(sozialraum.getByTestId('need-workshop')).toHaveCount(2);

  // Round 1: 3 dots each, 30 seconds, results hidden until the close.
  await board.getByRole('spinbutton', { name: 'Punkte pro Person' }).fill('3');
  await board.getByLabel('Dauer').selectOption({ label: '30 Sek.' });
  await board.getByRole('button', { name: 'Abstimmung starten' }).click();
  await expect(board.getByTestId('running-round')).toBeVisible();
  await expect(projector.getByTestId('projector-round').getByTestId('countdown')).toBeVisible();
  // The projector runs in the facilitator's session, yet the room sees no totals while voting.
  await expect(projector.getByTestId('projector-round').getByTestId('result-chart')).toHaveCount(0);
  for (const phone of phones) {
    await expect(phone.getByRole('tab', { name: /Abstimmung/ })).toHaveAttribute('aria-selected', 'true');
    await expect(phone.getByTestId('countdown')).toBeVisible();
    await expect(phone.getByTestId('results-hidden')).toBeVisible();
  }
  await giveDots(aylin, 'Treffpunkt für Jugendliche', 2);
  await giveDots(aylin, 'Sprachcafé für Eltern', 1);
  await expect(aylin.getByTestId('dots-left')).toHaveText('Sie haben noch 0 von 3 Punkten.');
  // A fourth dot is refused on the phone, and nothing changes.
  await aylin
    .getByRole('button', { name: 'Punkt für „Sprachcafé für Eltern“ vergeben' })
    .click({ force: true });
  await expect(aylin.getByTestId('vote-error')).toHaveText('Sie haben keine Punkte mehr übrig.');
  await giveDots(bernd, 'Treffpunkt für Jugendliche', 3);
  await giveDots(anonymous, 'Sprachcafé für Eltern', 1);
  await expect(board.getByTestId('running-round')).toContainText('3 haben abgestimmt');
  await expect(aylin.getByTestId('phone-results')).toHaveCount(0);

  // The timer closes the round by itself; then everybody sees the result.
  for (const phone of phones) {
    await expect(phone.getByTestId('round-closed')).toBeVisible({ timeout: 45_000 });
    await expect(phone.getByTestId('phone-results').getByTestId('result-row')).toHaveText(
      ['Treffpunkt für Jugendliche5', 'Sprachcafé für Eltern2'],
      { timeout: 10_000 },
    );
  }
  await expect(projector.getByTestId('projector-results').getByTestId('result-row')).toHaveText([
    'Treffpunkt für Jugendliche5',
    'Sprachcafé für Eltern2',
  ]);
  await expect(board.getByTestId('past-round')).toHaveCount(1);

  // The results as CSV, as the facilitator downloads them.
  const [download] = await Promise.all([
    board.waitForEvent('download'),
    board.getByRole('link', { name: 'Ergebnisse als CSV' }).click(),
  ]);
  const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
  const header = rows[0]!;
  const titleColumn = header.indexOf('Bedarf');
  const dotsColumn = header.indexOf('Punkte');
  expect(titleColumn).toBeGreaterThanOrEqual(0);
  expect(dotsColumn).toBeGreaterThanOrEqual(0);
  const csvResults = rows
    .slice(1)
    .filter((row) => row.length > 1)
    .map((row) => `${row[titleColumn]}:${row[dotsColumn]}`);
  expect(csvResults).toEqual(['Treffpunkt für Jugendliche:5', 'Sprachcafé für Eltern:2']);

  // Round 2, without a timer: the facilitator closes it; round 1 stays as it was.
  await board.getByRole('spinbutton', { name: 'Punkte pro Person' }).fill('1');
  await board.getByLabel('Dauer').selectOption({ label: 'ohne Zeitlimit' });
  await board.getByRole('button', { name: 'Abstimmung starten' }).click();
  await expect(aylin.getByTestId('dots-left')).toHaveText('Sie haben noch 1 von 1 Punkten.');
  await giveDots(aylin, 'Sprachcafé für Eltern', 1);
  await giveDots(bernd, 'Sprachcafé für Eltern', 1);
  await board.getByRole('button', { name: 'Runde beenden' }).click();
  await expect(board.getByTestId('past-round')).toHaveCount(2);
  await expect(board.getByTestId('past-round').nth(0).getByTestId('result-row').first()).toHaveText(
    'Sprachcafé für Eltern2',
  );
  await expect(board.getByTestId('past-round').nth(1).getByTestId('result-row')).toHaveText([
    'Treffpunkt für Jugendliche5',
    'Sprachcafé für Eltern2',
  ]);
  await expect(bernd.getByTestId('phone-results').getByTestId('result-row').first()).toHaveText(
    'Sprachcafé für Eltern2',
  );

  // The needs list shows the latest result of each need and, on demand, every round.
  const sprachcafe = sozialraum.locator('li[data-need-id]').nth(1);
  await expect(sozialraum.getByTestId('need-votes')).toHaveText(['0 Punkte', '2 Punkte']);
  await sprachcafe.getByText('Punkte je Runde').click();
  await expect(sprachcafe.getByTestId('need-dot-history')).toContainText(
    'Runde 1 von „Bedarfswerkstatt Nordstadt“: 2 Punkte',
  );
  await expect(sprachcafe.getByTestId('need-dot-history')).toContainText(
    'Runde 2 von „Bedarfswerkstatt Nordstadt“: 2 Punkte',
  );
});
