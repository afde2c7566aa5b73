import { expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CommentComposer from './CommentComposer.svelte';

const people = [
  { id: 'u1', name: 'Paula Planung', access: 'edit' as const },
  { id: 'u2', name: 'Peter Pause', access: 'view' as const },
  { id: 'u3', name: 'Kurt Kommentar', access: 'comment' as const },
];

test('@ opens a listbox of people; arrows and Enter pick one, who is sent as a mention', async () => {
  const onSubmit = vi.fn(async () => {});
  render(CommentComposer, { label: 'Kommentar', submitLabel: 'Senden', people, onSubmit });
  const field = page.getByRole('combobox', { name: 'Kommentar' });
  await field.click();
  await userEvent.keyboard('Siehe @P');
  await expect.element(field).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('listbox', { name: 'Personen erwähnen' });
  await expect
    .element(list.getByRole('option', { name: 'Paula Planung' }))
    .toHaveAttribute('aria-selected', 'true');
  await expect.element(list.getByRole('option', { name: 'Kurt Kommentar' })).not.toBeInTheDocument();
  await userEvent.keyboard('{ArrowDown}');
  await expect
    .element(list.getByRole('option', { name: 'Peter Pause' }))
    .toHaveAttribute('aria-selected', 'true');
  await userEvent.keyboard('{ArrowDown}{Enter}');
  await expect.element(field).toHaveValue('Siehe @Paula Planung ');
  await expect.element(field).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Senden' }).click();
  expect(onSubmit).toHaveBeenCalledWith('Siehe @Paula Planung', ['u1']);
});

test('Escape closes the list without picking; an empty comment is refused next to the field', async () => {
  const onSubmit = vi.fn(async () => {});
  render(CommentComposer, { label: 'Antwort', submitLabel: 'Senden', people, onSubmit });
  const field = page.getByRole('combobox', { name: 'Antwort' });
  await field.click();
  await userEvent.keyboard('@Ku');
  await expect.element(page.getByRole('option', { name: 'Kurt Kommentar' })).toBeVisible();
  await userEvent.keyboard('{Escape}');
  await expect.element(field).toHaveAttribute('aria-expanded', 'false');
  await expect.element(field).toHaveValue('@Ku');

  await field.fill('   ');
  await page.getByRole('button', { name: 'Senden' }).click();
  await expect.element(field).toHaveAccessibleDescription(/Bitte einen Kommentar schreiben\./);
  expect(onSubmit).not.toHaveBeenCalled();
});

test('a refused comment keeps the text and shows why', async () => {
  const onSubmit = vi.fn(async () => {
    throw new Error('Erwähnt werden können nur Personen, die dieses Dokument lesen dürfen.');
  });
  render(CommentComposer, { label: 'Kommentar', submitLabel: 'Senden', people, onSubmit });
  const field = page.getByRole('combobox', { name: 'Kommentar' });
  await field.fill('Hallo');
  await page.getByRole('button', { name: 'Senden' }).click();
  await expect.element(page.getByText('Erwähnt werden können nur Personen')).toBeVisible();
  await expect.element(field).toHaveValue('Hallo');
});
