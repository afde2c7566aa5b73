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

test('adds needs and edits their titles', async () => {
  render(NeedsList, { ...props, docId: `needs-${crypto.randomUUID()}` });
  const input = page.getByLabelText('Neuer Bedarf');
  await expect.element(page.getByRole('button', { name: 'Hinzufügen', exact: true })).toBeDisabled();

  await input.fill('Treffpunkt für Jugendliche');
  await userEvent.keyboard('{Enter}');
  await input.fill('Sprachkurse für Eltern');
  await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  const list = page.getByRole('list', { name: 'Bedarfsliste' });
  const titles = list.getByRole('textbox', { name: 'Titel des Bedarfs' });
  await expect.element(titles.nth(0)).toHaveValue('Treffpunkt für Jugendliche');
  await expect.element(titles.nth(1)).toHaveValue('Sprachkurse für Eltern');
  await expect.element(page.getByText('„Sprachkurse für Eltern“ hinzugefügt.')).toBeVisible();
  await expect.element(input).toHaveValue('');

  // Editing a title changes the need itself.
  await titles.nth(0).fill('Jugendtreff am Markt');
  await expect.element(titles.nth(0)).toHaveValue('Jugendtreff am Markt');
  // Voting happens in workshops now: the list offers no dots of its own.
  await expect.element(page.getByRole('button', { name: /Punkt für/ }).first()).not.toBeInTheDocument();
});

test('a read-only person sees the list but cannot add', async () => {
  render(NeedsList, { ...props, docId: `needs-${crypto.randomUUID()}`, readOnly: true });
  await expect.element(page.getByText('Noch keine Bedarfe', { exact: false })).toBeVisible();
  await expect.element(page.getByLabelText('Neuer Bedarf')).not.toBeInTheDocument();
});
