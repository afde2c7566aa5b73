import type { EventEmitter } from 'node:events';
import type { MeasureLiveEventDto, Measure } from '@quartierplan/domain';
import type { Logger } from 'pino';
import { createRedisPair, type RedisPair } from './redis-pair.ts';

/** A change of a measure as it travels between server instances (before per-user filtering). */
export interface MeasureChange {
  type: MeasureLiveEventDto['type'];
  bodyId: string;
  measure: Measure;
}

type Listener = (change: MeasureChange) => void;

/**
 * Live measure changes for the SSE streams: publish after commit, every instance's subscribers
 * receive them. In-process by default; over Redis pub/sub when REDIS_URL is set.
 */
export interface MeasureLiveBus {
  publish(change: MeasureChange): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void;
  /** How many subscribers this instance has (open streams). */
  readonly subscriberCount: number;
  close(): Promise<void>;
}

const EVENT = 'measure-changed';
/** The Redis channel every instance publishes to and listens on. */
const MEASURE_CHANNEL = 'quartierplan:measure-changed';

/** One process: the services' EventEmitter carries the changes. */
class InProcessMeasureBus implements MeasureLiveBus {
  private count = 0;

  constructor(private readonly events: EventEmitter) {
    // Every open stream listens; hundreds of viewers are normal, not a leak.
    events.setMaxListeners(0);
  }

  get subscriberCount(): number {
    return this.count;
  }

  async publish(change: MeasureChange): Promise<void> {
    this.events.emit(EVENT, change);
  }

  subscribe(listener: Listener): () => void {
    this.events.on(EVENT, listener);
    this.count += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.count -= 1;
      this.events.off(EVENT, listener);
    };
  }

  async close(): Promise<void> {}
}

/**
 * Several instances: changes go through one Redis channel. Local delivery also goes through
 * Redis (no short cut), so every instance sees the same order of changes.
 */
class RedisMeasureBus implements MeasureLiveBus {
  private readonly local: InProcessMeasureBus;
  private readonly clients: Promise<RedisPair>;
  private readonly ready: Promise<void>;

  constructor(url: string, events: EventEmitter, logger: Logger) {
    this.local = new InProcessMeasureBus(events);
    this.clients = createRedisPair(url, (error) =>
      logger.warn({ err: error }, 'redis error (measure events)'),
    );
    this.ready = this.connect(logger);
    // Streams keep working without Redis events; the failure is logged, not thrown at startup.
    this.ready.catch((error: unknown) => logger.error({ err: error }, 'redis unavailable (measure events)'));
  }

  private async connect(logger: Logger): Promise<void> {
    const { publisher, subscriber } = await this.clients;
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(MEASURE_CHANNEL, (message) => {
      try {
        void this.local.publish(JSON.parse(message) as MeasureChange);
      } catch (error) {
        logger.warn({ err: error }, 'unreadable measure event from redis');
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

  async publish(change: MeasureChange): Promise<void> {
    await this.ready;
    const { publisher } = await this.clients;
    await publisher.publish(MEASURE_CHANNEL, JSON.stringify(change));
  }

  subscribe(listener: Listener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    const clients = await this.clients.catch(() => null);
    if (clients) await Promise.allSettled([clients.subscriber.close(), clients.publisher.close()]);
  }
}

/** The bus the configuration asks for. */
export function createMeasureLiveBus(
  redisUrl: string | undefined,
  events: EventEmitter,
  logger: Logger,
): MeasureLiveBus {
  return redisUrl ? new RedisMeasureBus(redisUrl, events, logger) : new InProcessMeasureBus(events);
}
