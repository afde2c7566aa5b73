import { localToday, type MilestoneDto } from '@quartierplan/domain';
import { expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MilestoneSection from './MilestoneSection.svelte';
import { implementationEndpoint, milestoneDto } from './testing';

// Accounts are UUIDs: the shared schema refuses anything else before a request is sent.
const TAMARA = '6f1c2a4e-8b1d-4c3e-9a5f-2d7e8b9c0a11';
const people = [
  { id: '0b3e5c7a-1d2f-4a6b-8c9d-0e1f2a3b4c5d', name: 'Anna Admin' },
  { id: TAMARA, name: 'Tamara Träger' },
];

function setup(milestones: MilestoneDto[], track = true) {
  const { api, sent } = implementationEndpoint();
  const onchanged = vi.fn(async () => {});
  const screen = render(MilestoneSection, { measureId: 'm1', milestones, track, people, api, onchanged });
  return { sent, onchanged, screen };
}

test('a new milestone: a missing title is said at the field, "erreicht" takes today, the person is sent', async () => {
  const { sent, onchanged } = setup([]);
  await expect.element(page.getByText(/Noch keine Meilensteine/)).toBeVisible();
  await page.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  const form = page.getByRole('form', { name: 'Neuer Meilenstein' });
  await form.getByLabelText('Geplant am').fill('2026-12-01');
  await form.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();

  const title = form.getByLabelText('Titel des Meilensteins');
  await expect.element(form.getByText('Bitte einen Titel angeben.')).toBeVisible();
  await expect.element(title).toHaveAttribute('aria-invalid', 'true');
  await expect.element(title).toHaveAccessibleDescription('Bitte einen Titel angeben.');
  await expect.element(title).toHaveFocus();
  expect(sent).toEqual([]);

  await userEvent.keyboard('Räume angemietet');
  await form.getByLabelText('Status').selectOptions('erreicht');
  await expect.element(form.getByLabelText('Erreicht am')).toHaveValue(localToday());
  await form.getByLabelText('Erinnerung an').selectOptions('Tamara Träger');
  await form.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();

  await expect.element(page.getByText('Meilenstein „Räume angemietet“ hinzugefügt.')).toBeVisible();
  expect(sent).toEqual([
    {
      method: 'POST',
      path: '/api/measures/m1/milestones',
      body: {
        title: 'Räume angemietet',
        plannedDate: '2026-12-01',
        actualDate: localToday(),
        status: 'done',
        responsible: '',
        responsibleUserId: TAMARA,
      },
    },
  ]);
  expect(onchanged).toHaveBeenCalledTimes(1);
  await expect.element(page.getByRole('button', { name: 'Meilenstein hinzufügen' })).toHaveFocus();
});

test('a late milestone says by how much; the arrows reorder by keyboard and keep the focus', async () => {
  const late = milestoneDto({ id: 'a', daysLate: 3, late: true });
  const next = milestoneDto({ id: 'b', title: 'Elternabend', responsibleUser: null, responsible: '' });
  const { sent, screen, onchanged } = setup([late, next]);
  onchanged.mockImplementation(async () => {
    await screen.rerender({ milestones: [next, late] });
  });

  const items = page.getByTestId('milestone');
  await expect.element(items.first().getByTestId('milestone-late')).toHaveTextContent('3 Tage verspätet');
  await expect.element(items.first()).toHaveTextContent('Lernwerkstatt e. V. · Erinnerung an Tamara Träger');
  await expect
    .element(page.getByRole('button', { name: '„Räume angemietet“ nach oben schieben' }))
    .toBeDisabled();

  page.getByRole('button', { name: '„Elternabend“ nach oben schieben' }).element().focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(page.getByText('„Elternabend“ steht jetzt an Position 1.')).toBeVisible();
  expect(sent).toEqual([
    { method: 'PUT', path: '/api/measures/m1/milestones/order', body: { ids: ['b', 'a'] } },
  ]);
  // At the top its up arrow is disabled: the focus goes to its down arrow.
  await expect.element(page.getByRole('button', { name: '„Elternabend“ nach unten schieben' })).toHaveFocus();
});

test('marking reached sends today', async () => {
  const { sent } = setup([milestoneDto()]);
  await page.getByRole('button', { name: '„Räume angemietet“ als erreicht markieren' }).click();
  await expect.element(page.getByText('„Räume angemietet“ ist als erreicht markiert.')).toBeVisible();
  expect(sent).toEqual([
    {
      method: 'PATCH',
      path: '/api/measures/m1/milestones/ms1',
      body: { status: 'done', actualDate: localToday() },
    },
  ]);
});

test('a reader sees status and lateness of the milestones, without any button', async () => {
  setup([milestoneDto({ status: 'done', actualDate: '2026-12-02', daysLate: 2, late: true })], false);
  await expect.element(page.getByTestId('milestone-status')).toHaveTextContent('erreicht');
  await expect.element(page.getByTestId('milestone-late')).toHaveTextContent('2 Tage verspätet');
  expect(page.getByRole('button').elements()).toHaveLength(0);
});

test('editing keeps the stored values, sends them whole; deleting asks first', async () => {
  const { sent } = setup([milestoneDto({ responsibleUser: { id: TAMARA, name: 'Tamara Träger' } })]);
  await page.getByRole('button', { name: '„Räume angemietet“ bearbeiten' }).click();
  const form = page.getByRole('form', { name: '„Räume angemietet“ bearbeiten' });
  await expect.element(form.getByLabelText('Titel des Meilensteins')).toHaveValue('Räume angemietet');
  await expect.element(form.getByLabelText('Erinnerung an')).toHaveValue(TAMARA);
  await form.getByLabelText('Status').selectOptions('entfallen');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect.element(page.getByText('Meilenstein „Räume angemietet“ gespeichert.')).toBeVisible();
  await expect.element(page.getByRole('button', { name: '„Räume angemietet“ bearbeiten' })).toHaveFocus();

  await page.getByRole('button', { name: '„Räume angemietet“ löschen' }).click();
  await page
    .getByRole('alertdialog', { name: 'Meilenstein löschen?' })
    .getByRole('button', { name: 'Löschen' })
    .click();
  await expect.element(page.getByText('Meilenstein „Räume angemietet“ gelöscht.')).toBeVisible();
  expect(sent).toEqual([
    {
      method: 'PATCH',
      path: '/api/measures/m1/milestones/ms1',
      body: {
        title: 'Räume angemietet',
        plannedDate: '2026-11-30',
        actualDate: null,
        status: 'cancelled',
        responsible: 'Lernwerkstatt e. V.',
        responsibleUserId: TAMARA,
      },
    },
    { method: 'DELETE', path: '/api/measures/m1/milestones/ms1', body: undefined },
  ]);
});
