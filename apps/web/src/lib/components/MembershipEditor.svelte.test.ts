import type { Access, SozialraumDto } from '@quartierplan/domain';
import { expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MembershipEditor from './MembershipEditor.svelte';

const sozialraum = (id: string, code: string, name: string): SozialraumDto => ({
  id,
  code,
  name,
  stadtbezirk: 'Mitte',
  archived: false,
  access: 'edit',
  documents: { actionPlan: `${id}-plan`, needs: `${id}-needs` },
});
const nord = sozialraum('00000000-0000-4000-8000-000000000001', 'N-01', 'Nordstadt');
const sued = sozialraum('00000000-0000-4000-8000-000000000002', 'S-01', 'Südstadt');

/** Renders the editor bound to `bound.value`, as a page's `bind:value` would. */
function renderBound(initial: Record<string, Access>) {
  const bound = { value: initial };
  render(MembershipEditor, {
    idPrefix: 'm',
    sozialraeume: [nord, sued],
    get value() {
      return bound.value;
    },
    set value(next: Record<string, Access>) {
      bound.value = next;
    },
  });
  return bound;
}

test('offers the three levels, each explained in one line', async () => {
  renderBound({});
  for (const [label, hint] of [
    ['Bearbeiten', 'Aktionsplan, Bedarfe und Maßnahmen ändern.'],
    ['Kommentieren', 'Lesen, kommentieren und Änderungen vorschlagen – nicht direkt ändern.'],
    ['Lesen', 'Nur lesen.'],
  ]) {
    await expect.element(page.getByText(`${label}:`, { exact: true })).toBeVisible();
    await expect.element(page.getByText(hint!, { exact: true })).toBeVisible();
  }
  const select = page.getByRole('combobox', { name: 'N-01 Nordstadt' });
  await expect.element(select).toHaveTextContent(/Kein Zugriff\s*Lesen\s*Kommentieren\s*Bearbeiten/);
});

test('choosing „Kommentieren“ grants comment access; „Kein Zugriff“ removes it', async () => {
  const bound = renderBound({ [sued.id]: 'view' });
  const select = page.getByRole('combobox', { name: 'N-01 Nordstadt' });
  await userEvent.selectOptions(select, 'Kommentieren');
  expect(bound.value).toEqual({ [nord.id]: 'comment', [sued.id]: 'view' });

  await userEvent.selectOptions(page.getByRole('combobox', { name: 'S-01 Südstadt' }), 'Kein Zugriff');
  expect(bound.value).toEqual({ [nord.id]: 'comment' });
});

test('shows a level it was given', async () => {
  renderBound({ [nord.id]: 'comment' });
  await expect.element(page.getByRole('combobox', { name: 'N-01 Nordstadt' })).toHaveValue('comment');
});
