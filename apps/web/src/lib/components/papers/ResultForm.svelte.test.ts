import { berlinToday, type PaperConsultationDto } from '@quartierplan/domain';
import { expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ResultForm from './ResultForm.svelte';

const consultation = (date: string): PaperConsultationDto => ({
  id: '11111111-1111-4111-8111-111111111111',
  committee: { id: '22222222-2222-4222-8222-222222222222', name: 'Rat der Stadt', kind: 'council' },
  meeting: null,
  date,
  role: 'decision',
  order: 1,
  result: null,
  resultDate: null,
  minutes: null,
});

test('the date picker offers no day after today in Berlin and starts at today for a future session', async () => {
  const today = berlinToday();
  render(ResultForm, { paperId: 'p', consultation: consultation('2999-01-14'), onrecorded: vi.fn() });
  const input = page.getByLabelText('Datum des Ergebnisses (Rat der Stadt)');
  await expect.element(input).toHaveAttribute('max', today);
  await expect.element(input).toHaveValue(today);
});

test('a past session keeps its own date', async () => {
  render(ResultForm, { paperId: 'p', consultation: consultation('2024-03-14'), onrecorded: vi.fn() });
  await expect
    .element(page.getByLabelText('Datum des Ergebnisses (Rat der Stadt)'))
    .toHaveValue('2024-03-14');
});
