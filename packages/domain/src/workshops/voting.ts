/** A dot-voting round's life: the facilitator opens, pauses, resumes and closes it (or its timer does). */
export const ROUND_STATUSES = ['open', 'paused', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Dots per person a facilitator may hand out in one round, and the longest timer. */
export const MAX_DOTS_PER_PERSON = 20;
export const MAX_ROUND_SECONDS = 4 * 60 * 60;
/** Most needs on one ballot (bounds the work of a vote and the size of a phone page). */
export const MAX_BALLOT_ITEMS = 200;

/** The settings of a round that decide whether a vote counts. */
export interface RoundRules {
  status: RoundStatus;
  dotsPerPerson: number;
  /** Most dots one person may put on one need; null for no limit below the budget. */
  maxPerItem: number | null;
  /** When a timed round closes (ISO 8601), or null for none. */
  endsAt: string | null;
  ballotNeedIds: readonly string[];
}

export type VoteRefusal =
  /** The round is closed, its time ran out, or it is paused. */
  | 'round_closed'
  | 'round_paused'
  | 'not_on_ballot'
  /** More dots than the person has left. */
  | 'budget_exceeded'
  /** More dots on this need than the round allows. */
  | 'item_limit_exceeded';

/**
 * Whether a person may set their dots on one need to `count` (a vote sets, it does not add: a
 * phone that retries after sleeping sends the same request again and nothing doubles).
 * `dotsElsewhere`: the person's dots on the other needs of the round.
 */
export function checkVote(
  round: RoundRules,
  vote: { needId: string; count: number; dotsElsewhere: number },
  now: Date,
): VoteRefusal | null {
  if (round.status === 'closed' || isPastEnd(round, now)) return 'round_closed';
  if (round.status === 'paused') return 'round_paused';
  if (!round.ballotNeedIds.includes(vote.needId)) return 'not_on_ballot';
  if (round.maxPerItem !== null && vote.count > round.maxPerItem) return 'item_limit_exceeded';
  if (vote.dotsElsewhere + vote.count > round.dotsPerPerson) return 'budget_exceeded';
  return null;
}

/** A timed round whose end has passed counts as closed, whether or not its timer fired yet. */
export function isPastEnd(round: Pick<RoundRules, 'status' | 'endsAt'>, now: Date): boolean {
  return round.status === 'open' && round.endsAt !== null && Date.parse(round.endsAt) <= now.getTime();
}

/** German messages for refused votes (the API's `message`, shown on the phone). */
export const VOTE_REFUSAL_MESSAGES: Readonly<Record<VoteRefusal, string>> = {
  round_closed: 'Die Abstimmungsrunde ist beendet.',
  round_paused: 'Die Abstimmungsrunde ist gerade angehalten.',
  not_on_ballot: 'Dieser Bedarf steht in dieser Runde nicht zur Abstimmung.',
  budget_exceeded: 'Sie haben keine Punkte mehr übrig.',
  item_limit_exceeded: 'Auf einen Bedarf dürfen in dieser Runde nicht mehr Punkte.',
};

/** Ranks results: most dots first; ties keep ballot order. */
export function rankResults<T extends { dots: number }>(results: readonly T[]): T[] {
  return [...results].sort((a, b) => b.dots - a.dots);
}
