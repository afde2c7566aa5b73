import type { MeasureDto } from '@quartierplan/domain';
import { expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { TransitionController } from '$lib/measures/transitions.svelte';
import { upsertMeasure } from '$lib/measures/view';
import MeasureBoard from './MeasureBoard.svelte';
import TransitionDialog from './TransitionDialog.svelte';
import { measureDto, transitionsEndpoint } from './testing';

test('moving a card by keyboard opens the dialog; the card moves only after confirming', async () => {
  let measures: MeasureDto[] = [measureDto({ id: 'm1', title: 'Familienbüro Haspe' })];
  const { api, calls } = transitionsEndpoint(measures);
  const controller = new TransitionController(api, (moved) => {
    measures = upsertMeasure(measures, moved);
    void board.rerender({ measures, controller });
  });
  const board = render(MeasureBoard, { measures, controller });
  render(TransitionDialog, { controller });
  const column = (status: string) => page.getByTestId(`board-column-${status}`);

  // Keyboard only: focus the card's menu, open it, choose "in Beratung".
  const trigger = page.getByRole('button', { name: 'Status ändern: Familienbüro Haspe' });
  (trigger.element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  const item = page.getByRole('menuitem', { name: 'Nach „in Beratung“' });
  await expect.element(item).toHaveFocus();
  await userEvent.keyboard('{Enter}');

  const dialog = page.getByRole('dialog', { name: '„Familienbüro Haspe“ → in Beratung' });
  await expect.element(dialog).toBeVisible();
  // Nothing has moved or been sent while the dialog asks.
  await expect.element(column('planned').getByText('Familienbüro Haspe')).toBeVisible();
  expect(calls).toEqual([]);

  // Escape leaves everything as it was.
  await userEvent.keyboard('{Escape}');
  await expect.element(dialog).not.toBeInTheDocument();
  expect(calls).toEqual([]);
  await expect.element(column('planned').getByText('Familienbüro Haspe')).toBeVisible();

  // Again, now confirmed with Enter in the comment field's form.
  (trigger.element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(item).toHaveFocus();
  await userEvent.keyboard('{Enter}');
  await expect.element(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Status ändern' }).click();
  await expect.element(dialog).not.toBeInTheDocument();
  expect(calls).toEqual([{ id: 'm1', input: { to: 'in_consultation' } }]);
  await expect.element(column('in_consultation').getByText('Familienbüro Haspe')).toBeVisible();
  await expect.element(column('planned').getByText('Familienbüro Haspe')).not.toBeInTheDocument();
});

test('an admin sees the corrections in the card menu, apart from the workflow steps', async () => {
  const measure = measureDto({
    status: 'in_consultation',
    permissions: {
      edit: true,
      transitions: ['decided', 'rejected', 'deferred'],
      corrections: ['idea', 'recommended', 'planned'],
    },
  });
  const { api } = transitionsEndpoint([measure]);
  const controller = new TransitionController(api, () => {});
  render(MeasureBoard, { measures: [measure], controller });
  render(TransitionDialog, { controller });

  await page.getByRole('button', { name: 'Status ändern: Sprachcafé' }).click();
  await expect.element(page.getByRole('group', { name: 'Status korrigieren' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Korrigieren auf „im Aktionsplan“' }).click();
  const dialog = page.getByRole('dialog', { name: '„Sprachcafé“ korrigieren auf im Aktionsplan' });
  await expect.element(dialog.getByLabelText('Grund der Korrektur')).toBeRequired();
});
