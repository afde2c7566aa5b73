import { ACTION_PLAN_FRAGMENT, CLOSE_CODES } from '@quartierplan/collab';
import { IndexeddbPersistence } from 'y-indexeddb';
import { documentActivity } from './document-activity.svelte';
import { LOCAL_DOCUMENT_PREFIX, rememberRefusal, takeRefusal } from './local-documents';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * `offline`: the browser has no network, edits stay on this device; `lost`: the network is there
 * but the server is not, a new attempt follows at `retryAt`.
 */
export type SyncState = 'connecting' | 'saving' | 'saved' | 'offline' | 'lost' | 'ended';

/** Longest wait between reconnection attempts (y-websocket backs off exponentially up to it). */
const MAX_BACKOFF_MS = 10_000;

export interface Collaborator {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  /** Only reads along (view access; commenters suggest changes); stamped by the server from the membership. */
  readOnly: boolean;
}

/** The part of an awareness state that the server sets from the session (see the sync contract). */
interface StampedUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
  access?: unknown;
}

/**
 * One collaborative document in the browser: the Y.Doc, its y-websocket provider on
 * `/sync/<docId>` (same origin, session cookie), and rune state for the status line and presence.
 */
export class SyncConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** The document kept in this browser, so edits made offline survive a reload. */
  readonly local: IndexeddbPersistence;
  state = $state<SyncState>('connecting');
  /** When the next connection attempt is due (epoch ms), while `state` is `lost`. */
  retryAt = $state<number | null>(null);
  collaborators = $state<Collaborator[]>([]);
  /**
   * The server refused a change made here (comment access allows suggestions only): the local copy was
   * dropped and the document loaded again from the server. True until the person dismisses the notice.
   */
  refused = $state(false);

  constructor(readonly docId: string) {
    this.refused = takeRefusal(sessionStorage, docId);
    this.local = new IndexeddbPersistence(localDocumentName(docId), this.doc);
    const origin = window.location.origin.replace(/^http/, 'ws');
    this.provider = new WebsocketProvider(`${origin}/sync`, docId, this.doc, {
      disableBc: true,
      maxBackoffTime: MAX_BACKOFF_MS,
    });
    this.provider.on('status', ({ status }) => {
      if (this.state === 'ended') return;
      if (status === 'connected') {
        this.retryAt = null;
        this.state = this.provider.synced ? 'saved' : 'connecting';
      } else if (status === 'disconnected') {
        // y-websocket counts the failed attempt right after this event, then waits 2^n·100 ms.
        queueMicrotask(() => this.disconnected());
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.state = 'saved';
    });
    this.provider.on('connection-close', (event) => {
      if (event && (event.code === CLOSE_CODES.sessionEnded || event.code === CLOSE_CODES.accessRevoked)) {
        this.state = 'ended';
      } else if (event?.code === CLOSE_CODES.directEditRefused) {
        void this.reloadFromServer();
      } else {
        // Also for sockets that never opened (no "disconnected" status then).
        queueMicrotask(() => this.disconnected());
      }
    });
    window.addEventListener('online', this.onNetworkChange);
    window.addEventListener('offline', this.onNetworkChange);
    // A local change is "saving" until the socket has flushed it to the server.
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (this.provider.synced) documentActivity.changedAt[docId] = Date.now();
      if (origin === this.provider || this.state === 'ended') return;
      if (!this.provider.wsconnected) {
        if (this.state !== 'lost') this.state = 'offline';
        return;
      }
      this.state = 'saving';
      this.settle();
    });
    const awareness = this.provider.awareness;
    // A fresh awareness state has clock 0, which the server and every peer ignore (y-protocols
    // applies only newer clocks): announced once more, this person is seen at once, not only
    // after the 15 s renewal. The server stamps who it is.
    awareness.setLocalState({});
    awareness.on('change', () => {
      const list: Collaborator[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: StampedUser }).user;
        if (typeof user?.id !== 'string' || typeof user.name !== 'string') continue;
        list.push({
          clientId,
          userId: user.id,
          name: user.name,
          color: typeof user.color === 'string' ? user.color : '#0f4c81',
          readOnly: user.access === 'view',
        });
      }
      this.collaborators = list;
      documentActivity.presence[docId] = list;
    });
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(ACTION_PLAN_FRAGMENT);
  }

  private settleTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * After a refused change: this browser's copy holds it, and sending it again would be refused again, so the
   * copy is deleted and the page loads the document from the server (the editor binds one Y.Doc for its life);
   * the notice comes back after the reload.
   */
  private async reloadFromServer() {
    this.refused = true;
    this.provider.disconnect();
    try {
      await this.local.clearData();
    } finally {
      rememberRefusal(sessionStorage, this.docId);
      window.location.reload();
    }
  }

  private disconnected() {
    if (this.state === 'ended' || this.provider.wsconnected) return;
    if (!navigator.onLine) {
      this.state = 'offline';
      this.retryAt = null;
      return;
    }
    const attempts = this.provider.wsUnsuccessfulReconnects;
    this.retryAt = Date.now() + Math.min(2 ** attempts * 100, MAX_BACKOFF_MS);
    this.state = 'lost';
  }

  private readonly onNetworkChange = () => {
    if (this.state === 'ended' || this.provider.wsconnected) return;
    if (navigator.onLine) this.disconnected();
    else {
      this.state = 'offline';
      this.retryAt = null;
    }
  };

  /** Marks the document saved once the socket's send buffer is empty again. */
  private settle() {
    if (this.settleTimer) return;
    const check = () => {
      const ws = this.provider.ws;
      if (ws && ws.readyState === WebSocket.OPEN && ws.bufferedAmount === 0) {
        this.settleTimer = null;
        if (this.state === 'saving') this.state = 'saved';
      } else {
        this.settleTimer = setTimeout(check, 150);
      }
    };
    this.settleTimer = setTimeout(check, 150);
  }

  destroy() {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    window.removeEventListener('online', this.onNetworkChange);
    window.removeEventListener('offline', this.onNetworkChange);
    delete documentActivity.presence[this.docId];
    void this.local.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}

function localDocumentName(docId: string): string {
  return `${LOCAL_DOCUMENT_PREFIX}${docId}`;
}
