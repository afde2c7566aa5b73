import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createSozialraum } from '../support/measures.ts';
import { login } from '../support/session.ts';

test.setTimeout(120_000);

const box = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

function watchPolicy(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

test('the admin uploads boundaries and sees the choropleth and the offers; a visitor sees the public offers', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const west = await createSozialraum(api, 'MAP-W', 'Kartenwest');
  const east = await createSozialraum(api, 'MAP-O', 'Kartenost');
  for (const [id, geometry] of [
    [west, box(7.4, 51.33, 7.45, 51.37)],
    [east, box(7.45, 51.33, 7.5, 51.37)],
  ] as const) {
    const put = await api.put(`/api/sozialraeume/${id}/geometry`, { data: geometry });
    expect(put.status(), await put.text()).toBe(204);
  }
  for (const offer of [
    {
      name: 'Kartentreff West',
      category: 'Jugend',
      targetGroups: ['Jugendliche'],
      location: { lat: 51.35, lon: 7.42 },
      published: true,
    },
    {
      name: 'Kartenberatung Ost',
      category: 'Beratung',
      targetGroups: ['Erwachsene'],
      location: { lat: 51.35, lon: 7.48 },
      published: true,
    },
    {
      name: 'Internes Kartenbüro',
      category: 'Beratung',
      location: { lat: 51.34, lon: 7.47 },
      published: false,
    },
  ]) {
    const created = await api.post('/api/offers', { data: offer });
    expect(created.status(), await created.text()).toBe(201);
  }
  // An indicator with values for the choropleth, through the indicator API.
  const indicator = await api.post('/api/indicators', {
    data: { name: 'Kartenquote', unit: '%', kind: 'rate', precision: 1 },
  });
  expect(indicator.status(), await indicator.text()).toBe(201);
  const { id } = (await indicator.json()) as { id: string };
  const values = await api.post(`/api/indicators/${id}/values`, {
    data: {
      values: [
        { sozialraumId: west, date: '2024-12-31', value: 12.5 },
        { sozialraumId: east, date: '2024-12-31', value: 30.1 },
      ],
    },
  });
  expect(values.ok(), await values.text()).toBe(true);
  const me = (await (await api.get('/api/me')).json()) as { body: { id: string } };
  await api.dispose();

  const page = await (await browser.newContext()).newPage();
  const refused = watchPolicy(page);
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/karte');
  await expect(page.getByRole('heading', { level: 1, name: 'Karte' })).toBeVisible();
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  // The boundaries and offers are drawn on the canvas renderer; the offer points answer a click with a popup.
  await expect(page.locator('.leaflet-overlay-pane canvas')).toBeVisible();
  await page.getByTestId('map-indicator').selectOption({ label: 'Kartenquote (%)' });
  const table = page.getByTestId('map-table');
  await expect(table.getByRole('row', { name: /Kartenwest/ })).toContainText('12,5 %');
  await expect(page.getByTestId('map-legend')).toBeVisible();
  await page.getByLabel('Gleiche Intervalle').check();
  await expect(page.getByTestId('map-legend')).toContainText('12,5 %');
  await page.getByText(/Angebote \(Tabelle zur Karte\)/).click();
  await expect(page.getByText('Kartentreff West – Jugend')).toBeVisible();
  await expectNoSeriousViolations(page, '/karte');

  // The Sozialraum page shows its boundary and its offers.
  await page.goto(`/sozialraeume/${west}`);
  const section = page.getByRole('region', { name: 'Karte und Angebote' });
  await expect(section.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  await expect(section).toContainText('Kartentreff West');
  await expect(section).not.toContainText('Kartenberatung Ost');

  // The offers admin lists them.
  await page.goto('/angebote/verwalten');
  await expect(page.getByTestId('offer-list')).toContainText('Internes Kartenbüro');
  await expectNoSeriousViolations(page, '/angebote/verwalten');

  // A visitor without a session.
  const visitor = await (await browser.newContext()).newPage();
  const visitorRefused = watchPolicy(visitor);
  await visitor.goto(`/angebote?kommune=${me.body.id}`);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Angebote im Quartier' })).toBeVisible();
  const list = visitor.getByTestId('public-offers');
  await expect(list).toContainText('Kartentreff West');
  await expect(list).toContainText('Kartenberatung Ost');
  await expect(list).not.toContainText('Internes Kartenbüro');
  await visitor.getByLabel('Kategorie').selectOption('Jugend');
  await expect(list).not.toContainText('Kartenberatung Ost');
  await expect(visitor.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  await expectNoSeriousViolations(visitor, '/angebote');
  await visitor.setViewportSize({ width: 360, height: 740 });
  await expectNoSeriousViolations(visitor, '/angebote at 360 px');

  expect(refused, 'CSP violations (signed in)').toEqual([]);
  expect(visitorRefused, 'CSP violations (visitor)').toEqual([]);
});
