import type { WorkshopStateDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { cardDto, roundDto } from '../components/workshops/testing';
import { applyWorkshopEvent } from './live.svelte';

const state = {
  workshop: { id: 'w1' },
  self: { participantId: 'p1', kind: 'guest', displayName: null, facilitator: false },
  cards: [cardDto({ id: 'c1', clusterId: 'k1' }), cardDto({ id: 'c2' })],
  clusters: [{ id: 'k1', label: 'Jugend', colour: 'blue' }],
  rounds: [roundDto({ id: 'r1', status: 'closed' })],
} as unknown as WorkshopStateDto;

describe('applyWorkshopEvent', () => {
  it('inserts new cards, replaces changed ones in place and drops removed ones', () => {
    const added = applyWorkshopEvent(state, { event: 'card', data: cardDto({ id: 'c3' }) });
    expect(added.cards.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    const edited = applyWorkshopEvent(added, { event: 'card', data: cardDto({ id: 'c1', title: 'Neu' }) });
    expect(edited.cards.map((c) => c.title)[0]).toBe('Neu');
    expect(edited.cards.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(applyWorkshopEvent(edited, { event: 'card-removed', data: { id: 'c2' } }).cards).toHaveLength(2);
  });

  it('ungroups the cards of a removed cluster', () => {
    const next = applyWorkshopEvent(state, { event: 'cluster-removed', data: { id: 'k1' } });
    expect(next.clusters).toEqual([]);
    expect(next.cards[0]?.clusterId).toBeNull();
  });

  it('keeps rounds in their order, a new one last; a fresh state replaces everything', () => {
    const next = applyWorkshopEvent(state, { event: 'round', data: roundDto({ id: 'r2', number: 2 }) });
    expect(next.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
    const closed = applyWorkshopEvent(next, {
      event: 'round',
      data: roundDto({ id: 'r1', status: 'closed', results: [] }),
    });
    expect(closed.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
    const fresh = { ...state, cards: [] };
    expect(applyWorkshopEvent(next, { event: 'state', data: fresh })).toBe(fresh);
  });
});
