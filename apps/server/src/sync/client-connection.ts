import { CLOSE_CODES } from '@quartierplan/collab';
import type { Access } from '@quartierplan/domain';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { CurrentUser } from '../http/context.ts';
import type { DocumentRoom } from './document-room.ts';
import type { SyncLimits } from './limits.ts';
import { receiveMessage } from './message-receiver.ts';
import { MalformedMessageError } from './protocol.ts';
import type { RoomClient } from './room-client.ts';
import { TokenBucket } from './token-bucket.ts';

// Stop reading from a socket while this many of its messages, or this many bytes, wait to be
// handled: counting messages alone would let 256 large ones (up to 16 MiB each) pile up.
const PAUSE_AT = 256;
const RESUME_AT = 64;
const PAUSE_AT_BYTES = 8 * 1024 * 1024;
const RESUME_AT_BYTES = 2 * 1024 * 1024;
// A send buffer over the limit for this long means the client does not read.
const SLOW_CONSUMER_GRACE_MS = 2000;
const HARD_LIMIT_FACTOR = 4;

/**
 * One WebSocket of one user on one document. Messages are handled strictly in order, each after
 * a token of the per-connection rate; reading pauses while the client outruns its rate or the
 * server, so a flood waits in TCP, not in memory, and never blocks other connections.
 */
export class ClientConnection implements RoomClient {
  /** Awareness client ids this connection introduced (the only ones it may update). */
  readonly clientIds = new Set<number>();
  private readonly inbox: Uint8Array[] = [];
  private inboxBytes = 0;
  /** The current run of `process()`; `processing` is true while it has messages to handle. */
  private run: Promise<void> = Promise.resolve();
  private processing = false;
  private paused = false;
  private slowCheck: NodeJS.Timeout | null = null;
  private readonly bucket: TokenBucket;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly room: DocumentRoom<ClientConnection>,
    public user: CurrentUser,
    public access: Access,
    /** The session token, to re-check the session when rights change. */
    readonly sessionToken: string,
    private readonly limits: SyncLimits,
    private readonly log: Logger,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    ws.on('error', () => ws.terminate());
  }

  private receive(data: Buffer, isBinary: boolean) {
    if (this.closed) return;
    if (!isBinary) {
      this.close(CLOSE_CODES.malformedMessage, 'Nur Binärnachrichten');
      return;
    }
    this.inbox.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.inboxBytes += data.byteLength;
    // ws hands over every frame of a TCP chunk at once; pausing makes the rest wait in TCP.
    if ((this.inbox.length >= PAUSE_AT || this.inboxBytes >= PAUSE_AT_BYTES) && !this.paused) {
      this.paused = true;
      this.ws.pause();
    }
    // ws may deliver several messages in one synchronous loop, and a message in a loaded room is
    // handled synchronously, so the flag is cleared by `process()` itself, not a later microtask:
    // a message arriving right after a run ended starts the next run instead of waiting forever.
    if (!this.processing) {
      this.processing = true;
      this.run = this.process();
    }
  }

  /**
   * Handles queued messages one by one, each after taking a token from the rate bucket. The flag
   * is cleared in the same synchronous step that finds the inbox empty (no await in between).
   */
  private async process(): Promise<void> {
    try {
      while (this.inbox.length > 0 && !this.closed) {
        const wait = this.bucket.msUntilNext();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!this.bucket.take()) continue;
        const message = this.inbox.shift()!;
        this.inboxBytes -= message.byteLength;
        if (this.paused && this.inbox.length <= RESUME_AT && this.inboxBytes <= RESUME_AT_BYTES) {
          this.paused = false;
          this.ws.resume();
        }
        try {
          const waiting = receiveMessage(this.room, this, message);
          if (waiting) await waiting;
        } catch (error) {
          if (error instanceof MalformedMessageError) {
            this.log.warn(
              { documentId: this.room.id, userId: this.user.id, reason: error.message },
              'malformed sync message',
            );
            this.close(CLOSE_CODES.malformedMessage, 'Ungültige Nachricht');
          } else {
            this.log.error(
              { err: error, documentId: this.room.id, userId: this.user.id },
              'sync message failed',
            );
            this.close(CLOSE_CODES.internalError, 'Interner Fehler');
          }
        }
      }
    } finally {
      this.processing = false;
    }
  }

  /**
   * Sends unless closed. A client whose send buffer stays over the limit for the grace period
   * (it does not read) is closed; one far over it is closed at once, to bound server memory.
   */
  send(message: Uint8Array) {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    const limit = this.limits.maxBufferedBytes;
    if (this.ws.bufferedAmount > HARD_LIMIT_FACTOR * limit) {
      this.close(CLOSE_CODES.slowConsumer, 'Client liest zu langsam');
      return;
    }
    this.ws.send(message, { binary: true });
    if (this.ws.bufferedAmount > limit && !this.slowCheck) {
      this.slowCheck = setTimeout(() => {
        this.slowCheck = null;
        if (this.ws.bufferedAmount > limit) this.close(CLOSE_CODES.slowConsumer, 'Client liest zu langsam');
      }, SLOW_CONSUMER_GRACE_MS);
      this.slowCheck.unref();
    }
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    // A peer that never answers the close handshake must not hold the socket. A slow consumer's
    // close frame sits behind megabytes it does not read: drop it now to free that memory (the
    // client then sees 1006 unless it happens to read up to the close frame first).
    if (code === CLOSE_CODES.slowConsumer) this.ws.terminate();
    else setTimeout(() => this.ws.terminate(), 3000).unref();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves when every message received so far is handled. */
  async drained(): Promise<void> {
    while (this.processing) await this.run;
  }
}
