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
  createdAt: '2026-12-03T11:55:00Z',
  read: false,
};

function renderIn(notification: NotificationDto, onopen = vi.fn()) {
  const list = document.createElement('ul');
  document.body.append(list);
  render(NotificationItem, {
    target: list,
    props: { notification, href: '/sozialraeume/s-1?thread=t-1', now, onopen },
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
