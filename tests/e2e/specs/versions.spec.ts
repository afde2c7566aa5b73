import { expect, request, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { openSozialraum } from '../support/sozialraum.ts';

test('a named version can be viewed, compared with today and restored for everyone', async ({
  browser,
  baseURL,
}) => {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  const created = await api.post('/api/sozialraeume', { data: { code: '732', name: 'Westerbauer' } });
  const { id } = (await created.json()) as { id: string };
  await api.dispose();
  const page = await openSozialraum(browser, ADMIN, id);
  const other = await openSozialraum(browser, ADMIN, id);
  const text = page.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  const plan = page.getByRole('region', { name: 'Aktionsplan' });

  await text.getByRole('heading', { name: 'Bedarfe' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Treffpunkt für Jugendliche fehlt');
  await expect(page.getByTestId('sync-state')).toContainText('Gespeichert');

  await plan.getByRole('button', { name: 'Versionsverlauf' }).click();
  await expect(plan.getByText('Noch keine gespeicherten Versionen.')).toBeVisible();
  await plan.getByLabel('Name der Version').fill('Stand nach Workshop 12.03.');
  await plan.getByRole('button', { name: 'Version speichern' }).click();
  await expect(plan.getByText('Version „Stand nach Workshop 12.03.“ gespeichert.')).toBeVisible();
  await expect(plan.getByRole('list', { name: 'Gespeicherte Versionen' })).toContainText(
    'Stand nach Workshop 12.03. von Administration',
  );

  // Work goes on after the workshop.
  await text.getByText('Treffpunkt für Jugendliche fehlt').click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'fehlt'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('am Markt geplant');
  await expect(other.getByText('Treffpunkt für Jugendliche am Markt geplant')).toBeVisible();

  // Read-only view of the version.
  await plan.getByRole('button', { name: 'Ansehen: Stand nach Workshop 12.03.' }).click();
  const shown = plan.getByRole('textbox', { name: 'Inhalt der Version „Stand nach Workshop 12.03.“' });
  await expect(shown.getByText('Treffpunkt für Jugendliche fehlt')).toBeVisible();
  await expect(shown).toHaveAttribute('contenteditable', 'false');

  // Comparison: what was added and removed since.
  await plan.getByRole('button', { name: 'Vergleichen: Stand nach Workshop 12.03.' }).click();
  const diff = plan.getByTestId('version-diff');
  await expect(diff.locator('del')).toHaveText(['fehlt']);
  await expect(diff.locator('ins')).toHaveText(['am Markt geplant']);

  // Restore: everyone's editor follows, and the restore is itself a change in the history.
  await plan.getByRole('button', { name: 'Wiederherstellen: Stand nach Workshop 12.03.' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(plan.getByText('Version „Stand nach Workshop 12.03.“ wiederhergestellt.')).toBeVisible();
  for (const p of [page, other]) {
    const editor = p.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
    await expect(editor.getByText('Treffpunkt für Jugendliche fehlt')).toBeVisible();
    await expect(editor.getByText('am Markt geplant')).toHaveCount(0);
  }
});
