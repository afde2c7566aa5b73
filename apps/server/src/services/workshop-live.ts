import { EventEmitter } from 'node:events';
import {
  rankResults,
  type RoundTally,
  type Workshop,
  type WorkshopCard,
  type WorkshopCardDto,
  type WorkshopCluster,
  type WorkshopClusterDto,
  type WorkshopDto,
  type WorkshopRound,
  type WorkshopRoundDto,
  type WorkshopSelfDto,
  type WorkshopVote,
} from '@quartierplan/domain';
import { formatJoinCode } from '@quartierplan/domain';
import type { Logger } from 'pino';
import { createRedisPair, type RedisPair } from './redis-pair.ts';

/** Who looks at a workshop: decides what each answer and live event shows. */
export interface WorkshopViewer {
  facilitator: boolean;
  kind: 'guest' | 'member';
  /** Null for a member who has not yet taken part (no card, no vote). */
  participantId: string | null;
  displayName: string | null;
  /** The origin the join URL is built on (PUBLIC_ORIGIN, else the request's). */
  origin: string;
  /** Days until names are deleted, for the privacy notice. */
  retentionDays: number;
}

/** A round with what every view of it needs: the tally (stored once closed) and all votes. */
export interface RoundSnapshot {
  round: WorkshopRound;
  tally: RoundTally[];
  votes: WorkshopVote[];
}

/** A change inside one workshop, before it is shaped for each subscriber. */
export type WorkshopChange =
  | { type: 'workshop'; workshop: Workshop }
  | { type: 'card'; card: WorkshopCard }
  | { type: 'card-removed'; id: string }
  | { type: 'cluster'; cluster: WorkshopCluster }
  | { type: 'cluster-removed'; id: string }
  | { type: 'round'; snapshot: RoundSnapshot }
  | { type: 'participant-removed'; participantId: string }
  | { type: 'member-joined'; participantId: string; userId: string }
  | { type: 'deleted' };

export const joinUrl = (origin: string, code: string) => `${origin}/w/${formatJoinCode(code)}`;

export function toWorkshopDto(workshop: Workshop, viewer: WorkshopViewer): WorkshopDto {
  return {
    id: workshop.id,
    sozialraum: { id: workshop.sozialraumId, code: workshop.sozialraumCode, name: workshop.sozialraumName },
    title: workshop.title,
    date: workshop.date,
    endTime: workshop.endTime,
    code: workshop.code,
    joinUrl: joinUrl(viewer.origin, workshop.code),
    joinLocked: workshop.joinLocked,
    status: workshop.status,
    closedAt: workshop.closedAt,
    createdAt: workshop.createdAt,
    participantCount: workshop.participantCount,
    cardCount: workshop.cardCount,
    roundCount: workshop.roundCount,
    privacy: {
      controller: workshop.bodyName,
      contact: workshop.privacyContact,
      retentionDays: viewer.retentionDays,
    },
    permissions: { facilitate: viewer.facilitator },
  };
}

export function toSelfDto(viewer: WorkshopViewer): WorkshopSelfDto {
  return {
    participantId: viewer.participantId ?? '',
    kind: viewer.kind,
    displayName: viewer.displayName,
    facilitator: viewer.facilitator,
  };
}

export function toCardDto(card: WorkshopCard, viewer: WorkshopViewer): WorkshopCardDto {
  return {
    id: card.id,
    title: card.title,
    description: card.description,
    status: card.status,
    clusterId: card.clusterId,
    mergedIntoId: card.mergedIntoId,
    needId: card.needId,
    // Participants never learn who wrote what.
    authorName: viewer.facilitator ? card.authorName : null,
    mine: viewer.participantId !== null && card.participantId === viewer.participantId,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  };
}

export const toClusterDto = (cluster: WorkshopCluster): WorkshopClusterDto => ({
  id: cluster.id,
  label: cluster.label,
  colour: cluster.colour,
});

/** Facilitators always see results; others once the round is closed or with live results. */
export function resultsVisible(round: WorkshopRound, viewer: Pick<WorkshopViewer, 'facilitator'>): boolean {
  return viewer.facilitator || round.status === 'closed' || round.liveResults;
}

