import { describe, expect, it } from 'vitest';
import { roundDto } from '../components/workshops/testing';
import { currentRound, dotsUsed, formatCountdown, secondsLeft, voteRefusal } from './round';

const now = Date.parse('2026-12-03T10:00:00Z');

describe('workshop rounds on the phone', () => {
  it('counts a running round down to its end and keeps a paused round’s rest', () => {
    expect(secondsLeft(roundDto({ endsAt: '2026-12-03T10:00:30Z' }), now)).toBe(30);
    expect(secondsLeft(roundDto({ endsAt: '2026-12-03T10:00:00.400Z' }), now)).toBe(1);
    expect(secondsLeft(roundDto({ endsAt: '2026-12-03T09:59:00Z' }), now)).toBe(0);
    expect(secondsLeft(roundDto({ status: 'paused', remainingSeconds: 42 }), now)).toBe(42);
    expect(secondsLeft(roundDto({ endsAt: null }), now)).toBeNull();
    expect(secondsLeft(roundDto({ status: 'closed', endsAt: '2026-12-03T10:00:30Z' }), now)).toBeNull();
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(0)).toBe('0:00');
  });

  it('applies the domain’s vote rule: budget, per-need limit, pause and end', () => {
    const round = roundDto({ dotsPerPerson: 3, maxPerItem: 2, myVotes: { n1: 2 } });
    expect(dotsUsed(round)).toBe(2);
    expect(voteRefusal(round, 'n2', 1, now)).toBeNull();
    expect(voteRefusal(round, 'n2', 2, now)).toBe('budget_exceeded');
    expect(voteRefusal(round, 'n1', 3, now)).toBe('item_limit_exceeded');
    expect(voteRefusal(round, 'n1', 0, now)).toBeNull();
    expect(voteRefusal(round, 'n9', 1, now)).toBe('not_on_ballot');
    expect(voteRefusal({ ...round, status: 'paused' }, 'n2', 1, now)).toBe('round_paused');
    expect(voteRefusal({ ...round, endsAt: '2026-12-03T10:00:00Z' }, 'n2', 1, now)).toBe('round_closed');
  });

  it('knows the running round: the last one, unless it is closed', () => {
    const first = roundDto({ id: 'r1', status: 'closed' });
    expect(currentRound([first])).toBeNull();
    expect(currentRound([first, roundDto({ id: 'r2', number: 2 })])?.id).toBe('r2');
    expect(currentRound([])).toBeNull();
  });
});
