import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOSE_CODES } from '@quartierplan/collab';
import { DocumentStore } from './persistence/document-store.ts';
import { UpdateWriter } from './persistence/update-writer.ts';
import { documentRepository, type DocumentRow } from '@quartierplan/db';
import { sozialraumAccess } from '@quartierplan/domain';
import { WebSocketServer } from 'ws';
import type { AppContext } from '../context.ts';
import type { LiveDocument, LiveDocuments } from '../services/live-documents.ts';
import { ClientConnection } from './client-connection.ts';
import { DocumentRoom } from './document-room.ts';
import type { SyncLimits } from './limits.ts';
import { BatchedLookup } from './batched-lookup.ts';
import { RecentSessions } from './recent-sessions.ts';
import { admitSyncUpgrade, refuseUpgrade, type AdmissionLookups } from './upgrade-gate.ts';
import { ClusterBus, type DocumentBus } from './cluster/document-bus.ts';

const SESSION_SWEEP_MS = 30_000;
/**
 * With several instances, how often a room compares its position with the log: the safety net
 * for an announcement lost on the way (Redis restarting, a NOTIFY while a listener reconnects).
 */
const LOG_CHECK_MS = 1_000;
// SIGTERM must exit within 10 s; this long for received messages, the rest for storing them.
const SHUTDOWN_DRAIN_MS = 4_000;

/**
 * The `/sync/<docId>` endpoint: admits upgrades, keeps one room per loaded document, unloads
 * rooms when their last client leaves, and closes sockets whose rights ended.
 */
export class SyncServer implements LiveDocuments {
  readonly store: DocumentStore;
  readonly writer: UpdateWriter;
  private readonly rooms = new Map<string, DocumentRoom<ClientConnection>>();
  private readonly wss: WebSocketServer;
  private readonly perUser = new Map<string, number>();
  private readonly recentSessions: RecentSessions;
  /** Documents the gate looks up, together for the sockets that arrive together. */
  private readonly documents: BatchedLookup<DocumentRow>;
  private readonly lookups: AdmissionLookups = {
    session: (token) => this.recentSessions.session(token),
    document: (docId) => this.findDocument(docId),
  };
  private readonly sweep: NodeJS.Timeout;
  private readonly logCheck: NodeJS.Timeout | null = null;
  /** The other instances: set with REDIS_URL and a PostgreSQL database (PGlite serves one process). */
  readonly bus: DocumentBus | null;
  private accepting = true;

