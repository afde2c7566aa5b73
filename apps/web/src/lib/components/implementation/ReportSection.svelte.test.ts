import { localToday } from '@quartierplan/domain';
import { expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ReportSection from './ReportSection.svelte';
import { implementationEndpoint, reportDto } from './testing';

const mine = reportDto();
const theirs = reportDto({
  id: 'r0',
  date: '2026-10-01',
  text: 'Träger gefunden.',
  progress: 10,
  author: { id: 'u3', name: 'Otto Office' },
});

function setup(me: { id: string; role: string }, track = true) {
  const { api, sent } = implementationEndpoint();
  const onchanged = vi.fn(async () => {});
  render(ReportSection, {
    measureId: 'm1',
    reports: [mine, theirs],
    progress: 30,
    track,
    me,
    api,
    onchanged,
  });
  return { sent, onchanged };
}

test('slider and number are one value; out of range is said at the number; the report is sent', async () => {
  const { sent, onchanged } = setup({ id: 'u2', role: 'member' });
  await expect
    .element(page.getByRole('progressbar', { name: 'Fortschritt der Maßnahme' }))
    .toHaveAttribute('aria-valuenow', '30');
  const number = page.getByLabelText('Fortschritt in Prozent');
  const slider = page.getByRole('slider', { name: 'Fortschritt (Schieberegler)' });
  await expect.element(number).toHaveValue(30);
  await expect.element(page.getByLabelText('Datum des Berichts')).toHaveValue(localToday());

  await page.getByLabelText('Bericht', { exact: true }).fill('Kurse laufen.');
  await number.fill('120');
  await page.getByRole('button', { name: 'Bericht hinzufügen' }).click();
  await expect.element(page.getByText('Der Fortschritt muss zwischen 0 und 100 liegen.')).toBeVisible();
  await expect.element(number).toHaveAttribute('aria-invalid', 'true');
  await expect.element(number).toHaveFocus();
  expect(sent).toEqual([]);

  await number.fill('40');
  await expect.element(slider).toHaveValue('40');
  await page.getByRole('button', { name: 'Bericht hinzufügen' }).click();
  await expect.element(page.getByText('Bericht gespeichert. Fortschritt jetzt 40 %.')).toBeVisible();
  expect(sent).toEqual([
    {
      method: 'POST',
      path: '/api/measures/m1/reports',
      body: { date: localToday(), text: 'Kurse laufen.', progress: 40 },
    },
  ]);
  expect(onchanged).toHaveBeenCalledTimes(1);
  await expect.element(page.getByLabelText('Bericht', { exact: true })).toHaveValue('');
});

test('newest first with author and progress; a member deletes only their own report', async () => {
  const { sent } = setup({ id: 'u2', role: 'member' });
  const reports = page.getByTestId('report');
  await expect.element(reports.first()).toHaveTextContent('Tamara Träger');
  await expect.element(reports.first()).toHaveTextContent('Fortschritt 30 %');
  await expect.element(reports.nth(1)).toHaveTextContent('Otto Office');
  await expect
    .element(page.getByRole('button', { name: 'Bericht vom 01.10.2026 löschen' }))
    .not.toBeInTheDocument();

  await page.getByRole('button', { name: 'Bericht vom 20.11.2026 löschen' }).click();
  await page
    .getByRole('alertdialog', { name: 'Bericht löschen?' })
    .getByRole('button', { name: 'Löschen' })
    .click();
  await expect.element(page.getByText('Bericht gelöscht.')).toBeVisible();
  expect(sent).toEqual([{ method: 'DELETE', path: '/api/measures/m1/reports/r1', body: undefined }]);
});

test('an admin may delete any report; a reader writes none', async () => {
  setup({ id: 'u1', role: 'admin' });
  await expect.element(page.getByRole('button', { name: 'Bericht vom 01.10.2026 löschen' })).toBeVisible();
});

test('without the right to track: no form, no delete', async () => {
  setup({ id: 'u2', role: 'member' }, false);
  await expect.element(page.getByTestId('report').first()).toBeVisible();
  expect(page.getByRole('button').elements()).toHaveLength(0);
  expect(page.getByRole('textbox').elements()).toHaveLength(0);
});
