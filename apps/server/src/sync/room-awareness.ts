import { colourFor } from '@quartierplan/collab';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  type AwarenessEntry,
} from './protocol.ts';
import type { RoomClient } from './room-client.ts';

const MAX_CLIENT_IDS_PER_CONNECTION = 8;
// Awareness (cursors, who is here) changes are broadcast in batches this long: too short to see.
const AWARENESS_BATCH_MS = 20;
/** Origin of states another instance's clients set. */
const REMOTE = Symbol('other-instance');
export { colourFor };

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Who is in a room and where their cursor is. A client speaks only for the awareness client ids
 * it introduced, with the identity the server knows (name and colour cannot be forged), and
 * changes go out in 20 ms batches.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, RoomClient>();
  /**
   * The user who first introduced each awareness client id in this room. A reconnecting client
   * keeps its id, so no one else may claim it after its connection left (hiding that person).
   */
  private readonly users = new Map<number, string>();
  /** Client ids changed since the last broadcast, sent together once the batch window ends. */
  private readonly changed = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    doc: Y.Doc,
    private readonly clients: ReadonlySet<RoomClient>,
    private readonly maxStateBytes: number,
    /** Hands this instance's clients' changes to the other instances (null: the only instance). */
    private readonly publish: ((update: Uint8Array) => void) | null = null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      for (const ids of [added, updated, removed]) for (const id of ids) this.changed.add(id);
      if (this.changed.size > 0) this.timer ??= setTimeout(this.flush, AWARENESS_BATCH_MS);
    });
  }

  /** Whether anyone has a state (a joining client is sent them all). */
  get isEmpty(): boolean {
    return this.awareness.getStates().size === 0;
  }

  /** Every current state as one message. */
  allStates(): Uint8Array {
    return encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** Applies what a client says about its own client ids; entries for others' ids are dropped. */
  apply(conn: RoomClient, entries: readonly AwarenessEntry[]) {
    const accepted = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      // A client may speak only for client ids it introduced itself.
      if (owner && owner !== conn) continue;
      if (!owner) {
        if (conn.clientIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) continue;
        const claimedBy = this.users.get(entry.clientId);
        if (claimedBy !== undefined && claimedBy !== conn.user.id) continue;
        this.users.set(entry.clientId, conn.user.id);
        this.owners.set(entry.clientId, conn);
        conn.clientIds.add(entry.clientId);
      }
      const state =
        entry.state === null
          ? null
          : {
              ...entry.state,
              user: {
                id: conn.user.id,
                name: conn.user.name,
                color: colourFor(conn.user.id),
                access: conn.access,
              },
            };
      if (state && JSON.stringify(state).length > this.maxStateBytes) continue;
      accepted.push({ ...entry, state });
    }
    if (accepted.length === 0) return;
    const update = encodeAwarenessUpdate(accepted);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    this.publish?.(update);
  }

  /**
   * Another instance's clients' changes, as that instance accepted them. Their client ids stay
   * claimed by their users here too; they expire like any state when the instance goes quiet.
   */
  applyRemote(update: Uint8Array) {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      return;
    }
    for (const { clientId, state } of entries) {
      const user = (state?.user as { id?: unknown } | undefined)?.id;
      if (typeof user === 'string' && !this.users.has(clientId)) this.users.set(clientId, user);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** A client left: its states disappear for everyone. */
  leave(conn: RoomClient) {
    const ids = [...conn.clientIds];
    for (const id of ids) this.owners.delete(id);
    if (ids.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    // A removal carries the last clock with no state; ids that never had a state have nothing to remove.
    const known = ids.filter((id) => this.awareness.meta.has(id));
    if (known.length) this.publish?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, known));
  }

  destroy() {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
  }

  /**
   * One awareness message per client per batch window, whatever number of states changed in it.
   * Every y-websocket client renews its state every 15 s; clients that connected together (say,
   * after a restart) renew together, and relaying each renewal at once to 200 others meant 40,000
   * sends in a burst that held document updates up for most of a second.
   */
  private readonly flush = () => {
    this.timer = null;
    const changed = [...this.changed];
    this.changed.clear();
    if (changed.length === 0 || this.clients.size === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    for (const conn of this.clients) conn.send(message);
  };
}
