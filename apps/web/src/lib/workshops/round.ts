import { checkVote, type VoteRefusal, type WorkshopRoundDto } from '@quartierplan/domain';

/** Seconds a round has left: a running timed round counts down to `endsAt`, a paused one keeps its rest. */
export function secondsLeft(round: WorkshopRoundDto, now: number): number | null {
  if (round.status === 'paused') return round.remainingSeconds;
  if (round.status !== 'open' || !round.endsAt) return null;
  return Math.max(0, Math.ceil((Date.parse(round.endsAt) - now) / 1000));
}

/** `m:ss` for a countdown. */
export function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Dots the requester has placed in a round. */
export function dotsUsed(round: WorkshopRoundDto): number {
  return Object.values(round.myVotes).reduce((sum, n) => sum + n, 0);
}

/** The round that is running or paused, if any (the last one; a new round starts only after a close). */
export function currentRound(rounds: readonly WorkshopRoundDto[]): WorkshopRoundDto | null {
  const last = rounds.at(-1);
  return last && last.status !== 'closed' ? last : null;
}

/**
 * Whether setting the requester's dots on a need to `count` would be refused, and why: the domain's
 * vote rule, so the phone spares a request that cannot succeed (the server stays the authority).
 */
export function voteRefusal(
  round: WorkshopRoundDto,
  needId: string,
  count: number,
  now: number,
): VoteRefusal | null {
  const mine = round.myVotes[needId] ?? 0;
  return checkVote(
    {
      status: round.status,
      dotsPerPerson: round.dotsPerPerson,
      maxPerItem: round.maxPerItem,
      endsAt: round.endsAt,
      ballotNeedIds: round.ballot.map((item) => item.needId),
    },
    { needId, count, dotsElsewhere: dotsUsed(round) - mine },
    new Date(now),
  );
}
