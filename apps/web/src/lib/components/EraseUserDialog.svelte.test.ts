import { expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { ApiError } from '$lib/api/client';
import EraseUserDialog from './EraseUserDialog.svelte';

const props = { open: true, name: 'Zoë Quäntchen', email: 'zoe@example.org' };

test('erases only once the typed address matches; a mismatch shows beside the field', async () => {
  const onerase = vi.fn(() => Promise.resolve());
  render(EraseUserDialog, { ...props, onerase });
  const dialog = page.getByRole('dialog', { name: 'Zoë Quäntchen endgültig löschen?' });
  await expect.element(dialog).toBeVisible();
  const field = dialog.getByLabelText('E-Mail-Adresse der Person zur Bestätigung');

  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect.element(dialog.getByText('Bitte die E-Mail-Adresse der Person eingeben.')).toBeVisible();
  await field.fill('jemand@example.org');
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect
    .element(dialog.getByText('Die E-Mail-Adresse stimmt nicht mit der der Person überein.'))
    .toBeVisible();
  await expect.element(field).toHaveFocus();
  expect(onerase).not.toHaveBeenCalled();

  await field.fill(' ZOE@example.org ');
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  expect(onerase).toHaveBeenCalledWith('zoe@example.org');
  await expect.element(dialog).not.toBeInTheDocument();
});

test('the server’s refusal stays in the dialog; Escape closes without erasing', async () => {
  const onerase = vi.fn(() =>
    Promise.reject(new ApiError(409, 'conflict', 'Sie können sich nicht selbst löschen.', null)),
  );
  render(EraseUserDialog, { ...props, onerase });
  const dialog = page.getByRole('dialog');
  await dialog.getByLabelText('E-Mail-Adresse der Person zur Bestätigung').fill('zoe@example.org');
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect.element(dialog.getByText('Sie können sich nicht selbst löschen.')).toBeVisible();
  await userEvent.keyboard('{Escape}');
  await expect.element(dialog).not.toBeInTheDocument();
  expect(onerase).toHaveBeenCalledTimes(1);
});
