import { expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ConfirmDialog from './ConfirmDialog.svelte';

const props = {
  open: true,
  title: 'Vorlage löschen?',
  description: 'Der Entwurf wird endgültig gelöscht.',
  confirmLabel: 'Löschen',
};

test('confirming runs the action once and closes the dialog', async () => {
  const onconfirm = vi.fn();
  render(ConfirmDialog, { ...props, onconfirm });

  const dialog = page.getByRole('alertdialog', { name: 'Vorlage löschen?' });
  await expect.element(dialog).toBeVisible();
  await expect.element(dialog.getByText('Der Entwurf wird endgültig gelöscht.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Löschen' }).click();

  expect(onconfirm).toHaveBeenCalledTimes(1);
  await expect.element(dialog).not.toBeInTheDocument();
});

test('Escape and "Abbrechen" close the dialog without the action', async () => {
  const onconfirm = vi.fn();
  const { rerender } = render(ConfirmDialog, { ...props, onconfirm });
  const dialog = page.getByRole('alertdialog');

  // Keyboard users: focus starts inside the dialog, Escape leaves it.
  await expect.element(dialog).toBeVisible();
  await userEvent.keyboard('{Escape}');
  await expect.element(dialog).not.toBeInTheDocument();

  await rerender({ open: true });
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await expect.element(dialog).not.toBeInTheDocument();
  expect(onconfirm).not.toHaveBeenCalled();
});
