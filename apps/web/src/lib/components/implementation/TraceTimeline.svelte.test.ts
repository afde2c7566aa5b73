import type { TimelineDto } from '@quartierplan/domain';
import { expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import TraceTimeline from './TraceTimeline.svelte';

const timeline: TimelineDto = {
  measureId: 'm1',
  entries: [
    {
      kind: 'need',
      at: '2026-03-01T09:00:00Z',
      title: 'Bedarf: Mehr Lernorte',
      detail: 'Aus der Werkstatt „Kinder reden mit“ vom 01.03.2026',
      link: { kind: 'need', id: 'n1', sozialraumId: 's1' },
      late: false,
    },
    {
      kind: 'workshop_vote',
      at: '2026-03-01T10:00:00Z',
      title: 'Abstimmung: Platz 1 von 5 mit 12 Punkten',
      detail: '',
      link: { kind: 'workshop', id: 'w1', sozialraumId: 's1' },
      late: false,
    },
    {
      kind: 'paper',
      at: '2026-05-02T08:00:00Z',
      title: 'Vorlage 0918/2026 freigegeben',
      detail: 'Lernwerkstatt',
      link: { kind: 'paper', id: 'p1', sozialraumId: null },
      late: false,
    },
    {
      kind: 'measure_event',
      at: '2026-05-03T08:00:00Z',
      title: 'Aus „Lernorte“ hervorgegangen',
      detail: '',
      link: { kind: 'measure', id: 'm0', sozialraumId: null },
      late: false,
    },
    {
      kind: 'report',
      at: '2026-11-20',
      title: 'Fortschrittsbericht: 30 %',
      detail: 'Erste Kurse gestartet.',
      link: { kind: 'measure', id: 'm1', sozialraumId: null },
      late: false,
    },
    {
      kind: 'milestone',
      at: '2026-11-30',
      title: 'Meilenstein: Räume angemietet (geplant)',
      detail: 'geplant 30.11.2026 · 3 Tage verspätet',
      link: null,
      late: true,
    },
  ],
};

test('an ordered list (named apart from the audit trail\'s "Verlauf"), oldest first, with what each entry is and links where it lives', async () => {
  render(TraceTimeline, { timeline });
  const list = page.getByRole('list', { name: 'Stationen der Maßnahme, älteste zuerst' });
  await expect.element(list).toBeVisible();
  expect(list.element().tagName).toBe('OL');
  const items = list.getByRole('listitem');
  await expect.element(items.first()).toHaveTextContent('Bedarf');
  await expect
    .element(page.getByRole('link', { name: 'Bedarf: Mehr Lernorte' }))
    .toHaveAttribute('href', '/sozialraeume/s1#needs');
  await expect
    .element(page.getByRole('link', { name: 'Abstimmung: Platz 1 von 5 mit 12 Punkten' }))
    .toHaveAttribute('href', '/sozialraeume/s1/workshops/w1');
  await expect
    .element(page.getByRole('link', { name: 'Vorlage 0918/2026 freigegeben' }))
    .toHaveAttribute('href', '/vorlagen/p1');
  // Another measure is its page; this measure's own entries lead to their section on this page.
  await expect
    .element(page.getByRole('link', { name: 'Aus „Lernorte“ hervorgegangen' }))
    .toHaveAttribute('href', '/massnahmen/m0');
  await expect
    .element(page.getByRole('link', { name: 'Fortschrittsbericht: 30 %' }))
    .toHaveAttribute('href', '#reports-title');
  // Without a link the title is plain text; a late milestone says so.
  const milestone = items.nth(5);
  await expect.element(milestone).toHaveTextContent('Meilenstein: Räume angemietet (geplant)');
  await expect.element(milestone).toHaveTextContent('verspätet');
  expect(milestone.getByRole('link').elements()).toHaveLength(0);
  await expect
    .element(milestone.getByText('30.11.2026', { exact: true }))
    .toHaveAttribute('datetime', '2026-11-30');
});

test('empty and failed timelines say so', async () => {
  render(TraceTimeline, { timeline: { measureId: 'm1', entries: [] } });
  await expect.element(page.getByText('Noch keine Einträge im Verlauf.')).toBeVisible();
  render(TraceTimeline, { timeline: null, error: 'Keine Berechtigung.' });
  await expect.element(page.getByRole('alert')).toHaveTextContent('Keine Berechtigung.');
});
