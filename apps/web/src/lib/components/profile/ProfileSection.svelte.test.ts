import type { SozialraumProfileDto } from '@quartierplan/domain';
import { expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ProfileChart from './ProfileChart.svelte';
import ProfileSection from './ProfileSection.svelte';

const indicator = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  unit: '',
  kind: 'count' as const,
  topic: 'Bevölkerung',
  source: '',
  description: '',
  precision: 0,
  partOf: null,
  dates: ['2022-12-31', '2023-04-30'],
  ...extra,
});

const PROFILE: SozialraumProfileDto = {
  sozialraum: { id: 's-1', code: 'AH', name: 'Altenhagen' },
  keyFigures: [
    {
      indicator: indicator('pop', 'Einwohner gesamt'),
      date: '2023-04-30',
      here: { value: 13137, suppressed: false },
      city: { value: 196434, suppressed: false },
      previous: { date: '2022-12-31', value: 13020, suppressed: false },
    },
    {
      indicator: indicator('young', 'unter 18', { partOf: 'pop' }),
      date: '2023-04-30',
      here: { value: 2400, suppressed: false },
      city: null,
      previous: null,
    },
    {
      indicator: indicator('old', 'ab 18', { partOf: 'pop' }),
      date: '2023-04-30',
      here: { value: null, suppressed: true },
      city: null,
      previous: { date: '2022-12-31', value: 10700, suppressed: false },
    },
    {
      indicator: indicator('sgb', 'SGB II-Quote', { kind: 'rate', unit: '%', precision: 1 }),
      date: '2023-04-30',
      here: { value: 21.25, suppressed: false },
      city: { value: 14.2, suppressed: false },
      previous: { date: '2022-12-31', value: 22.5, suppressed: false },
    },
  ],
  series: [
    {
      indicatorId: 'pop',
      points: [
        { date: '2022-12-31', value: 13020, suppressed: false },
        { date: '2023-04-30', value: 13137, suppressed: false },
      ],
    },
    { indicatorId: 'young', points: [{ date: '2023-04-30', value: 2400, suppressed: false }] },
    {
      indicatorId: 'old',
      points: [
        { date: '2022-12-31', value: 10700, suppressed: false },
        { date: '2023-04-30', value: null, suppressed: true },
      ],
    },
    {
      indicatorId: 'sgb',
      points: [
        { date: '2022-12-31', value: 22.5, suppressed: false },
        { date: '2023-04-30', value: 21.25, suppressed: false },
      ],
    },
  ],
  needs: [{ id: 'n-1', title: 'Mehr Kitaplätze', priority: 'high', status: 'open' }],
  measures: [{ id: 'm-1', title: 'Familienzentrum', status: 'decided', progress: 40 }],
};

test('draws a line chart with its data table; a suppressed value is "•" in the table and a gap in the line', async () => {
  render(ProfileChart, {
    kind: 'line',
    caption: 'ab 18: Werte je Stichtag',
    items: [
      { label: '31.12.2022', value: 10700, text: '10.700' },
      { label: '30.04.2023', value: null, text: '•' },
    ],
    labelHeader: 'Stichtag',
    valueHeader: 'Wert',
  });
  await expect
    .element(page.getByRole('img', { name: 'Liniendiagramm: ab 18: Werte je Stichtag' }))
    .toBeVisible();
  const table = page.getByRole('table', { name: 'ab 18: Werte je Stichtag' });
  await expect.element(table.getByRole('row', { name: /31\.12\.2022/ })).toHaveTextContent('10.700');
  await expect.element(table.getByRole('row', { name: /30\.04\.2023/ })).toHaveTextContent('•');
  await expect
    .element(
      page
        .getByRole('paragraph')
        .filter({ hasText: 'Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl)' }),
    )
    .toBeVisible();
  const canvas = document.querySelector('canvas')!;
  expect(canvas.width).toBeGreaterThan(0);
});

test('shows key figures with the city and the change, the series of the chosen indicator, the age structure, needs and measures', async () => {
  render(ProfileSection, { profile: PROFILE });
  const cards = page.getByTestId('key-figures').getByRole('listitem');
  await expect.element(cards.nth(0)).toHaveTextContent('Einwohner gesamt');
  await expect.element(cards.nth(0)).toHaveTextContent('13.137');
  await expect.element(cards.nth(0)).toHaveTextContent('Stadt: 196.434');
  await expect.element(cards.nth(0)).toHaveTextContent(/Veränderung seit .*: \+117/);
  await expect.element(cards.nth(2)).toHaveTextContent('•');
  await expect.element(cards.nth(2)).toHaveTextContent('nicht ausweisbar');
  await expect.element(cards.nth(3)).toHaveTextContent('21,3 %');
  await expect.element(cards.nth(3)).toHaveTextContent('−1,3 Pp.');

  const series = page.getByRole('table', { name: 'Einwohner gesamt: Werte je Stichtag' });
  await expect.element(series).toHaveTextContent('13.020');
  await page.getByLabelText('Kennzahl').selectOptions('SGB II-Quote');
  await expect
    .element(page.getByRole('table', { name: 'SGB II-Quote: Werte je Stichtag' }))
    .toHaveTextContent('22,5 %');

  const ages = page.getByRole('table', { name: /Einwohner gesamt nach Gruppen/ });
  await expect.element(ages.getByRole('row', { name: /unter 18/ })).toHaveTextContent('2.400');
  await expect.element(ages.getByRole('row', { name: /ab 18/ })).toHaveTextContent('•');
  await expect.element(page.getByRole('img', { name: /Balkendiagramm: Einwohner gesamt/ })).toBeVisible();

  await expect.element(page.getByRole('link', { name: 'Mehr Kitaplätze' })).toBeVisible();
  await expect
    .element(page.getByRole('link', { name: 'Familienzentrum' }))
    .toHaveAttribute('href', '/massnahmen/m-1');
  await expect
    .element(page.getByRole('progressbar', { name: /Familienzentrum/ }))
    .toHaveAttribute('aria-valuetext', '40 %');
  await expect
    .element(page.getByRole('link', { name: 'Profil als PDF' }))
    .toHaveAttribute('href', '/api/sozialraeume/s-1/profile/export?format=pdf');
});

test('says how to get key figures when there are none', async () => {
  render(ProfileSection, { profile: { ...PROFILE, keyFigures: [], series: [], needs: [], measures: [] } });
  await expect
    .element(page.getByText('Noch keine Kennzahlen: Tabellen unter Indikatoren importieren'))
    .toBeVisible();
  expect(document.querySelector('canvas')).toBeNull();
  await expect.element(page.getByText('Noch keine Bedarfe erfasst.')).toBeVisible();
});
