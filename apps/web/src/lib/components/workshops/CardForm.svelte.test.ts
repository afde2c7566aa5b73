import type { WorkshopCardDto } from '@quartierplan/domain';
import { afterEach, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CardForm from './CardForm.svelte';
import { apiError, cardDto, stubApi } from './testing';

afterEach(() => vi.unstubAllGlobals());

test('an empty card is refused next to its field, without a request', async () => {
  const calls = stubApi(() => ({ status: 500 }));
  render(CardForm, { workshopId: 'w1', onAdded: () => {} });
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
  const title = page.getByLabelText('Was fehlt, was wird gebraucht?');
  await expect.element(title).toHaveAttribute('aria-invalid', 'true');
  await expect.element(title).toHaveAccessibleDescription('Bitte schreiben Sie etwas auf die Karte.');
  await expect.element(title).toHaveFocus();
  expect(calls).toHaveLength(0);
});

test('adds a card, hands it on and clears the form for the next one', async () => {
  const calls = stubApi(({ body }) => ({ status: 201, body: cardDto({ ...(body as object), mine: true }) }));
  const added: WorkshopCardDto[] = [];
  render(CardForm, { workshopId: 'w1', onAdded: (card: WorkshopCardDto) => added.push(card) });
  await page.getByLabelText('Was fehlt, was wird gebraucht?').fill('  Mehr Bänke am Markt ');
  await page.getByLabelText('Beschreibung (optional)').fill('für Ältere');
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
  await expect.element(page.getByLabelText('Was fehlt, was wird gebraucht?')).toHaveValue('');
  expect(calls).toEqual([
    {
      method: 'POST',
      path: '/api/workshops/w1/cards',
      body: { title: 'Mehr Bänke am Markt', description: 'für Ältere' },
    },
  ]);
  expect(added.map((card) => card.title)).toEqual(['Mehr Bänke am Markt']);
});

test('shows the server’s refusals: a field error beside the field, a rate limit above the button', async () => {
  let answer = apiError(422, 'invalid_input', 'Ungültige Eingabe.', {
    issues: [{ path: 'title', message: 'Eine Karte darf höchstens 200 Zeichen haben.' }],
  });
  stubApi(() => answer);
  render(CardForm, { workshopId: 'w1', onAdded: () => {} });
  const title = page.getByLabelText('Was fehlt, was wird gebraucht?');
  await title.fill('Spielplatz');
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
  await expect.element(title).toHaveAccessibleDescription('Eine Karte darf höchstens 200 Zeichen haben.');
  await expect.element(title).toHaveValue('Spielplatz');

  answer = apiError(429, 'rate_limited', 'Zu viele Karten in kurzer Zeit. Bitte warten Sie einen Moment.');
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
  await expect.element(page.getByRole('alert')).toHaveTextContent('Zu viele Karten in kurzer Zeit.');
});
