import type { Access } from '@quartierplan/domain';

/** What a document room needs of a connected client (a `ClientConnection`, or a test double). */
export interface RoomClient {
  readonly user: { id: string; name: string };
  readonly access: Access;
  /** Awareness client ids this client introduced (the only ones it may update). */
  readonly clientIds: Set<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
