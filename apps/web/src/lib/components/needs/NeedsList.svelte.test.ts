import { expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import NeedsList from './NeedsList.svelte';

// The list works on its own Y.Doc (NeedsDocument); no sync server runs here, so what is checked is
// what the person sees and does locally, which is what is then synced.
const props = {
  docId: 'needs-test',
  readOnly: false,
  me: { id: 'u1', name: 'Petra Schulz' },
  sozialraumId: 's1',
};

test('adds needs and votes within the dot budget of an open round', async () => {
  render(NeedsList, { ...props, docId: `needs-${crypto.randomUUID()}` });
  const input = page.getByLabelText('Neuer Bedarf');
  await expect.element(page.getByRole('button', { name: 'Hinzufügen' })).toBeDisabled();

  await input.fill('Treffpunkt für Jugendliche');
  await userEvent.keyboard('{Enter}');
  await input.fill('Sprachkurse für Eltern');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  const list = page.getByRole('list', { name: 'Bedarfsliste' });
  const titles = list.getByRole('textbox', { name: 'Titel des Bedarfs' });
  await expect.element(titles.nth(0)).toHaveValue('Treffpunkt für Jugendliche');
  await expect.element(titles.nth(1)).toHaveValue('Sprachkurse für Eltern');
  await expect.element(page.getByText('„Sprachkurse für Eltern“ hinzugefügt.')).toBeVisible();
  await expect.element(input).toHaveValue('');

  // Editing a title changes the need itself (its voting button below carries the new title).
  await titles.nth(0).fill('Jugendtreff am Markt');

  // Open a round with 2 dots per person.
  const voting = page.getByRole('region', { name: 'Punktabfrage' });
  await voting.getByLabelText('Punkte pro Person').fill('2');
  await voting.getByRole('button', { name: 'Punktabfrage starten' }).click();
  await expect.element(voting.getByText('Sie haben noch 2 von 2 Punkten.')).toBeVisible();

  const addDot = (title: string) => page.getByRole('button', { name: `Punkt für „${title}“ vergeben` });
  await addDot('Jugendtreff am Markt').click();
  await addDot('Sprachkurse für Eltern').click();
  await expect.element(voting.getByText('Sie haben noch 0 von 2 Punkten.')).toBeVisible();
  // A third dot is over the budget: refused with an explanation, nothing counted.
  await expect.element(addDot('Sprachkurse für Eltern')).toHaveAttribute('aria-disabled', 'true');
  await addDot('Sprachkurse für Eltern').click({ force: true });
  await expect.element(page.getByText('Sie haben alle Punkte vergeben.', { exact: false })).toBeVisible();
  await expect.element(list.getByText('1 Punkt', { exact: true }).first()).toBeVisible();

  // Taking one back frees it again.
  await page.getByRole('button', { name: 'Punkt von „Jugendtreff am Markt“ zurücknehmen' }).click();
  await expect.element(voting.getByText('Sie haben noch 1 von 2 Punkten.')).toBeVisible();
});

test('a read-only person sees the list but cannot add or start a round', async () => {
  render(NeedsList, { ...props, docId: `needs-${crypto.randomUUID()}`, readOnly: true });
  await expect.element(page.getByRole('region', { name: 'Punktabfrage' })).toBeVisible();
  await expect.element(page.getByLabelText('Neuer Bedarf')).not.toBeInTheDocument();
  await expect.element(page.getByRole('button', { name: 'Punktabfrage starten' })).not.toBeInTheDocument();
});
