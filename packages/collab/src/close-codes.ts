/**
 * WebSocket close codes of `/sync/<docId>`, shared by server and clients. Standard codes where one
 * fits; ours follow y-websocket's convention: 4400–4499 mirror HTTP 4xx and mean "do not
 * reconnect" (the stock client stops), 4500–4599 mean "reconnect" (it retries with backoff).
 */
export const CLOSE_CODES = {
  /** Message larger than the inbound limit (closed before parsing). */
  messageTooBig: 1009,
  /** Server error while handling the connection (e.g. the database failed); reconnect. */
  internalError: 1011,
  /** The server restarts or unloads the document; reconnect. */
  serviceRestart: 1012,
  /** The session ended (logout, expiry, deactivation): log in again. */
  sessionEnded: 4401,
  /** Access to the document was removed. */
  accessRevoked: 4403,
  /** A frame that is not valid y-websocket protocol or a Yjs update that does not decode. */
  malformedMessage: 4400,
  /**
   * A commenter's update changed more than their own suggestions (docs/CONTRACT.md): nothing of it was applied.
   * Do not reconnect with the same local state: drop the unsynced local copy and load the document again.
   */
  directEditRefused: 4422,
  /** The document would exceed the size limit. */
  documentTooLarge: 4413,
  /** The user's rights on the document changed (e.g. edit → view); reconnect to get them. */
  accessChanged: 4500,
  /** The client did not read fast enough (send buffer over the limit); reconnect and resync. */
  slowConsumer: 4501,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
