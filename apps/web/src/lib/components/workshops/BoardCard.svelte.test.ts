import type { WorkshopEvent } from '@quartierplan/domain';
import { afterEach, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import BoardCard from './BoardCard.svelte';
import { apiError, cardDto, stubApi } from './testing';

afterEach(() => vi.unstubAllGlobals());

const card = cardDto({ id: 'c2', title: 'Jugendtreff fehlt', authorName: 'Bernd' });
const target = cardDto({ id: 'c1', title: 'Treffpunkt für Jugendliche' });
const other = cardDto({ id: 'c3', title: 'Sprachcafé für Eltern' });

test('merges into the card the facilitator picks', async () => {
  const calls = stubApi(() => ({ status: 200, body: { ...target, description: 'auch: Jugendtreff fehlt' } }));
  const events: WorkshopEvent[] = [];
  render(BoardCard, {
    workshopId: 'w1',
    card,
    others: [target, other],
    clusters: [],
    onChange: (event: WorkshopEvent) => events.push(event),
  });
  await expect.element(page.getByText('Bernd')).toBeVisible();
  // Without a target nothing is sent; the card says what is missing.
  await page.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
  await expect
    .element(page.getByRole('alert'))
    .toHaveTextContent('Bitte wählen Sie die Karte, mit der diese zusammengeführt wird.');
  expect(calls).toHaveLength(0);

  await page.getByLabelText('Zusammenführen mit').selectOptions('Treffpunkt für Jugendliche');
  await page.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
  await vi.waitFor(() => expect(events).toHaveLength(2));
  expect(calls).toEqual([
    { method: 'POST', path: '/api/workshops/w1/cards/c2/merge', body: { intoCardId: 'c1' } },
  ]);
  expect(events[0]).toMatchObject({ event: 'card', data: { id: 'c1' } });
  expect(events[1]).toMatchObject({
    event: 'card',
    data: { id: 'c2', status: 'merged', mergedIntoId: 'c1' },
  });
});

test('accepts a card into the needs list, and shows a refusal on the card', async () => {
  let answer: { status: number; body: unknown } = apiError(
    409,
    'conflict',
    'Eine zusammengeführte Karte kann nicht übernommen werden.',
  );
  const calls = stubApi(() => answer);
  const events: WorkshopEvent[] = [];
  const screen = render(BoardCard, {
    workshopId: 'w1',
    card,
    others: [target],
    clusters: [],
    onChange: (event: WorkshopEvent) => events.push(event),
  });
  const accept = page.getByRole('button', { name: 'In Bedarfsliste übernehmen: Jugendtreff fehlt' });
  await accept.click();
  await expect
    .element(page.getByRole('alert'))
    .toHaveTextContent('Eine zusammengeführte Karte kann nicht übernommen werden.');

  const accepted = { ...card, status: 'accepted' as const, needId: 'n9' };
  answer = { status: 200, body: { needId: 'n9', card: accepted } };
  await accept.click();
  await vi.waitFor(() => expect(events).toHaveLength(1));
  expect(calls.at(-1)).toEqual({
    method: 'POST',
    path: '/api/workshops/w1/cards/c2/accept',
    body: undefined,
  });
  expect(events[0]).toEqual({ event: 'card', data: accepted });
  await screen.rerender({ card: accepted });
  await expect.element(page.getByText('In der Bedarfsliste')).toBeVisible();
  await expect.element(accept).not.toBeInTheDocument();
});
