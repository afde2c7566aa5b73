import type { VoteInput, WorkshopRoundDto } from '@quartierplan/domain';
import { afterEach, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import PhoneVoting from './PhoneVoting.svelte';
import { apiError, roundDto, stubApi } from './testing';

afterEach(() => vi.unstubAllGlobals());

/** Renders the panel and feeds every answer of a vote back in, as the phone page does. */
function renderVoting(round: WorkshopRoundDto, now = Date.now()) {
  const screen = render(PhoneVoting, {
    workshopId: 'w1',
    round,
    now,
    onRound: (next: WorkshopRoundDto) => void screen.rerender({ round: next }),
  });
  return screen;
}

const dot = (title: string) => page.getByRole('button', { name: `Punkt für „${title}“ vergeben` });

test('shows the dots left, and refuses a dot beyond the budget without asking the server', async () => {
  let round = roundDto({ dotsPerPerson: 2 });
  const calls = stubApi(({ body }) => {
    const vote = body as VoteInput;
    round = { ...round, myVotes: { ...round.myVotes, [vote.needId]: vote.count } };
    return { status: 200, body: round };
  });
  renderVoting(round);
  await expect.element(page.getByTestId('dots-left')).toHaveTextContent('Sie haben noch 2 von 2 Punkten.');
  await dot('Treffpunkt für Jugendliche').click();
  await expect.element(page.getByTestId('dots-left')).toHaveTextContent('Sie haben noch 1 von 2 Punkten.');
  await dot('Treffpunkt für Jugendliche').click();
  await expect.element(page.getByTestId('dots-left')).toHaveTextContent('Sie haben noch 0 von 2 Punkten.');
  // The vote sets the count (a retried request never doubles): the second press sent 2.
  expect(calls.map((call) => call.body)).toEqual([
    { needId: 'n1', count: 1 },
    { needId: 'n1', count: 2 },
  ]);

  await expect.element(dot('Sprachcafé für Eltern')).toHaveAttribute('aria-disabled', 'true');
  // aria-disabled, not disabled: the press still explains why nothing happens.
  await dot('Sprachcafé für Eltern').click({ force: true });
  await expect
    .element(page.getByTestId('vote-error'))
    .toHaveTextContent('Sie haben keine Punkte mehr übrig.');
  expect(calls).toHaveLength(2);

  // Taking one back frees it again.
  await page.getByRole('button', { name: 'Punkt von „Treffpunkt für Jugendliche“ zurücknehmen' }).click();
  await expect.element(page.getByTestId('dots-left')).toHaveTextContent('Sie haben noch 1 von 2 Punkten.');
  await expect.element(page.getByTestId('vote-error')).not.toBeInTheDocument();
});

test('shows the server’s refusal when it counts differently (another device of the same person)', async () => {
  stubApi(() => apiError(422, 'budget_exceeded', 'Sie haben keine Punkte mehr übrig.'));
  renderVoting(roundDto({ dotsPerPerson: 3 }));
  await dot('Sprachcafé für Eltern').click();
  await expect
    .element(page.getByTestId('vote-error'))
    .toHaveTextContent('Sie haben keine Punkte mehr übrig.');
  await expect.element(page.getByTestId('dots-left')).toHaveTextContent('Sie haben noch 3 von 3 Punkten.');
});

test('counts down a timed round, tells screen readers the minutes, and hides results until the close', async () => {
  const now = Date.parse('2026-12-03T10:00:00Z');
  const screen = renderVoting(roundDto({ endsAt: '2026-12-03T10:02:05Z', durationSeconds: 300 }), now);
  await expect.element(page.getByTestId('countdown')).toHaveTextContent('2:05');
  await expect.element(page.getByTestId('countdown').getByRole('status')).toHaveTextContent('Noch 3 Min.');
  await expect.element(page.getByTestId('results-hidden')).toBeVisible();

  await screen.rerender({ now: now + 125_000 });
  await expect.element(page.getByTestId('round-closed')).toBeVisible();
  await expect.element(dot('Sprachcafé für Eltern')).not.toBeInTheDocument();

  await screen.rerender({
    round: roundDto({
      status: 'closed',
      closedAt: '2026-12-03T10:02:05Z',
      results: [
        { needId: 'n2', title: 'Sprachcafé für Eltern', dots: 7 },
        { needId: 'n1', title: 'Treffpunkt für Jugendliche', dots: 3 },
      ],
    }),
  });
  await expect.element(page.getByTestId('result-row').first()).toHaveTextContent('Sprachcafé für Eltern7');
});

test('a paused round says so and refuses dots', async () => {
  const calls = stubApi(() => ({ status: 500 }));
  renderVoting(roundDto({ status: 'paused', remainingSeconds: 42, durationSeconds: 60 }));
  await expect.element(page.getByText('Die Abstimmung ist gerade angehalten.')).toBeVisible();
  await expect.element(page.getByTestId('countdown')).toHaveTextContent('0:42');
  await dot('Treffpunkt für Jugendliche').click({ force: true });
  await expect
    .element(page.getByTestId('vote-error'))
    .toHaveTextContent('Die Abstimmungsrunde ist gerade angehalten.');
  expect(calls).toHaveLength(0);
});