export function toRoundDto({ round, tally, votes }: RoundSnapshot, viewer: WorkshopViewer): WorkshopRoundDto {
  const myVotes: Record<string, number> = {};
  for (const vote of votes)
    if (vote.participantId === viewer.participantId) myVotes[vote.needId] = vote.count;
  return {
    id: round.id,
    number: round.number,
    status: round.status,
    dotsPerPerson: round.dotsPerPerson,
    maxPerItem: round.maxPerItem,
    durationSeconds: round.durationSeconds,
    liveResults: round.liveResults,
    startedAt: round.startedAt,
    endsAt: round.endsAt,
    remainingSeconds: round.remainingSeconds,
    closedAt: round.closedAt,
    ballot: round.ballot.map(({ needId, title }) => ({ needId, title })),
    results: resultsVisible(round, viewer) ? rankResults(tally) : null,
    myVotes,
    voterCount: round.voterCount,
  };
}

type Listener = (change: WorkshopChange) => void;

/**
 * Live changes of workshops for the SSE streams, published after the commit. Subscribers listen
 * to one workshop, so a change wakes only the streams of its workshop. In-process by default;
 * over Redis pub/sub when REDIS_URL is set, so every instance's streams see every change.
 */
export interface WorkshopLiveBus {
  /** Fire and forget: a lost live event is repaired by the next `state` a client gets. */
  publish(workshopId: string, change: WorkshopChange): void;
  /** Returns the function that unsubscribes. */
  subscribe(workshopId: string, listener: Listener): () => void;
  readonly subscriberCount: number;
  close(): Promise<void>;
}

class InProcessWorkshopBus implements WorkshopLiveBus {
  private readonly emitter = new EventEmitter();
  private count = 0;

  constructor() {
    // A workshop has 100 phones and more; that many listeners are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  get subscriberCount(): number {
    return this.count;
  }

  publish(workshopId: string, change: WorkshopChange): void {
    this.emitter.emit(workshopId, change);
  }

  subscribe(workshopId: string, listener: Listener): () => void {
    this.emitter.on(workshopId, listener);
    this.count += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.count -= 1;
      this.emitter.off(workshopId, listener);
    };
  }

  async close(): Promise<void> {}
}

/** The Redis channel every instance publishes workshop changes to and listens on. */
const WORKSHOP_CHANNEL = 'quartierplan:workshop-changed';

/**
 * Several instances: changes go through one Redis channel, local delivery too (no short cut),
 * so every instance sees the same order. Each instance parses a message once and its streams
 * share the parsed change (and so its serialisations).
 */
class RedisWorkshopBus implements WorkshopLiveBus {
  private readonly local = new InProcessWorkshopBus();
  private readonly clients: Promise<RedisPair>;
  private readonly ready: Promise<void>;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.clients = createRedisPair(url, (error) =>
      logger.warn({ err: error }, 'redis error (workshop events)'),
    );
    this.ready = this.connect();
    this.ready.catch((error: unknown) => logger.error({ err: error }, 'redis unavailable (workshop events)'));
  }

  private async connect(): Promise<void> {
    const { publisher, subscriber } = await this.clients;
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(WORKSHOP_CHANNEL, (message) => {
      try {
        const { workshopId, change } = JSON.parse(message) as { workshopId: string; change: WorkshopChange };
        this.local.publish(workshopId, change);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable workshop event from redis');
      }
    });
  }

  get subscriberCount(): number {
    return this.local.subscriberCount;
  }

  /** Resolves once both connections are up and the channel is subscribed. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  publish(workshopId: string, change: WorkshopChange): void {
    this.ready
      .then(() => this.clients)
      .then(({ publisher }) => publisher.publish(WORKSHOP_CHANNEL, JSON.stringify({ workshopId, change })))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'publishing a workshop event failed'));
  }

  subscribe(workshopId: string, listener: Listener): () => void {
    return this.local.subscribe(workshopId, listener);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    const clients = await this.clients.catch(() => null);
    if (clients) await Promise.allSettled([clients.subscriber.close(), clients.publisher.close()]);
  }
}

/** The bus the configuration asks for. */
export function createWorkshopLiveBus(redisUrl: string | undefined, logger: Logger): WorkshopLiveBus {
  return redisUrl ? new RedisWorkshopBus(redisUrl, logger) : new InProcessWorkshopBus();
}
