import type { MeasureDto } from '@quartierplan/domain';
import { expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { TransitionController } from '$lib/measures/transitions.svelte';
import TransitionDialog from './TransitionDialog.svelte';
import { measureDto, transitionsEndpoint } from './testing';

function setup(measure: MeasureDto) {
  const endpoint = transitionsEndpoint([measure]);
  const moved: MeasureDto[] = [];
  const controller = new TransitionController(endpoint.api, (m) => moved.push(m));
  render(TransitionDialog, { controller });
  return { ...endpoint, controller, moved };
}

test('deferring needs a reason: the error is next to the field, then it saves by keyboard alone', async () => {
  const measure = measureDto();
  const { controller, calls, moved } = setup(measure);
  controller.request(measure, 'deferred');

  const dialog = page.getByRole('dialog', { name: '„Sprachcafé“ → zurückgestellt' });
  await expect.element(dialog).toBeVisible();
  const reason = dialog.getByLabelText('Grund der Zurückstellung');
  await expect.element(reason).toBeRequired();

  // Tab to the submit button and press Enter without a reason: nothing is sent.
  await reason.click();
  await userEvent.keyboard('{Tab}{Tab}{Enter}');
  await expect.element(dialog.getByText('Bitte einen Grund angeben.')).toBeVisible();
  await expect.element(reason).toHaveAttribute('aria-invalid', 'true');
  await expect.element(reason).toHaveFocus();
  expect(calls).toEqual([]);

  await userEvent.keyboard('Haushaltssperre 2026');
  await userEvent.keyboard('{Tab}{Tab}{Enter}');
  await expect.element(dialog).not.toBeInTheDocument();
  expect(calls).toEqual([{ id: 'm1', input: { to: 'deferred', comment: 'Haushaltssperre 2026' } }]);
  expect(moved.map((m) => m.status)).toEqual(['deferred']);
});

test('Escape cancels: nothing is sent and nothing moves', async () => {
  const measure = measureDto();
  const { controller, calls, moved } = setup(measure);
  controller.request(measure, 'in_consultation');

  const dialog = page.getByRole('dialog', { name: '„Sprachcafé“ → in Beratung' });
  await expect.element(dialog.getByLabelText('Kommentar (optional)')).toBeVisible();
  await dialog.getByLabelText('Kommentar (optional)').fill('Doch nicht');
  await userEvent.keyboard('{Escape}');
  await expect.element(dialog).not.toBeInTheDocument();
  expect(controller.pending).toBeNull();
  expect(calls).toEqual([]);
  expect(moved).toEqual([]);
});

test('an optional comment goes along; the server refusal shows inside the dialog, focused', async () => {
  const measure = measureDto();
  const { controller, calls, refusals } = setup(measure);
  refusals.push({
    status: 409,
    code: 'conflict',
    message: 'Die Maßnahme wurde inzwischen geändert. Bitte neu laden und erneut versuchen.',
  });
  controller.request(measure, 'in_consultation');
  const dialog = page.getByRole('dialog', { name: '„Sprachcafé“ → in Beratung' });
  await dialog.getByLabelText('Kommentar (optional)').fill('Ausschuss am 12.03.');
  await dialog.getByRole('button', { name: 'Status ändern' }).click();

  const alert = dialog.getByRole('alert');
  await expect.element(alert).toHaveTextContent(/inzwischen geändert/);
  // Focus moves into the message (so a screen reader and the eye find it at once).
  await expect.poll(() => alert.element().contains(document.activeElement)).toBe(true);
  await expect.element(dialog).toBeVisible();

  await dialog.getByRole('button', { name: 'Status ändern' }).click();
  await expect.element(dialog).not.toBeInTheDocument();
  expect(calls.map((c) => c.input)).toEqual([
    { to: 'in_consultation', comment: 'Ausschuss am 12.03.' },
    { to: 'in_consultation', comment: 'Ausschuss am 12.03.' },
  ]);
});

test('an admin correction asks for its reason and is sent as a correction', async () => {
  const measure = measureDto({
    status: 'decided',
    decisionDate: '2026-02-01',
    paperReference: '0745/2026',
    permissions: {
      edit: true,
      transitions: ['in_implementation', 'deferred'],
      corrections: ['idea', 'recommended', 'planned', 'in_consultation'],
    },
  });
  const { controller, calls, refusals } = setup(measure);
  controller.request(measure, 'planned');

  const dialog = page.getByRole('dialog', { name: '„Sprachcafé“ korrigieren auf im Aktionsplan' });
  await expect.element(dialog.getByText(/als Korrektur im Änderungsprotokoll/)).toBeVisible();
  // A correction carries no decision data.
  await expect.element(dialog.getByLabelText('Datum des Beschlusses')).not.toBeInTheDocument();
  await dialog.getByRole('button', { name: 'Korrigieren' }).click();
  await expect.element(dialog.getByText('Bitte einen Grund angeben.')).toBeVisible();
  expect(calls).toEqual([]);

  refusals.push({
    status: 422,
    code: 'invalid_transition',
    message: 'Für eine Korrektur fehlt der Grund.',
    details: { issues: [{ path: 'comment', message: 'Bitte einen Grund für die Korrektur angeben.' }] },
  });
  await dialog.getByLabelText('Grund der Korrektur').fill('x');
  await dialog.getByRole('button', { name: 'Korrigieren' }).click();
  await expect.element(dialog.getByText('Bitte einen Grund für die Korrektur angeben.')).toBeVisible();
  await expect.element(dialog.getByRole('alert')).toHaveTextContent('Für eine Korrektur fehlt der Grund.');

  await dialog.getByLabelText('Grund der Korrektur').fill('Beschluss betraf eine andere Vorlage');
  await dialog.getByRole('button', { name: 'Korrigieren' }).click();
  await expect.element(dialog).not.toBeInTheDocument();
  expect(calls.at(-1)).toEqual({
    id: 'm1',
    input: { to: 'planned', correction: true, comment: 'Beschluss betraf eine andere Vorlage' },
  });
});
