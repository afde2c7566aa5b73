import type { CardStatus, WorkshopStatus } from './dto.ts';
import type { ClusterColour } from './schemas.ts';
import type { RoundStatus } from './voting.ts';

// What the workshop repository returns and the services work with; the DTOs (dto.ts) are what
// a requester sees of them.

export interface Workshop {
  id: string;
  bodyId: string;
  bodyName: string;
  sozialraumId: string;
  sozialraumCode: string;
  sozialraumName: string;
  title: string;
  /** `YYYY-MM-DD` */
  date: string;
  endTime: string | null;
  code: string;
  joinLocked: boolean;
  status: WorkshopStatus;
  closedAt: string | null;
  anonymisedAt: string | null;
  createdAt: string;
  /** The body's data-protection contact, for the privacy notice. */
  privacyContact: string;
  participantCount: number;
  cardCount: number;
  roundCount: number;
}

export interface WorkshopParticipant {
  id: string;
  workshopId: string;
  /** Set for members taking part with their account; null for guests. */
  userId: string | null;
  /** The guest's chosen name, or the member's account name; null for anonymous guests. */
  displayName: string | null;
  joinedAt: string;
  /** When a guest session ends; null for members. */
  expiresAt: string | null;
  cardCount: number;
}

export interface WorkshopCard {
  id: string;
  workshopId: string;
  participantId: string | null;
  /** The author's name as the facilitator sees it (null: anonymous, anonymised). */
  authorName: string | null;
  title: string;
  description: string;
  status: CardStatus;
  clusterId: string | null;
  mergedIntoId: string | null;
  needId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkshopCluster {
  id: string;
  workshopId: string;
  label: string;
  colour: ClusterColour;
}

export interface BallotItem {
  needId: string;
  title: string;
}

export interface WorkshopRound {
  id: string;
  workshopId: string;
  number: number;
  status: RoundStatus;
  dotsPerPerson: number;
  maxPerItem: number | null;
  durationSeconds: number | null;
  liveResults: boolean;
  startedAt: string;
  endsAt: string | null;
  remainingSeconds: number | null;
  closedAt: string | null;
  ballot: BallotItem[];
  /** People who placed a dot: counted live while running, kept from the close on. */
  voterCount: number;
}

/** A person's dots on one need in one round. */
export interface WorkshopVote {
  roundId: string;
  participantId: string;
  needId: string;
  count: number;
}

/** Dots per need of a round, in ballot order (rank with `rankResults`). */
export interface RoundTally {
  needId: string;
  title: string;
  dots: number;
}
