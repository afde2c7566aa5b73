import type { EvaluationIndicatorDto } from '@quartierplan/domain';
import { expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import EvaluationSection from './EvaluationSection.svelte';
import PublicationSwitch from './PublicationSwitch.svelte';
import { implementationEndpoint } from './testing';

const INDICATOR = '3a9d6a0e-5b7c-4d2e-8f1a-9c0b1d2e3f40';
const kids: EvaluationIndicatorDto = {
  id: 'e1',
  measureId: 'm1',
  name: 'Kinder je Woche',
  unit: 'Kinder',
  indicatorId: INDICATOR,
  baseline: 0,
  baselineDate: '2026-01-01',
  target: 48,
  targetDate: '2027-06-30',
  actual: 12,
  actualDate: '2026-12-01',
  attainment: 25,
  linkedFigure: {
    indicatorId: INDICATOR,
    indicatorName: 'Kinder unter 10',
    unit: 'Personen',
    sozialraumName: 'Wehringhausen',
    date: '2025-12-31',
    value: 1830,
    suppressed: false,
  },
  position: 0,
};

function setup(items: EvaluationIndicatorDto[], track = true) {
  const { api, sent } = implementationEndpoint();
  const loadIndicators = vi.fn(async () => [{ id: INDICATOR, name: 'Kinder unter 10', unit: 'Personen' }]);
  render(EvaluationSection, {
    measureId: 'm1',
    items,
    track,
    api,
    loadIndicators,
    onchanged: async () => {},
  });
  return { sent, loadIndicators };
}

test('baseline, target and actual with dates, attainment as a bar, the linked figure beside it', async () => {
  setup([kids]);
  const item = page.getByTestId('evaluation-indicator');
  await expect.element(item).toHaveTextContent('Kinder je Woche (Kinder)');
  await expect.element(item).toHaveTextContent('Ausgangswert 0 Kinder');
  await expect.element(item).toHaveTextContent('Ist-Wert 12 Kinder Stand 01.12.2026');
  await expect
    .element(item.getByRole('progressbar', { name: 'Zielerreichung von „Kinder je Woche“' }))
    .toHaveAttribute('aria-valuetext', '25 %');
  await expect
    .element(page.getByTestId('linked-figure'))
    .toHaveTextContent('Indikator „Kinder unter 10“, Wehringhausen, Stand 31.12.2025: 1.830 Personen');
});

test('a suppressed figure shows "•" with the reason; without all three values no attainment', async () => {
  setup(
    [
      {
        ...kids,
        baseline: null,
        attainment: null,
        linkedFigure: { ...kids.linkedFigure!, value: null, suppressed: true },
      },
    ],
    false,
  );
  await expect.element(page.getByTestId('linked-figure')).toHaveTextContent('•');
  await expect.element(page.getByTestId('linked-figure')).toHaveTextContent('Aus Datenschutzgründen');
  await expect.element(page.getByText(/Noch nicht berechenbar/)).toBeVisible();
  expect(page.getByRole('button').elements()).toHaveLength(0);
});

test('a new figure links an indicator, takes its unit, and reads German numbers', async () => {
  const { sent, loadIndicators } = setup([]);
  await expect.element(page.getByText(/Noch keine Kennzahlen/)).toBeVisible();
  await page.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  expect(loadIndicators).toHaveBeenCalledTimes(1);
  const form = page.getByRole('form', { name: 'Neue Kennzahl' });
  await form.getByLabelText('Kennzahl', { exact: true }).fill('Quote');
  await form.getByLabelText('Sozialraum-Indikator (optional)').selectOptions('Kinder unter 10 (Personen)');
  await expect.element(form.getByLabelText('Einheit')).toHaveValue('Personen');
  await form.getByLabelText('Zielwert', { exact: true }).fill('12,5');
  await form.getByLabelText('Ist-Wert', { exact: true }).fill('viel');
  await form.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  await expect.element(form.getByText('Der Ist-Wert muss eine Zahl sein.')).toBeVisible();
  await expect.element(form.getByLabelText('Ist-Wert', { exact: true })).toHaveFocus();
  expect(sent).toEqual([]);
  await form.getByLabelText('Ist-Wert', { exact: true }).fill('');
  await form.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  await expect.element(page.getByText('Kennzahl „Quote“ hinzugefügt.')).toBeVisible();
  expect(sent).toEqual([
    {
      method: 'POST',
      path: '/api/measures/m1/evaluation',
      body: {
        name: 'Quote',
        unit: 'Personen',
        indicatorId: INDICATOR,
        baseline: null,
        target: 12.5,
        actual: null,
        baselineDate: null,
        targetDate: null,
        actualDate: null,
      },
    },
  ]);
});

test('the admin switches the measure public; the switch says what leaves the body', async () => {
  const { api, sent } = implementationEndpoint();
  render(PublicationSwitch, {
    measureId: 'm1',
    published: false,
    canPublish: true,
    api,
    onchanged: async () => {},
  });
  const toggle = page.getByRole('switch', { name: 'Auf der Transparenzseite zeigen' });
  await expect.element(toggle).toHaveAttribute('aria-checked', 'false');
  await expect.element(toggle).toHaveAccessibleDescription(/Öffentlich werden: Titel/);
  await toggle.click();
  await expect.element(page.getByText('Gespeichert: Die Maßnahme ist jetzt öffentlich.')).toBeVisible();
  expect(sent).toEqual([{ method: 'PUT', path: '/api/measures/m1/publication', body: { public: true } }]);
});

test('others read whether it is public, without a switch', async () => {
  const { api } = implementationEndpoint();
  render(PublicationSwitch, {
    measureId: 'm1',
    published: true,
    canPublish: false,
    api,
    onchanged: async () => {},
  });
  await expect.element(page.getByTestId('publication-state')).toHaveTextContent(/ist öffentlich/);
  expect(page.getByRole('switch').elements()).toHaveLength(0);
});
