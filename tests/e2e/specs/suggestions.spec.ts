import { expect, test, type Page } from '@playwright/test';
import { openSozialraum, setUpSozialraum } from '../support/sozialraum.ts';

const EDITOR = {
  name: 'Erna Entscheid',
  email: 'erna.entscheid@musterhausen.example',
  password: 'Ernas-Passwort-2026',
};
const COMMENTER = {
  name: 'Clara Kommentar',
  email: 'clara.kommentar@musterhausen.example',
  password: 'Claras-Passwort-2026',
};
const VIEWER = {
  name: 'Vera Visite',
  email: 'vera.visite@musterhausen.example',
  password: 'Veras-Passwort-2026',
};

const text = (page: Page) => page.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
const panel = (page: Page) => page.getByRole('region', { name: /^Vorschläge( \(|$)/ });

/** The paragraphs of the action plan as text, without the name labels of other people's carets. */
function paragraphs(page: Page): Promise<string[]> {
  return text(page)
    .locator('p')
    .evaluateAll((nodes) =>
      nodes.map((node) => {
        const copy = node.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return copy.textContent ?? '';
      }),
    );
}

/** Puts the caret at the end of a paragraph (found by its text) and types a new paragraph after it. */
async function writeAfter(page: Page, heading: string, line: string) {
  await text(page).getByRole('heading', { name: heading }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

test('a commenter suggests, the editor accepts and rejects, the viewer reads the result', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '745', name: 'Haspe-Zentrum' },
    { editor: EDITOR, viewer: VIEWER },
  );
  const created = await api.post('/api/users', {
    data: { ...COMMENTER, role: 'member', memberships: [{ sozialraumId, access: 'comment' }] },
  });
  expect(created.status()).toBe(201);

  const erna = await openSozialraum(browser, EDITOR, sozialraumId);
  const clara = await openSozialraum(browser, COMMENTER, sozialraumId);
  const vera = await openSozialraum(browser, VIEWER, sozialraumId);

  await writeAfter(erna, 'Bedarfe', 'Wir bauen einen Spielplatz.');
  await erna.keyboard.press('Enter');
  await erna.keyboard.type('Alter Text bleibt.');
  await expect(text(clara).getByText('Alter Text bleibt.')).toBeVisible();

  // The commenter suggests and cannot turn that off; the editor has the switch, off at first.
  await expect(clara.getByText('Sie können Änderungen vorschlagen')).toBeVisible();
  await expect(clara.getByRole('button', { name: 'Änderungen vorschlagen' })).toHaveCount(0);
  await expect(erna.getByRole('button', { name: 'Änderungen vorschlagen' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // Clara inserts words and deletes one while Erna writes elsewhere.
  await text(clara).getByText('Wir bauen einen Spielplatz.').click();
  await clara.keyboard.press('End');
  await clara.keyboard.press('ArrowLeft');
  await clara.keyboard.type(' mit Bänken');
  await writeAfter(erna, 'Maßnahmen', 'Ernas eigene Zeile');
  await text(clara).getByText('Alter Text bleibt.').click();
  await clara.keyboard.press('Home');
  for (let i = 0; i < 'Alter '.length; i++) await clara.keyboard.press('Shift+ArrowRight');
  await clara.keyboard.press('Delete');
  // Clara's caret (and its name label) leaves the deleted word, or it would sit inside it on Erna's screen.
  await clara.keyboard.press('End');
  await expect(clara.getByTestId('sync-state')).toContainText('Gespeichert');

  // Erna sees both live, marked with Clara's name, and the text is not changed yet.
  const inserted = text(erna).locator('.suggestion-insertion', { hasText: 'mit Bänken' });
  await expect(inserted).toBeVisible();
  await expect(inserted).toHaveAttribute('title', /^Vorschlag von Clara Kommentar, /);
  await expect(text(erna).locator('.suggestion-deletion', { hasText: 'Alter' })).toHaveAttribute(
    'title',
    /^Vorschlag von Clara Kommentar/,
  );
  await expect(text(erna).getByText('Ernas eigene Zeile')).toBeVisible();
  await expect(text(clara).getByText('Ernas eigene Zeile')).toBeVisible();
  const claras = panel(erna).getByRole('region', { name: 'Vorschläge von Clara Kommentar' });
  const insertion = claras.getByRole('listitem').filter({ hasText: 'fügt ein: „mit Bänken“' });
  const deletion = claras.getByRole('listitem').filter({ hasText: 'löscht: „Alter“' });
  await expect(insertion).toBeVisible();
  await expect(deletion).toBeVisible();
  // Clara may withdraw her own, not decide.
  await expect(panel(clara).getByRole('button', { name: 'Annehmen' })).toHaveCount(0);
  await expect(panel(clara).getByRole('button', { name: 'Zurückziehen' })).toHaveCount(2);

  await insertion.getByRole('button', { name: 'Annehmen' }).click();
  await expect(insertion).toHaveCount(0);
  // Strg+Z takes the decision back: the suggestion is open again, and is then accepted for good.
  await text(erna).getByText('Ernas eigene Zeile').click();
  await erna.keyboard.press('Control+z');
  await expect(insertion).toBeVisible();
  await insertion.getByRole('button', { name: 'Annehmen' }).click();
  await deletion.getByRole('button', { name: 'Ablehnen' }).click();
  await expect(panel(erna)).toContainText('Keine offenen Vorschläge.');

  const final = async (page: Page) => {
    await expect
      .poll(() => paragraphs(page))
      .toEqual(
        expect.arrayContaining([
          'Wir bauen einen Spielplatz mit Bänken.',
          'Alter Text bleibt.',
          'Ernas eigene Zeile',
        ]),
      );
    await expect(text(page).locator('.suggestion')).toHaveCount(0);
  };
  for (const page of [erna, clara, vera]) await final(page);
  // The viewer reads, without any suggestion controls.
  await expect(panel(vera)).toHaveCount(0);
  await expect(
    vera.getByRole('button', { name: /Annehmen|Ablehnen|Zurückziehen|Änderungen vorschlagen/ }),
  ).toHaveCount(0);

  for (const page of [erna, clara, vera]) {
    await page.reload();
    await expect(page.getByTestId('sync-state')).toContainText('Gespeichert');
    await final(page);
  }
  await expect(panel(clara)).toContainText('Keine offenen Vorschläge.');

  // The editor's own switch: what she types becomes her suggestion, and the choice survives a reload.
  const toggle = erna.getByRole('button', { name: 'Änderungen vorschlagen' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await text(erna).getByText('Ernas eigene Zeile').click();
  await erna.keyboard.press('End');
  await erna.keyboard.type(' heute');
  await expect(text(erna).locator('.suggestion-insertion', { hasText: 'heute' })).toHaveAttribute(
    'title',
    /^Vorschlag von Erna Entscheid/,
  );
  await erna.reload();
  await expect(erna.getByRole('button', { name: 'Änderungen vorschlagen' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('a commenter suggests a whole new paragraph and the removal of another; nothing is refused', async ({
  browser,
  baseURL,
}) => {
  const { sozialraumId, api } = await setUpSozialraum(
    baseURL!,
    { code: '746', name: 'Haspe-Süd' },
    {
      editor: { ...EDITOR, email: 'erna.entscheid2@musterhausen.example' },
      viewer: { ...VIEWER, email: 'vera.visite2@musterhausen.example' },
    },
  );
  const commenter = { ...COMMENTER, email: 'clara.kommentar2@musterhausen.example' };
  const created = await api.post('/api/users', {
    data: { ...commenter, role: 'member', memberships: [{ sozialraumId, access: 'comment' }] },
  });
  expect(created.status()).toBe(201);
  const erna = await openSozialraum(
    browser,
    { ...EDITOR, email: 'erna.entscheid2@musterhausen.example' },
    sozialraumId,
  );
  const clara = await openSozialraum(browser, commenter, sozialraumId);

  await writeAfter(erna, 'Bedarfe', 'Dieser Absatz soll weg.');
  await expect(text(clara).getByText('Dieser Absatz soll weg.')).toBeVisible();

  // A new paragraph after the heading, then the whole old paragraph selected and deleted.
  await writeAfter(clara, 'Maßnahmen', 'Ein neuer Absatz von Clara.');
  await text(clara).getByText('Dieser Absatz soll weg.').click();
  await clara.keyboard.press('End');
  await clara.keyboard.press('Shift+Home');
  await clara.keyboard.press('Backspace');
  await expect(clara.getByTestId('sync-state')).toContainText('Gespeichert');
  await expect(clara.getByText(/Ihre Änderung wurde nicht übernommen/)).toHaveCount(0);

  // The editor sees both as Clara's suggestions and accepts them; the text is then as suggested.
  await expect(
    text(erna).locator('.suggestion-insertion', { hasText: 'Ein neuer Absatz von Clara.' }),
  ).toBeVisible();
  await expect(
    text(erna).locator('.suggestion-deletion', { hasText: 'Dieser Absatz soll weg.' }),
  ).toBeVisible();
  await panel(erna).getByRole('button', { name: 'Alle annehmen', exact: true }).click();
  await erna.getByRole('alertdialog').getByRole('button', { name: 'Alle annehmen' }).click();
  for (const page of [erna, clara]) {
    await expect.poll(() => paragraphs(page)).toContain('Ein neuer Absatz von Clara.');
    await expect.poll(() => paragraphs(page)).not.toContain('Dieser Absatz soll weg.');
  }
  await clara.reload();
  await expect(clara.getByTestId('sync-state')).toContainText('Gespeichert');
  await expect.poll(() => paragraphs(clara)).toContain('Ein neuer Absatz von Clara.');
  await expect(clara.getByText(/Ihre Änderung wurde nicht übernommen/)).toHaveCount(0);
});
