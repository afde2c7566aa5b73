import { ACTION_PLAN_FRAGMENT, CLOSE_CODES } from '@quartierplan/collab';
import { IndexeddbPersistence } from 'y-indexeddb';
import { LOCAL_DOCUMENT_PREFIX } from './local-documents';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type SyncState = 'connecting' | 'saving' | 'saved' | 'offline' | 'ended';

export interface Collaborator {
  clientId: number;
  name: string;
  color: string;
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
  collaborators = $state<Collaborator[]>([]);

  constructor(docId: string) {
    this.local = new IndexeddbPersistence(localDocumentName(docId), this.doc);
    const origin = window.location.origin.replace(/^http/, 'ws');
    this.provider = new WebsocketProvider(`${origin}/sync`, docId, this.doc, { disableBc: true });
    this.provider.on('status', ({ status }) => {
      if (this.state === 'ended') return;
      if (status === 'connected') this.state = this.provider.synced ? 'saved' : 'connecting';
      // Before the first connection it is "connecting"; after it, any gap is "offline".
      else if (this.state !== 'connecting') this.state = 'offline';
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.state = 'saved';
    });
    this.provider.on('connection-close', (event) => {
      if (event && (event.code === CLOSE_CODES.sessionEnded || event.code === CLOSE_CODES.accessRevoked)) {
        this.state = 'ended';
      } else if (this.state === 'connecting') {
        // Never reached the server (e.g. opened offline): what is typed stays on this device.
        this.state = 'offline';
      }
    });
    // A local change is "saving" until the socket has flushed it to the server.
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || this.state === 'ended') return;
      if (!this.provider.wsconnected) {
        this.state = 'offline';
        return;
      }
      this.state = 'saving';
      this.settle();
    });
    const awareness = this.provider.awareness;
    awareness.on('change', () => {
      const list: Collaborator[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: { name?: string; color?: string } }).user;
        if (user?.name) list.push({ clientId, name: user.name, color: user.color ?? '#0f4c81' });
      }
      this.collaborators = list;
    });
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(ACTION_PLAN_FRAGMENT);
  }

  private settleTimer: ReturnType<typeof setTimeout> | null = null;

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
    void this.local.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}

function localDocumentName(docId: string): string {
  return `${LOCAL_DOCUMENT_PREFIX}${docId}`;
}
