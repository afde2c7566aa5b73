import { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';

const CANCEL_REQUEST_CODE = 80877102;

/**
 * The byte length of the complete frontend messages at the start of `buffer`: the startup packet (no type byte)
 * when `startup`, then messages of one type byte and a length that counts itself.
 */
function completeMessages(buffer: Buffer, startup: boolean): number {
  let offset = 0;
  if (startup) {
    if (buffer.length < 4 || buffer.length < buffer.readInt32BE(0)) return 0;
    offset = buffer.readInt32BE(0);
  }
  while (buffer.length - offset >= 5) {
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (buffer.length - offset < length) break;
    offset += length;
  }
  return offset;
}

/**
 * postgres.js's socket to embedded PGlite, in this process: the complete protocol messages the driver writes go
 * to PGlite in one call (a query's Parse, Bind, Describe, Execute and Sync together), its answer comes back as
 * the socket's data. A Unix socket with pglite-socket's server in front cost system calls, event-loop turns and a
 * PGlite call per message, on the one connection every request waits for.
 */
export class PgliteConnection extends Duplex {
  /** postgres.js reads it to decide whether to say goodbye on `end()`. */
  readyState: 'open' | 'closed' = 'open';
  private pending: Buffer = Buffer.alloc(0);
  private startup = true;

  constructor(private readonly db: PGlite) {
    super();
  }

  override _read(): void {
    // Answers are pushed as PGlite produces them.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const length = completeMessages(this.pending, this.startup);
    if (length === 0) return callback();
    const messages = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    if (this.startup) {
      this.startup = false;
      // PGlite cannot cancel a running query (it runs on this thread): nothing to do but close.
      if (messages.length === 16 && messages.readInt32BE(4) === CANCEL_REQUEST_CODE) {
        callback();
        this.destroy();
        return;
      }
    }
    this.db
      .runExclusive(() =>
        this.db.execProtocolRawStream(new Uint8Array(messages), {
          onRawData: (data) => this.push(Buffer.from(data)),
        }),
      )
      .then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.readyState = 'closed';
    // PGlite is one session for every connection: a transaction this connection left open must not hold the next.
    const rollback =
      this.db.closed || !this.db.isInTransaction() ? Promise.resolve() : this.db.exec('rollback');
    rollback.then(
      () => callback(error),
      () => callback(error),
    );
  }
}
