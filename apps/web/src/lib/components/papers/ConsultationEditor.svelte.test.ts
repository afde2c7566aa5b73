import type { CommitteeDto } from '@quartierplan/domain';
import { expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ConsultationEditor from './ConsultationEditor.svelte';
import type { ConsultationRow } from './form';

const committees: CommitteeDto[] = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'Rat der Stadt', kind: 'council' },
  { id: '22222222-2222-4222-8222-222222222222', name: 'Jugendhilfeausschuss', kind: 'committee' },
];

const row = (
  key: string,
  committeeId: string,
  date: string,
  role: ConsultationRow['role'],
): ConsultationRow => ({
  key,
  committeeId,
  date,
  role,
  meetingId: '',
});

test('a Beratungsfolge running backwards shows the warning the clerk confirms', async () => {
  const rows = [
    row('a', committees[0]!.id, '2024-03-14', 'decision'),
    row('b', committees[1]!.id, '2024-02-01', 'preliminary'),
  ];
  render(ConsultationEditor, { rows, committees, meetings: [], errors: {}, confirmDateOrder: false });
  await expect
    .element(page.getByText('Beratung 2 (01.02.2024) liegt vor Beratung 1 (14.03.2024)', { exact: false }))
    .toBeVisible();
  const confirm = page.getByRole('checkbox', { name: 'Die Reihenfolge ist so richtig (bestätigen)' });
  await expect.element(confirm).not.toBeChecked();
  await confirm.click();
  await expect.element(confirm).toBeChecked();
});

test('dates in order show no warning', async () => {
  const rows = [
    row('a', committees[1]!.id, '2024-02-01', 'preliminary'),
    row('b', committees[0]!.id, '2024-03-14', 'decision'),
  ];
  render(ConsultationEditor, { rows, committees, meetings: [], errors: {}, confirmDateOrder: false });
  await expect.element(page.getByRole('list', { name: 'Beratungsfolge' })).toBeVisible();
  await expect.element(page.getByText('läuft zeitlich rückwärts', { exact: false })).not.toBeInTheDocument();
});
