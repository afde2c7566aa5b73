/** Limits of the sync endpoint; every one configurable (see config.ts), defaults for a workshop-sized load. */
export interface SyncLimits {
  /** Largest inbound WebSocket message; larger ones close with 1009 before parsing. */
  maxMessageBytes: number;
  /** Largest awareness state of one client (JSON). */
  maxAwarenessBytes: number;
  /** Messages per second per connection (token bucket) and the burst allowed. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Open sync connections per user. */
  maxConnectionsPerUser: number;
  /** Stored size of one document (snapshot + log) beyond which updates are refused. */
  maxDocumentBytes: number;
  /** Unsent bytes queued for one client before it is closed as a slow consumer. */
  maxBufferedBytes: number;
  /** Log rows after the snapshot that trigger background compaction. */
  compactionThreshold: number;
  /**
   * Least time between two compactions of one document. Each compaction re-encodes the whole
   * document, so under fast typing it would otherwise run many times a second.
   */
  compactionIntervalMs: number;
}
