import type { DocumentStore } from './persistence/document-store.ts';
import type { UpdateWriter } from './persistence/update-writer.ts';
import type { CommittedSeqs, DocumentRow, NewUpdate } from '@quartierplan/db';
import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ClientConnection } from './client-connection.ts';
import { DocumentRoom } from './document-room.ts';
import { receiveMessage } from './message-receiver.ts';
import type { SyncLimits } from './limits.ts';
import { encodeSyncStep1, encodeUpdate } from './protocol.ts';

/**
 * The room's ordering guarantees need commits that finish when the test says so, which a real
 * database does not offer; everything else (Yjs, the protocol, the room) is the real thing.
 */
class HeldWriter {
  readonly batches: { commit: Promise<CommittedSeqs>; resolve: () => void; reject: (e: Error) => void }[] =
    [];
  private open = false;
  append(_update: NewUpdate): Promise<CommittedSeqs> {
    if (!this.open) {
      let settle!: (committed: CommittedSeqs) => void;
      let reject!: (e: Error) => void;
      const commit = new Promise<CommittedSeqs>((res, rej) => ((settle = res), (reject = rej)));
      // Log numbers matter only with several instances; this room has no bus.
      this.batches.push({ commit, resolve: () => settle(new Map()), reject });
      this.open = true;
    }
    return this.batches.at(-1)!.commit;
  }
  /** The INSERT of the open batch starts: later updates go into the next one. */
  startWrite() {
    this.open = false;
  }
  async idle() {}
}

class RecordingConnection {
  readonly sent: Uint8Array[] = [];
  readonly clientIds = new Set<number>();
  closedWith: number | null = null;
  constructor(
    readonly user = { id: 'u1', name: 'Test Person', email: 't@test.de' },
    readonly access: 'edit' | 'view' = 'edit',
  ) {}
  send(message: Uint8Array) {
    this.sent.push(message);
  }
  close(code: number) {
    this.closedWith = code;
  }
  /** The documents carried by the sync step 2 answers this connection got. */
  syncStep2Texts(): string[] {
    return this.sent.flatMap((message) => {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return [];
      const doc = new Y.Doc();
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      return [doc.getText('t').toString()];
    });
  }
}

const LIMITS = {
  maxDocumentBytes: 1e9,
  maxAwarenessBytes: 1e5,
  compactionThreshold: 1e9,
  compactionIntervalMs: 1000,
} as SyncLimits;

async function openRoom() {
  const writer = new HeldWriter();
  const retired: DocumentRoom[] = [];
  const store = {
    load: async () => ({
      doc: new Y.Doc(),
      lastSeq: 0,
      initialised: false,
      updatesSinceSnapshot: 0,
      quarantined: [],
    }),
    initialise: async () => null,
    compact: async () => 0,
  };
  const room = new DocumentRoom({ id: 'doc-1', kind: 'needs' } as DocumentRow, {
    sql: null as never,
    store: store as unknown as DocumentStore,
    writer: writer as unknown as UpdateWriter,
    bus: null,
    limits: LIMITS,
    log: pino({ level: 'silent' }),
    onPersistenceFailure: (r) => retired.push(r),
  });
  await room.ready;
  const join = (conn: RecordingConnection) => {
    room.connections.add(conn as unknown as ClientConnection);
    return conn as unknown as ClientConnection;
  };
  return { room, writer, retired, join };
}

/** A client document whose every change becomes the next update to send. */
function typist() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return {
    type: (index: number, text: string) => {
      doc.getText('t').insert(index, text);
      return encodeUpdate(updates.shift()!);
    },
  };
}

describe('a document room', () => {
  it('answers a joining client with committed changes only, even while others keep typing', async () => {
    const { room, writer, join } = await openRoom();
    const author = join(new RecordingConnection());
    const joiner = new RecordingConnection();
    const a = typist();
    receiveMessage(room, author, a.type(0, 'stored '));
    writer.startWrite(); // the first change's INSERT is running
    const answered = receiveMessage(room, join(joiner), encodeSyncStep1(new Y.Doc()));
    receiveMessage(room, author, a.type(7, 'pending')); // applied, in the next batch, not committed
    writer.batches[0]!.resolve();
    await answered;
    expect(joiner.syncStep2Texts()).toEqual(['stored ']);
    // The later change reaches the joiner once it is committed, as a relayed update.
    writer.startWrite();
    writer.batches[1]!.resolve();
    await writer.batches[1]!.commit;
    expect(joiner.sent.length).toBeGreaterThan(1);
  });

  it('serves nothing more once a commit failed, and asks to be replaced', async () => {
    const { room, writer, retired, join } = await openRoom();
    const author = new RecordingConnection();
    const a = typist();
    receiveMessage(room, join(author), a.type(0, 'lost'));
    writer.startWrite();
    writer.batches[0]!.reject(new Error('database down'));
    await writer.batches[0]!.commit.catch(() => undefined);
    await Promise.resolve();
    expect(author.closedWith).toBe(1011);
    expect(retired).toEqual([room]);
    // A client reaching the old room before it is gone gets no answer built from the lost change.
    const late = new RecordingConnection();
    await receiveMessage(room, join(late), encodeSyncStep1(new Y.Doc()));
    expect(late.syncStep2Texts()).toEqual([]);
  });
});
