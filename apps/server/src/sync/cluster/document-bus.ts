import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from '@quartierplan/db';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import { createRedisPair, type RedisClient } from '../../services/redis-pair.ts';

/** What a loaded room hears from the other instances about its document. */
export interface DocumentBusListener {
  /** Updates another instance committed, with their log numbers `from` to `to`. */
  receiveUpdates(from: number, to: number, update: Uint8Array): void;
  /** Presence changes of another instance's clients (ephemeral: never stored). */
  receiveAwareness(update: Uint8Array): void;
  /** The log reached `seq` somewhere (a wake-up without the bytes: they are read from the database). */
  noticeLastSeq(seq: number): void;
}

/**
 * How instances tell each other about committed changes. Redis pub/sub carries the committed bytes
 * with their log numbers; PostgreSQL stays the only record: a lost message is a gap in the numbers,
 * read back from the log. While Redis is unreachable a commit is announced with NOTIFY instead.
 */
export interface DocumentBus {
  /** Starts hearing about a document; resolves once subscribed (or after a short wait while Redis is away). */
  join(documentId: string, listener: DocumentBusListener): Promise<void>;
  leave(documentId: string, listener: DocumentBusListener): void;
  /** Announces updates this instance committed: only ever called after the commit. */
  publishUpdates(documentId: string, from: number, to: number, update: Uint8Array): void;
  publishAwareness(documentId: string, update: Uint8Array): void;
  /** Tells every other instance that a user's sessions or rights changed. */
  publishUserChanged(userId: string): void;
  close(): Promise<void>;
}

const UPDATES = 0;
const AWARENESS = 1;
const CHANNEL_PREFIX = 'qp:sync:';
const USER_CHANGED_CHANNEL = 'qp:user-changed';
/** The PostgreSQL channel for commits announced while Redis is away; payload `<documentId>:<seq>`. */
export const NOTIFY_CHANNEL = 'qp_sync';
/** A room waits at most this long for its subscription before it loads (messages missed meanwhile are gaps). */
const JOIN_WAIT_MS = 250;
const MAX_RECONNECT_DELAY_MS = 1_000;

export interface ClusterBusOptions {
  redisUrl: string;
  sql: Sql;
  logger: Logger;
  /** Called for `user-changed` announcements of other instances. */
  onUserChanged: (userId: string) => void;
}

/** The bus of a cluster: Redis for the bytes, PostgreSQL NOTIFY as the fallback wake-up. */
export class ClusterBus implements DocumentBus {
  /** Tells this instance's own messages apart when they come back from Redis. */
  private readonly instanceId = randomBytes(8).toString('hex');
  /** Set once the Redis client library is loaded (a moment after start). */
  private publisher: RedisClient | null = null;
  private subscriber: RedisClient | null = null;
  private readonly listeners = new Map<string, DocumentBusListener>();
  /** Documents whose Redis subscription is confirmed (node-redis renews these after a reconnect). */
  private readonly subscribed = new Set<string>();
  private readonly started: Promise<void>;
  private hearsUsers = false;
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(private readonly options: ClusterBusOptions) {
    this.started = this.start();
  }

  private async start(): Promise<void> {
    const { sql, logger, redisUrl } = this.options;
    const listening = sql.listen(NOTIFY_CHANNEL, (payload) => this.onNotify(payload));
    const { publisher, subscriber } = await createRedisPair(
      redisUrl,
      (error) => logger.debug({ err: error }, 'redis error (document bus)'),
      {
        // A publish while Redis is away must fail at once (and fall back to NOTIFY), not queue.
        disableOfflineQueue: true,
        socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
      },
    );
    this.publisher = publisher;
    this.subscriber = subscriber;
    // A subscription that failed while Redis was away is made again when it is back (node-redis
    // itself renews only the ones that had been confirmed).
    subscriber.on('ready', () => {
      if (!this.hearsUsers) void this.subscribeUsers();
      for (const documentId of this.listeners.keys()) {
        if (!this.subscribed.has(documentId)) void this.subscribe(documentId);
      }
    });
    // Instances work without Redis (slower, through NOTIFY); a failed first connection is logged.
    Promise.all([publisher.connect(), subscriber.connect()]).catch((error: unknown) =>
      logger.warn({ err: error }, 'redis unavailable (document bus)'),
    );
    this.unlisten = (await listening).unlisten;
  }

  private async subscribeUsers(): Promise<void> {
    try {
      await this.subscriber!.subscribe(USER_CHANGED_CHANNEL, (message) => this.onUserChanged(message));
      this.hearsUsers = true;
    } catch {
      // Redis went away meanwhile; the 'ready' handler subscribes again.
    }
  }

