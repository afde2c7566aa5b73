import { describe, expect, it } from 'vitest';
import { startRoundInputSchema, voteInputSchema } from './schemas.ts';
import { checkVote, isPastEnd, rankResults, type RoundRules } from './voting.ts';

const now = new Date('2026-12-03T10:00:00Z');
const round: RoundRules = {
  status: 'open',
  dotsPerPerson: 5,
  maxPerItem: 3,
  endsAt: '2026-12-03T10:00:30Z',
  ballotNeedIds: ['a', 'b'],
};

describe('checkVote', () => {
  it('lets a person set dots within the budget and the per-need limit', () => {
    expect(checkVote(round, { needId: 'a', count: 3, dotsElsewhere: 2 }, now)).toBeNull();
    expect(checkVote(round, { needId: 'a', count: 0, dotsElsewhere: 5 }, now)).toBeNull();
  });

  it('refuses dots beyond the budget and the per-need limit', () => {
    expect(checkVote(round, { needId: 'a', count: 3, dotsElsewhere: 3 }, now)).toBe('budget_exceeded');
    expect(checkVote(round, { needId: 'a', count: 4, dotsElsewhere: 0 }, now)).toBe('item_limit_exceeded');
    expect(
      checkVote({ ...round, maxPerItem: null }, { needId: 'a', count: 5, dotsElsewhere: 0 }, now),
    ).toBeNull();
  });

  it('refuses needs not on the ballot, paused and closed rounds, and rounds whose time ran out', () => {
    expect(checkVote(round, { needId: 'c', count: 1, dotsElsewhere: 0 }, now)).toBe('not_on_ballot');
    expect(checkVote({ ...round, status: 'paused' }, { needId: 'a', count: 1, dotsElsewhere: 0 }, now)).toBe(
      'round_paused',
    );
    expect(checkVote({ ...round, status: 'closed' }, { needId: 'a', count: 1, dotsElsewhere: 0 }, now)).toBe(
      'round_closed',
    );
    const atEnd = new Date('2026-12-03T10:00:30Z');
    expect(isPastEnd(round, atEnd)).toBe(true);
    expect(checkVote(round, { needId: 'a', count: 1, dotsElsewhere: 0 }, atEnd)).toBe('round_closed');
  });

  it('ranks results by dots, ties in ballot order', () => {
    const ranked = rankResults([
      { needId: 'a', dots: 1 },
      { needId: 'b', dots: 4 },
      { needId: 'c', dots: 1 },
    ]);
    expect(ranked.map((r) => r.needId)).toEqual(['b', 'a', 'c']);
  });
});

describe('round and vote input', () => {
  it('refuses a per-need limit above the dots per person, with a German message on the field', () => {
    const result = startRoundInputSchema.safeParse({ dotsPerPerson: 3, maxPerItem: 4 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['maxPerItem'] });
    expect(result.error?.issues[0]?.message).toMatch(/Pro Bedarf/);
  });

  it('refuses negative, fractional and oversized votes', () => {
    for (const count of [-1, 1.5, 21, '2']) {
      expect(voteInputSchema.safeParse({ needId: 'a', count }).success).toBe(false);
    }
    expect(voteInputSchema.safeParse({ needId: 'a', count: 0 }).success).toBe(true);
  });
});
