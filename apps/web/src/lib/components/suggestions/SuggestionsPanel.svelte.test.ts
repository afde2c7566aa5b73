import { actionPlanExtensions } from '@quartierplan/collab/editor';
import { listSuggestions, resolveSuggestions, SuggestMode } from '@quartierplan/collab/suggestions';
import { Editor, type JSONContent } from '@tiptap/core';
import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SuggestionsPanel from './SuggestionsPanel.svelte';

const anna = { id: 'u-anna', name: 'Anna Amt' };
const ben = { id: 'u-ben', name: 'Ben Büro' };
const by = (who: { id: string; name: string }) => ({
  authorId: who.id,
  authorName: who.name,
  at: '2026-12-03T10:15:00.000Z',
});

const content: JSONContent = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Wir planen' },
        {
          type: 'text',
          text: ' bald',
          marks: [{ type: 'insertion', attrs: { id: 's-ben', data: by(ben) } }],
        },
      ],
    },
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'Alter ',
          marks: [{ type: 'deletion', attrs: { id: 's-anna', data: by(anna) } }],
        },
        { type: 'text', text: 'Text' },
      ],
    },
  ],
};

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function editorFor(me: typeof anna, locked: boolean, onRefused?: () => void) {
  const element = document.createElement('div');
  document.body.append(element);
  editor = new Editor({
    element,
    extensions: [
      ...actionPlanExtensions(),
      SuggestMode.configure({ author: { authorId: me.id, authorName: me.name }, locked, onRefused }),
    ],
    content,
  });
  return editor;
}

/** The panel, re-rendered after every transaction as the editor component does. */
function panel(ed: Editor, access: 'edit' | 'comment', me: typeof anna) {
  let tick = 0;
  const screen = render(SuggestionsPanel, { editor: ed, tick, access, me });
  ed.on('transaction', () => void screen.rerender({ editor: ed, tick: ++tick, access, me }));
  return screen;
}

test('an editor sees suggestions by person and accepts, rejects and rejects all', async () => {
  const ed = editorFor(anna, false);
  panel(ed, 'edit', anna);
  const bens = page.getByRole('region', { name: 'Vorschläge von Ben Büro' });
  await expect.element(bens.getByText('fügt ein: „bald“')).toBeVisible();
  await expect
    .element(page.getByRole('region', { name: 'Vorschläge von Anna Amt' }).getByText('löscht: „Alter“'))
    .toBeVisible();

  await bens.getByRole('button', { name: 'Annehmen' }).click();
  expect(ed.state.doc.textContent).toBe('Wir planen baldAlter Text');
  expect(listSuggestions(ed.state.doc).map((s) => s.id)).toEqual(['s-anna']);
  await expect.element(bens).not.toBeInTheDocument();

  await page.getByRole('button', { name: 'Ablehnen' }).click();
  expect(ed.state.doc.textContent).toBe('Wir planen baldAlter Text');
  await expect.element(page.getByText('Keine offenen Vorschläge.')).toBeVisible();
});

test('“Alle ablehnen” asks first, then rejects every suggestion', async () => {
  const ed = editorFor(anna, false);
  panel(ed, 'edit', anna);
  await page.getByRole('button', { name: 'Alle ablehnen' }).click();
  await expect.element(page.getByText('2 Vorschläge werden verworfen.', { exact: false })).toBeVisible();
  expect(listSuggestions(ed.state.doc)).toHaveLength(2);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Alle ablehnen' }).click();
  expect(ed.state.doc.textContent).toBe('Wir planenAlter Text');
  await expect.element(page.getByText('Keine offenen Vorschläge.')).toBeVisible();
});

test('a commenter withdraws only their own suggestion and edits only as suggestions', async () => {
  const ed = editorFor(anna, true);
  panel(ed, 'comment', anna);
  await expect.element(page.getByRole('button', { name: 'Annehmen' })).not.toBeInTheDocument();
  await expect.element(page.getByRole('button', { name: 'Zurückziehen' })).toBeVisible();
  expect(page.getByRole('button', { name: 'Zurückziehen' }).elements()).toHaveLength(1);

  // Deciding on Ben's suggestion does not get through, not even by a command.
  ed.view.dispatch(resolveSuggestions(ed.state, ['s-ben'], 'accept')!);
  expect(listSuggestions(ed.state.doc).map((s) => s.id)).toEqual(['s-ben', 's-anna']);
  // Typing is a suggestion of her own.
  ed.commands.insertContentAt(11, ' sicher');
  const mine = listSuggestions(ed.state.doc).filter((s) => s.author?.authorId === anna.id);
  expect(mine.map((s) => s.inserted)).toContain(' sicher');

  await page
    .getByRole('listitem')
    .filter({ hasText: 'löscht: „Alter“' })
    .getByRole('button', { name: 'Zurückziehen' })
    .click();
  expect(listSuggestions(ed.state.doc).some((s) => s.id === 's-anna')).toBe(false);
  expect(listSuggestions(ed.state.doc).some((s) => s.id === 's-ben')).toBe(true);
});

test('a commenter types inside another person’s insertion as their own, but cannot delete from it', async () => {
  let refusals = 0;
  const ed = editorFor(anna, true, () => (refusals += 1));
  // " bald" is Ben's insertion at 11–16: typing inside it is Anna's suggestion, Ben's stays whole.
  ed.commands.insertContentAt(13, 'X');
  const after = listSuggestions(ed.state.doc);
  expect(after.find((s) => s.id === 's-ben')?.inserted).toBe(' bald');
  expect(after.find((s) => s.inserted === 'X')?.author?.authorId).toBe(anna.id);
  expect(refusals).toBe(0);

  const before = ed.state.doc;
  ed.commands.deleteRange({ from: 15, to: 17 });
  expect(ed.state.doc.eq(before)).toBe(true);
  expect(refusals).toBe(1);
});