  /** Resolves once the NOTIFY fallback listens and the Redis clients exist (connected or not). */
  whenStarted(): Promise<void> {
    return this.started;
  }

  async join(documentId: string, listener: DocumentBusListener): Promise<void> {
    this.listeners.set(documentId, listener);
    if (!this.subscriber?.isReady) return;
    await Promise.race([this.subscribe(documentId), sleep(JOIN_WAIT_MS, undefined, { ref: false })]);
  }

  private async subscribe(documentId: string): Promise<void> {
    try {
      await this.subscriber!.subscribe(
        CHANNEL_PREFIX + documentId,
        (message: Buffer) => this.onMessage(documentId, message),
        true,
      );
      // Left meanwhile: the subscription is not wanted any more.
      if (this.listeners.has(documentId)) this.subscribed.add(documentId);
      else void this.unsubscribe(documentId);
    } catch {
      // Redis went away meanwhile; the 'ready' handler subscribes again.
    }
  }

  leave(documentId: string, listener: DocumentBusListener): void {
    if (this.listeners.get(documentId) !== listener) return;
    this.listeners.delete(documentId);
    if (this.subscribed.delete(documentId)) void this.unsubscribe(documentId);
  }

  private async unsubscribe(documentId: string): Promise<void> {
    await this.subscriber?.unsubscribe(CHANNEL_PREFIX + documentId).catch(() => undefined);
  }

  publishUpdates(documentId: string, from: number, to: number, update: Uint8Array): void {
    const encoder = this.header(UPDATES);
    encoding.writeVarUint(encoder, from);
    encoding.writeVarUint(encoder, to);
    encoding.writeVarUint8Array(encoder, update);
    const message = Buffer.from(encoding.toUint8Array(encoder));
    const publisher = this.publisher;
    if (!publisher?.isReady) return this.notify(documentId, to);
    publisher.publish(CHANNEL_PREFIX + documentId, message).catch(() => this.notify(documentId, to));
  }

  publishAwareness(documentId: string, update: Uint8Array): void {
    // Presence is ephemeral: while Redis is away it stays on each instance.
    const publisher = this.publisher;
    if (!publisher?.isReady) return;
    const encoder = this.header(AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
    publisher
      .publish(CHANNEL_PREFIX + documentId, Buffer.from(encoding.toUint8Array(encoder)))
      .catch(() => undefined);
  }

  publishUserChanged(userId: string): void {
    // Without Redis, the other instances' periodic re-check closes the sockets instead.
    if (!this.publisher?.isReady) return;
    this.publisher.publish(USER_CHANGED_CHANNEL, `${this.instanceId}:${userId}`).catch(() => undefined);
  }

  private header(kind: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarString(encoder, this.instanceId);
    return encoder;
  }

  /** Announces a commit through PostgreSQL; the others read the bytes from the log. */
  private notify(documentId: string, seq: number): void {
    if (this.closed) return;
    this.options.sql`select pg_notify(${NOTIFY_CHANNEL}, ${`${documentId}:${seq}`})`.catch((error: unknown) =>
      this.options.logger.warn({ err: error, documentId }, 'NOTIFY failed'),
    );
  }

  private onMessage(documentId: string, message: Buffer): void {
    const listener = this.listeners.get(documentId);
    if (!listener) return;
    try {
      const decoder = decoding.createDecoder(message);
      const kind = decoding.readVarUint(decoder);
      if (decoding.readVarString(decoder) === this.instanceId) return;
      if (kind === UPDATES) {
        const from = decoding.readVarUint(decoder);
        const to = decoding.readVarUint(decoder);
        listener.receiveUpdates(from, to, decoding.readVarUint8Array(decoder));
      } else if (kind === AWARENESS) {
        listener.receiveAwareness(decoding.readVarUint8Array(decoder));
      }
    } catch (error) {
      this.options.logger.warn({ err: error, documentId }, 'unreadable document bus message');
    }
  }

  private onNotify(payload: string): void {
    const [documentId, seq] = payload.split(':');
    const listener = documentId ? this.listeners.get(documentId) : undefined;
    if (listener && Number.isSafeInteger(Number(seq))) listener.noticeLastSeq(Number(seq));
  }

  private onUserChanged(message: string): void {
    const [instance, userId] = message.split(':');
    if (instance !== this.instanceId && userId) this.options.onUserChanged(userId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.started.catch(() => undefined);
    await this.unlisten?.().catch(() => undefined);
    await Promise.allSettled([this.subscriber?.close(), this.publisher?.close()]);
  }
}
