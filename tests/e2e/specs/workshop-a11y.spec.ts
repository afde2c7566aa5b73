import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createSozialraum } from '../support/measures.ts';
import { login } from '../support/session.ts';
import { addCard, joinByCode, phoneContext } from '../support/workshop.ts';

// Participants use phones with screen readers and large text; the facilitator a keyboard. Every
// workshop page must have no serious or critical axe violation (WCAG 2.1 AA rules).
// A control that never becomes ready fails the step, not the whole budget.
test.use({ actionTimeout: 15_000 });
test.setTimeout(120_000);

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

test('join, phone cards and voting, projector and board have no serious accessibility violations', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'WS-A11Y', 'Südstadt');
  const created = await api.post(`/api/sozialraeume/${sozialraumId}/workshops`, {
    data: { title: 'Barrierefrei mitreden', date: '2026-12-03' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const workshop = (await created.json()) as { id: string; code: string };
  await api.dispose();

  const facilitatorContext = await browser.newContext();
  contexts.push(facilitatorContext);
  const board = await facilitatorContext.newPage();
  await login(board, ADMIN.email, ADMIN.password);
  await board.goto(`/sozialraeume/${sozialraumId}/workshops/${workshop.id}`);
  await expect(board.getByTestId('workshop-live')).toHaveAttribute('data-state', 'live');

  const context = await phoneContext(browser);
  contexts.push(context);
  const phone = await context.newPage();
  await phone.goto(`/w/${workshop.code}`);
  await expect(phone.getByRole('heading', { level: 1, name: 'Barrierefrei mitreden' })).toBeVisible();
  await expectNoSeriousViolations(phone, 'join page');
  await phone.goto('/w');
  await expectNoSeriousViolations(phone, 'code entry');

  await joinByCode(phone, workshop.code, 'Aylin');
  await addCard(phone, 'Rampe am Eingang des Bürgerhauses');
  await expectNoSeriousViolations(phone, 'phone card page');

  // A card accepted into the needs list, so a round can run.
  const card = board.getByRole('article', { name: 'Rampe am Eingang des Bürgerhauses' });
  await card.getByRole('button', { name: /In Bedarfsliste übernehmen/ }).click();
  await expect(card).toContainText('In der Bedarfsliste');
  await expectNoSeriousViolations(board, 'facilitator board');

  await board.getByRole('spinbutton', { name: 'Punkte pro Person' }).fill('3');
  await board.getByRole('button', { name: 'Abstimmung starten' }).click();
  await expect(phone.getByTestId('dots-left')).toHaveText('Sie haben noch 3 von 3 Punkten.');
  await expectNoSeriousViolations(phone, 'phone voting page');
  await expectNoSeriousViolations(board, 'facilitator board with a running round');

  const projector = await facilitatorContext.newPage();
  await projector.goto(`/workshops/${workshop.id}/projektion`);
  await expect(projector.getByTestId('projector-round')).toBeVisible();
  await expectNoSeriousViolations(projector, 'projector during a round');
  await board.getByRole('button', { name: 'Runde beenden' }).click();
  await expect(projector.getByTestId('projector-results')).toBeVisible();
  await expectNoSeriousViolations(projector, 'projector with results');
});