  constructor(
    private readonly context: AppContext,
    private readonly limits: SyncLimits,
  ) {
    this.store = new DocumentStore(context.sql);
    this.recentSessions = new RecentSessions((token) => context.sessions.validate(token));
    this.documents = new BatchedLookup((ids) => documentRepository(context.sql).findMany(ids));
    this.writer = new UpdateWriter(context.sql);
    // ws closes with 1009 before parsing anything larger than maxPayload.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: limits.maxMessageBytes,
      perMessageDeflate: false,
    });
    const { redisUrl, databaseUrl } = context.config;
    this.bus =
      redisUrl && databaseUrl
        ? new ClusterBus({
            redisUrl,
            sql: context.sql,
            logger: context.logger,
            onUserChanged: (userId) => void this.recheckUser(userId),
          })
        : null;
    context.events.on('user-changed', (userId: string) => {
      void this.recheckUser(userId);
      this.bus?.publishUserChanged(userId);
    });
    this.sweep = setInterval(() => void this.recheckAll(), SESSION_SWEEP_MS);
    this.sweep.unref();
    if (this.bus) {
      this.logCheck = setInterval(() => void this.checkLogPositions(), LOG_CHECK_MS);
      this.logCheck.unref();
    }
  }

  /** One query for every loaded document: rooms behind the log read what they missed. */
  private async checkLogPositions(): Promise<void> {
    const rooms = [...this.rooms.values()].filter((room) => room.isLoaded && !room.closing);
    if (rooms.length === 0) return;
    try {
      const lastSeqs = await this.store.lastSeqs(rooms.map((room) => room.id));
      for (const room of rooms) {
        const seq = lastSeqs.get(room.id);
        if (seq !== undefined) room.noticeLastSeq(seq);
      }
    } catch (error) {
      this.context.logger.warn({ err: error }, 'checking the log positions failed');
    }
  }

  /** Node's `upgrade` event handler. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!this.accepting) {
      refuseUpgrade(socket, 503, 'unavailable', 'Der Server startet neu.');
      return;
    }
    const admitted = await admitSyncUpgrade(this.context, this.lookups, req, socket);
    if (!admitted) return;
    const count = this.perUser.get(admitted.user.id) ?? 0;
    if (count >= this.limits.maxConnectionsPerUser) {
      refuseUpgrade(socket, 429, 'too_many_requests', 'Zu viele gleichzeitige Verbindungen.');
      return;
    }
    this.perUser.set(admitted.user.id, count + 1);
    const room = await this.room(admitted.document);
    // ws never calls back when the handshake fails or the socket closed meanwhile (a reload, a
    // dropped network): then the connection was never made, and its count and room are released.
    let upgraded = false;
    const abandon = () => {
      if (upgraded) return;
      upgraded = true;
      this.release(admitted.user.id);
      this.unloadIfIdle(room);
    };
    if (socket.destroyed) return abandon();
    socket.once('close', abandon);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (upgraded) return ws.terminate();
      upgraded = true;
      socket.off('close', abandon);
      if (room.closing || !this.accepting) {
        // The room emptied (or the server began shutting down) while this client was being
        // admitted; it reconnects to a fresh one.
        this.release(admitted.user.id);
        ws.close(CLOSE_CODES.serviceRestart, 'Bitte erneut verbinden');
        return;
      }
      // Every log line names its document and user itself: no child logger per socket or room.
      const log = this.context.logger;
      const conn = new ClientConnection(
        ws,
        room,
        admitted.user,
        admitted.access,
        admitted.sessionToken,
        this.limits,
        log,
      );
      room.connections.add(conn);
      ws.on('close', () => this.disconnect(conn));
      room.ready.then(
        () => room.welcome(conn),
        (error: unknown) => {
          log.error({ err: error, documentId: room.id, userId: conn.user.id }, 'loading the document failed');
          conn.close(CLOSE_CODES.internalError, 'Dokument konnte nicht geladen werden');
        },
      );
    });
  }

  /**
   * A document as the gate needs it: a loaded room's (a document never changes its body, Sozialraum
   * or kind), else looked up with the others asked for at the same moment.
   */
  private async findDocument(docId: string): Promise<DocumentRow | null> {
    const room = this.rooms.get(docId);
    if (room && !room.closing) return room.document;
    return (await this.documents.get(docId)) ?? null;
  }

  /** The loaded room of a document, loading it once however many clients arrive together. */
  async room(document: DocumentRow): Promise<DocumentRoom<ClientConnection>> {
    let room = this.rooms.get(document.id);
    while (room?.closing) {
      await room.closing;
      room = this.rooms.get(document.id);
    }
    if (!room) {
      room = new DocumentRoom<ClientConnection>(document, {
        sql: this.context.sql,
        store: this.store,
        writer: this.writer,
        bus: this.bus,
        limits: this.limits,
        log: this.context.logger,
        onPersistenceFailure: (failed) => this.retire(failed),
      });
      this.rooms.set(document.id, room);
      room.ready.catch(() => this.rooms.delete(document.id));
    }
    return room;
  }

  /** A loaded room for server-side work (versions), unloaded again when no client uses it. */
  async withRoom<T>(document: DocumentRow, work: (room: LiveDocument) => Promise<T>): Promise<T> {
    const room = await this.room(document);
    await room.ready;
    // Server-side work (a restore, an erasure) starts from everything committed on any instance.
    await room.catchUpWithLog();
    try {
      return await work(room);
    } finally {
      await room.flushed();
      this.unloadIfIdle(room);
    }
  }

  compact(documentId: string): Promise<number> {
    return this.store.compact(documentId);
  }

  private disconnect(conn: ClientConnection) {
    this.release(conn.user.id);
    conn.room.leave(conn);
    this.unloadIfIdle(conn.room);
  }

  private release(userId: string) {
    const left = (this.perUser.get(userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(userId, left);
    else this.perUser.delete(userId);
  }

  private unloadIfIdle(room: DocumentRoom<ClientConnection>) {
    if (room.connections.size === 0) this.retire(room);
  }

  /** Unloads a room once its work is stored; connections arriving meanwhile wait and get a fresh one. */
  private retire(room: DocumentRoom<ClientConnection>) {
    // Once: at shutdown a room unloads before its sockets report closed.
    if (room.closing || room.isUnloading) return;
    room.closing = room.unload().finally(() => {
      if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
      room.closing = null;
    });
  }

  /** Re-checks session and access of every socket of a user (after a change to their rights). */
  async recheckUser(userId: string): Promise<void> {
    this.recentSessions.forgetUser(userId);
    const conns = [...this.rooms.values()]
      .flatMap((r) => [...r.connections])
      .filter((c) => c.user.id === userId);
    await Promise.all(
      conns.map((conn) =>
        this.recheck(conn).catch((error: unknown) =>
          this.context.logger.error({ err: error, userId }, 're-checking a sync connection failed'),
        ),
      ),
    );
  }

  private async recheckAll(): Promise<void> {
    this.recentSessions.prune();
    const conns = [...this.rooms.values()].flatMap((r) => [...r.connections]);
    // One at a time: the sockets of one session share its validation (RecentSessions).
    for (const conn of conns) await this.recheck(conn).catch(() => undefined);
  }

  private async recheck(conn: ClientConnection): Promise<void> {
    if (conn.isClosed) return;
    const session = await this.recentSessions.session(conn.sessionToken);
    if (!session) {
      conn.close(CLOSE_CODES.sessionEnded, 'Sitzung beendet');
      return;
    }
    const access = sozialraumAccess(session.user, conn.room.document.sozialraumId);
    if (!access) conn.close(CLOSE_CODES.accessRevoked, 'Zugriff entzogen');
    // Changed rights take effect on reconnect, where the upgrade gate applies them.
    else if (access !== conn.access) conn.close(CLOSE_CODES.accessChanged, 'Zugriff geändert');
  }

  /** Open sync connections of one user (for tests: observing the server close one). */
  connectionsOf(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  /** Number of loaded documents (for tests and benchmarks). */
  get loadedDocuments(): number {
    return this.rooms.size;
  }

  /** SIGTERM: stop accepting, finish every write, then ask clients to reconnect elsewhere (1012). */
  async shutdown(): Promise<void> {
    this.accepting = false;
    clearInterval(this.sweep);
    if (this.logCheck) clearInterval(this.logCheck);
    const rooms = [...this.rooms.values()];
    // Messages already received are handled, but a client that keeps sending cannot hold the exit up.
    const drained = Promise.all(
      rooms.map((room) => Promise.all([...room.connections].map((c) => c.drained()))),
    );
    await Promise.race([drained, sleep(SHUTDOWN_DRAIN_MS, undefined, { ref: false })]);
    await this.writer.idle();
    for (const room of rooms) {
      for (const conn of room.connections) conn.close(CLOSE_CODES.serviceRestart, 'Server startet neu');
    }
    // Unloaded as when their last client leaves, not only flushed: a needs list whose needs did not
    // change is marked projected, or the next start would re-project every list edited in this run.
    for (const room of rooms) this.retire(room);
    await Promise.all(rooms.map((room) => room.closing));
    this.wss.close();
    await this.bus?.close();
  }
}
