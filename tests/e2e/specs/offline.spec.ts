import { expect, request, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';

test('edits made without a connection survive a reload and merge when the connection returns', async ({
  browser,
  baseURL,
}) => {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  const created = await api.post('/api/sozialraeume', {
    data: { code: '741', name: 'Eilpe/Delstern/Selbecke' },
  });
  const { id } = (await created.json()) as { id: string };
  await api.dispose();

  // Playwright's setOffline does not cut open WebSockets, so the sync socket is cut by a route too.
  const context = await browser.newContext();
  const page = await context.newPage();
  let online = false;
  await page.routeWebSocket(/\/sync\//, (ws) => {
    if (online) ws.connectToServer();
    else ws.close({ code: 1006, reason: 'offline' });
  });
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto(`/sozialraeume/${id}`);
  const state = page.getByTestId('sync-state');
  // The network is there, the server is not: say so, with the next attempt.
  await expect(state).toContainText(/Verbindung verloren – neuer Versuch in \d+ s/);

  // No network at all: edits stay on this device.
  await context.setOffline(true);
  await expect(state).toContainText('Offline – Änderungen bleiben auf diesem Gerät');
  const text = page.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  await text.click();
  await page.keyboard.type('Offline im Stadtteilbüro notiert');
  await expect(state).toContainText('Offline');

  // Back on the network but still without the server, the page is reloaded: the edit is still there.
  await context.setOffline(false);
  await page.reload();
  await expect(text.getByText('Offline im Stadtteilbüro notiert')).toBeVisible();
  await expect(state).toContainText('Verbindung verloren');

  online = true;
  await expect(page.getByTestId('sync-state')).toContainText('Gespeichert', { timeout: 15_000 });
  // Merged with the server's template, and visible to someone else.
  await expect(text.getByRole('heading', { name: 'Bedarfe' })).toBeVisible();
  const other = await (await browser.newContext()).newPage();
  await login(other, ADMIN.email, ADMIN.password);
  await other.goto(`/sozialraeume/${id}`);
  await expect(other.getByText('Offline im Stadtteilbüro notiert')).toBeVisible();
  await context.close();
});
