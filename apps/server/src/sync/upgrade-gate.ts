import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DocumentRow } from '@quartierplan/db';
import { idSchema, isCrossOriginWrite, type Access, type ErrorCode } from '@quartierplan/domain';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { CurrentUser } from '../http/context.ts';
import type { AppContext } from '../context.ts';
import type { ValidatedSession } from '../auth/sessions.ts';
import { accessTo } from './document-access.ts';

export interface AdmittedConnection {
  user: CurrentUser;
  document: DocumentRow;
  access: Access;
  /** The session token, so the server can re-check the session when rights change. */
  sessionToken: string;
}

/** `/sync/<docId>`, with or without a query (y-websocket sends none; read from the raw target, no URL object). */
const SYNC_PATH = /^\/sync\/([^/?#]+)(?:[?#]|$)/;

/** Answers an upgrade request with a plain HTTP error before any WebSocket byte is sent. */
export function refuseUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string): void {
  const body = JSON.stringify({ error: { code, message, details: null } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** Where the gate finds sessions and documents (the sync server remembers recent ones). */
export interface AdmissionLookups {
  session(token: string): Promise<ValidatedSession | null>;
  /** A document by id, of whichever body: the gate compares the body. */
  document(docId: string): Promise<DocumentRow | null>;
}

/**
 * Authorises a WebSocket upgrade on `/sync/<docId>`: origin, session, document of the user's body,
 * membership. Answers the refusal itself (401/403/404) and returns null, or returns who connects.
 */
export async function admitSyncUpgrade(
  context: AppContext,
  lookups: AdmissionLookups,
  req: IncomingMessage,
  socket: Duplex,
): Promise<AdmittedConnection | null> {
  const docId = SYNC_PATH.exec(req.url ?? '/')?.[1];
  if (!docId || !idSchema.safeParse(docId).success) {
    refuseUpgrade(socket, 404, 'not_found', 'Dokument nicht gefunden.');
    return null;
  }
  const expectedOrigin = context.config.publicOrigin ?? `http://${req.headers.host ?? ''}`;
  // A WebSocket handshake is a GET, but it carries the cookie: treat it as a write for CSRF.
  if (
    isCrossOriginWrite({ method: 'POST', origin: req.headers.origin, secFetchSite: null, expectedOrigin })
  ) {
    refuseUpgrade(socket, 403, 'cross_origin_request', 'Verbindungen von fremden Websites werden abgelehnt.');
    return null;
  }
  const token = parseCookies(req.headers.cookie ?? '', context.cookie.name)[context.cookie.name];
  if (!token) {
    refuseUpgrade(socket, 401, 'unauthenticated', 'Bitte melden Sie sich an.');
    return null;
  }
  // Both at once: one round trip less before a document opens. Nothing about the document is
  // answered before the session is known.
  const [session, document] = await Promise.all([lookups.session(token), lookups.document(docId)]);
  if (!session) {
    refuseUpgrade(socket, 401, 'unauthenticated', 'Bitte melden Sie sich an.');
    return null;
  }
  const resolved = accessTo(session.user, document);
  if (!resolved.found) {
    refuseUpgrade(socket, 404, 'not_found', 'Dokument nicht gefunden.');
    return null;
  }
  if (!resolved.access) {
    refuseUpgrade(socket, 403, 'forbidden', 'Sie haben keinen Zugriff auf dieses Dokument.');
    return null;
  }
  return { user: session.user, document: resolved.document, access: resolved.access, sessionToken: token };
}
