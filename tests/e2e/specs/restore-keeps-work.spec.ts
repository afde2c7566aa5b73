import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const editor = {
  name: 'Berta Schreiber',
  email: 'berta.restore@example.org',
  password: 'e2e-Berta-Passwort-2026',
};
const viewer = {
  name: 'Viktor Leser',
  email: 'viktor.restore@example.org',
  password: 'e2e-Viktor-Passwort-2026',
};

test('a restore keeps a co-editor’s sentence in an automatic version, tells them, and brings it back', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '733', name: 'Ostfeld' },
    { editor, viewer },
  );
  await api.dispose();
  const a = await openSozialraum(browser, ADMIN, sozialraumId);
  const b = await openSozialraum(browser, editor, sozialraumId);
  const planA = a.getByRole('region', { name: 'Aktionsplan' });
  const planB = b.getByRole('region', { name: 'Aktionsplan' });

  await planA.getByRole('button', { name: 'Versionsverlauf' }).click();
  await planA.getByLabel('Name der Version').fill('Leerer Plan');
  await planA.getByRole('button', { name: 'Version speichern' }).click();
  await expect(planA.getByText('Version „Leerer Plan“ gespeichert.')).toBeVisible();

  // B writes a sentence; A then restores the named version.
  const textB = b.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  await textB.getByRole('heading', { name: 'Bedarfe' }).click();
  await b.keyboard.press('End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('Spielplatz am Bach sanieren');
  await expect(b.getByTestId('sync-state')).toContainText('Gespeichert');
  await expect(a.getByText('Spielplatz am Bach sanieren')).toBeVisible();

  await planA.getByRole('button', { name: 'Wiederherstellen: Leerer Plan' }).click();
  await a.getByRole('alertdialog').getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(textB.getByText('Spielplatz am Bach sanieren')).toHaveCount(0);

  // B is told who restored which version, and opens the state before it.
  const notice = b.getByRole('status').filter({ hasText: 'Administration hat die Version „Leerer Plan“' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Stand davor ansehen' }).click();
  const automatic =
    /^Inhalt der Version „Stand vor Wiederherstellung durch Administration, \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}“$/;
  const shown = planB.getByRole('textbox', { name: automatic });
  await expect(shown.getByText('Spielplatz am Bach sanieren')).toBeVisible();

  // Restoring the automatic version brings B's sentence back for everyone.
  await planB
    .getByRole('button', { name: /^Wiederherstellen: Stand vor Wiederherstellung durch Administration/ })
    .click();
  await b.getByRole('alertdialog').getByRole('button', { name: 'Wiederherstellen' }).click();
  for (const p of [a, b]) {
    await expect(
      p.getByRole('textbox', { name: 'Aktionsplan bearbeiten' }).getByText('Spielplatz am Bach sanieren'),
    ).toBeVisible();
  }
});

test('a sentence typed while offline during a restore ends up in the automatic version', async ({
  browser,
  baseURL,
}) => {
  const other = { ...editor, email: 'berta.offline@example.org' };
  const reader = { ...viewer, email: 'viktor.offline@example.org' };
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '734', name: 'Südhang' },
    { editor: other, viewer: reader },
  );
  await api.dispose();
  const a = await openSozialraum(browser, ADMIN, sozialraumId);
  const b = await openSozialraum(browser, other, sozialraumId);
  const planA = a.getByRole('region', { name: 'Aktionsplan' });
  await planA.getByRole('button', { name: 'Versionsverlauf' }).click();
  await planA.getByLabel('Name der Version').fill('Vorlage');
  await planA.getByRole('button', { name: 'Version speichern' }).click();
  await expect(planA.getByText('Version „Vorlage“ gespeichert.')).toBeVisible();

  // B's connection drops while B types; A restores meanwhile; B's sentence arrives afterwards.
  await b.context().setOffline(true);
  const textB = b.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
  await textB.getByRole('heading', { name: 'Bedarfe' }).click();
  await b.keyboard.press('End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('Bänke am Spielplatz fehlen');
  await planA.getByRole('button', { name: 'Wiederherstellen: Vorlage' }).click();
  await a.getByRole('alertdialog').getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(planA.getByText('Version „Vorlage“ wiederhergestellt.')).toBeVisible();
  await b.context().setOffline(false);
  await expect(
    b.getByRole('status').filter({ hasText: 'Administration hat die Version „Vorlage“' }),
  ).toBeVisible();

  // The automatic version takes in edits that arrive within the restore's window (10 s) when it ends.
  await expect(async () => {
    await planA
      .getByRole('button', { name: /^Ansehen: Stand vor Wiederherstellung durch Administration/ })
      .click();
    await expect(
      planA.getByRole('textbox', { name: /^Inhalt der Version/ }).getByText('Bänke am Spielplatz fehlen'),
    ).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
});
