import type { NotificationDto } from '@quartierplan/domain';
import { expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import NotificationItem from './NotificationItem.svelte';

const now = Date.parse('2026-12-03T12:00:00Z');
const mention: NotificationDto = {
  id: 'n-1',
  kind: 'mention',
  actor: { id: 'u-1', name: 'Anna Beispiel' },
  excerpt: 'Bitte @Moritz gegenlesen',
  threadId: 't-1',
  commentId: 'c-1',
  document: {
    id: 'd-1',
    kind: 'action_plan',
    sozialraum: { id: 's-1', code: '782', name: 'Boele-Kabel' },
  },
  milestone: null,
  createdAt: '2026-12-03T11:55:00Z',
  read: false,
};

const reminder: NotificationDto = {
  id: 'n-2',
  kind: 'milestone_due',
  actor: null,
  excerpt: 'Träger beauftragt',
  threadId: null,
  commentId: null,
  document: null,
  milestone: {
    id: 'ms-1',
    title: 'Träger beauftragt',
    plannedDate: '2026-12-08',
    measure: { id: 'm-1', title: 'Sprachcafé Altenhagen' },
  },
  createdAt: '2026-12-03T09:00:00Z',
  read: false,
};

function renderIn(notification: NotificationDto, onopen = vi.fn(), href = '/sozialraeume/s-1?thread=t-1') {
  const list = document.createElement('ul');
  document.body.append(list);
  render(NotificationItem, {
    target: list,
    props: { notification, href, now, onopen },
  });
  return onopen;
}

test('says who did what, where and when, and that it is unread', async () => {
  const onopen = renderIn(mention);
  const link = page.getByRole('link', { name: /Anna Beispiel hat Sie erwähnt/ });
  await expect.element(link).toHaveAttribute('href', '/sozialraeume/s-1?thread=t-1');
  await expect.element(link).toHaveTextContent('in 782 Boele-Kabel');
  await expect.element(link).toHaveTextContent('„Bitte @Moritz gegenlesen“');
  await expect.element(link).toHaveTextContent('vor 5 Minuten');
  await expect.element(link).toHaveAccessibleName(/^ungelesen:/);
  await expect.element(link).toHaveAttribute('data-read', 'false');
  await link.click();
  expect(onopen).toHaveBeenCalledTimes(1);
});

test('a read reply by a deleted person on a deleted comment', async () => {
  renderIn({ ...mention, kind: 'reply', actor: null, excerpt: '', read: true });
  const link = page.getByRole('link', { name: /Gelöschte Person hat geantwortet/ });
  await expect.element(link).toHaveTextContent('Kommentar gelöscht');
  await expect.element(link).not.toHaveAccessibleName(/ungelesen/);
  await expect.element(link).toHaveAttribute('data-read', 'true');
});

test('a milestone falling due names the milestone, its date and the measure, and links to it', async () => {
  const onopen = renderIn(reminder, vi.fn(), '/massnahmen/m-1#milestones-title');
  const link = page.getByRole('link', { name: /Meilenstein bald fällig/ });
  await expect.element(link).toHaveAttribute('href', '/massnahmen/m-1#milestones-title');
  await expect.element(link).toHaveTextContent('Maßnahme „Sprachcafé Altenhagen“');
  await expect.element(link).toHaveTextContent('„Träger beauftragt“ – geplant für 08.12.2026');
  await expect.element(link).toHaveTextContent('vor 3 Stunden');
  await expect.element(link).toHaveAccessibleName(/^ungelesen:/);
  // No person acted: nobody is named, and no Sozialraum of a comment.
  await expect.element(link).not.toHaveTextContent('Gelöschte Person');
  await link.click();
  expect(onopen).toHaveBeenCalledTimes(1);
});

test('a late milestone says so once read', async () => {
  renderIn({ ...reminder, id: 'n-3', kind: 'milestone_late', read: true }, vi.fn(), '/massnahmen/m-1');
  const link = page.getByRole('link', { name: /Meilenstein verspätet/ });
  await expect.element(link).toHaveTextContent('Sprachcafé Altenhagen');
  await expect.element(link).not.toHaveAccessibleName(/ungelesen/);
  await expect.element(link).toHaveAttribute('data-read', 'true');
});
