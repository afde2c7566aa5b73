import { expect, test, type Browser } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = {
  name: 'Paula Planung',
  email: 'paula@musterhausen.example',
  password: 'Paulas-Passwort-2026',
};
const VIEWER = { name: 'Gerd Gast', email: 'gerd@musterhausen.example', password: 'Gerds-Passwort-2026' };

test('the action plan and the needs list count the same people; a viewer reads along, not edits', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId } = await setUpSozialraum(
    baseURL!,
    { code: '761', name: 'Boele/Kabel/Bathey' },
    { editor: EDITOR, viewer: VIEWER },
  );
  const admin = await openSozialraum(browser, ADMIN, sozialraumId);
  const paula = await openSozialraum(browser, EDITOR, sozialraumId);
  const gerd = await openSozialraum(browser, VIEWER, sozialraumId, 'needs-sync-state');

  // Three people on the page, each in both documents: every status line says the same.
  for (const page of [admin, paula, gerd]) {
    for (const status of ['presence', 'needs-presence']) {
      await expect(page.getByTestId(status)).toHaveText('2 Personen bearbeiten gerade, 1 Person liest mit');
    }
    await expect(page.getByTestId('online')).toHaveText('Administration, Gerd Gast, Paula Planung');
  }
  await expect(admin.getByRole('list', { name: 'Wer gerade im Dokument ist' })).toContainText(
    'Gerd Gast (liest mit)',
  );
  await expect(admin.getByRole('list', { name: 'Wer gerade in der Bedarfsliste ist' })).toContainText(
    'Paula Planung',
  );
  await expect(
    admin
      .getByRole('list', { name: 'Wer gerade in der Bedarfsliste ist' })
      .getByText('Paula Planung (liest mit)'),
  ).toHaveCount(0);

  // A second tab of the same person is still one person.
  const paulasSecondTab = await paula.context().newPage();
  await paulasSecondTab.goto(`/sozialraeume/${sozialraumId}`);
  await expect(paulasSecondTab.getByTestId('needs-sync-state')).toContainText('Gespeichert');
  await expect(admin.getByTestId('needs-presence')).toHaveText(
    '2 Personen bearbeiten gerade, 1 Person liest mit',
  );

  // When the guest leaves, the editors are among themselves.
  await gerd.context().close();
  for (const page of [admin, paula]) {
    for (const status of ['presence', 'needs-presence']) {
      await expect(page.getByTestId(status)).toHaveText('2 Personen bearbeiten gerade');
    }
  }
  await paula.context().close();
  await expect(admin.getByTestId('presence')).toHaveText('Nur Sie sind gerade hier');
  await expect(admin.getByTestId('needs-presence')).toHaveText('Nur Sie sind gerade hier');
});

/** Opens the Sozialraum page with the action plan's socket held back: only the needs list is live. */
async function openNeedsOnly(
  browser: Browser,
  person: { email: string; password: string },
  sozialraum: { id: string; documents: { actionPlan: string } },
) {
  const context = await browser.newContext();
  // Answered by nobody: the socket stays silent, so no one is seen through the action plan.
  await context.routeWebSocket(new RegExp(`/sync/${sozialraum.documents.actionPlan}$`), () => {});
  const page = await context.newPage();
  await login(page, person.email, person.password);
  await page.goto(`/sozialraeume/${sozialraum.id}`);
  await expect(page.getByTestId('needs-sync-state')).toContainText('Gespeichert');
  return page;
}

test('people appear in the needs list at once, without waiting for a presence renewal', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '762', name: 'Vorhalle-Nord' },
    {
      editor: { name: 'Erna Eifrig', email: 'erna@musterhausen.example', password: 'Ernas-Passwort-2026' },
      viewer: { name: 'Leo Leser', email: 'leo@musterhausen.example', password: 'Leos-Passwort-2026' },
    },
  );
  const sozialraum = (await (await api.get(`/api/sozialraeume/${sozialraumId}`)).json()) as {
    id: string;
    documents: { actionPlan: string };
  };
  const admin = await openNeedsOnly(browser, ADMIN, sozialraum);
  const leo = await openNeedsOnly(
    browser,
    { email: 'leo@musterhausen.example', password: 'Leos-Passwort-2026' },
    sozialraum,
  );
  // Awareness is renewed every 15 s; a first state that peers ignore would show up only then.
  for (const page of [admin, leo]) {
    await expect(page.getByTestId('needs-presence')).toHaveText(
      '1 Person bearbeitet gerade, 1 Person liest mit',
      {
        timeout: 5000,
      },
    );
  }
});
