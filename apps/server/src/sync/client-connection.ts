import { CLOSE_CODES } from '@quartierplan/collab';
import type { Access } from '@quartierplan/domain';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { CurrentUser } from '../http/context.ts';
import { MalformedMessageError, type DocumentRoom } from './document-room.ts';
import type { SyncLimits } from './limits.ts';
import { TokenBucket } from './token-bucket.ts';

// Stop reading from a socket while this many of its messages wait to be handled.
const PAUSE_AT = 64;
const RESUME_AT = 16;

/**
 * One WebSocket of one user on one document. Messages are handled strictly in order; reading
 * pauses while the client outruns its rate or the server, so a flood queues in TCP, not in memory.
 */
export class ClientConnection {
  /** Awareness client ids this connection introduced (the only ones it may update). */
  readonly clientIds = new Set<number>();
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;
  private paused = false;
  private readonly bucket: TokenBucket;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly room: DocumentRoom,
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
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.waiting++;
    this.queue = this.queue
      .then(() => (this.closed ? undefined : this.room.handle(this, bytes)))
      .catch((error: unknown) => {
        if (error instanceof MalformedMessageError) {
          this.log.warn({ documentId: this.room.id, reason: error.message }, 'malformed sync message');
          this.close(CLOSE_CODES.malformedMessage, 'Ungültige Nachricht');
        } else {
          this.log.error({ err: error, documentId: this.room.id }, 'sync message failed');
          this.close(CLOSE_CODES.internalError, 'Interner Fehler');
        }
      })
      .finally(() => {
        this.waiting--;
        this.maybeResume();
      });
    if (!this.bucket.take() || this.waiting >= PAUSE_AT) this.pause();
  }

  private pause() {
    if (this.paused || this.closed) return;
    this.paused = true;
    this.ws.pause();
    const wait = this.bucket.msUntilNext();
    if (wait > 0) setTimeout(() => this.maybeResume(), wait).unref();
  }

  private maybeResume() {
    if (!this.paused || this.closed) return;
    if (this.waiting > RESUME_AT) return;
    const wait = this.bucket.msUntilNext();
    if (wait > 0) {
      setTimeout(() => this.maybeResume(), wait).unref();
      return;
    }
    this.paused = false;
    this.ws.resume();
  }

  /** Sends unless closed; a client that does not read (send buffer over the limit) is closed. */
  send(message: Uint8Array) {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.slowConsumer, 'Client liest zu langsam');
      return;
    }
    this.ws.send(message, { binary: true });
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    // A peer that never answers the close handshake must not hold the socket.
    setTimeout(() => this.ws.terminate(), 3000).unref();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves when every message received so far is handled. */
  drained(): Promise<void> {
    return this.queue;
  }
}
