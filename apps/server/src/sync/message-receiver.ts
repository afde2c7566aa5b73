import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { SuggestionReviewer } from '@quartierplan/collab/review';
import { loadSuggestionReview } from '../services/action-plan-model.ts';
import type { DocumentRoom, UpdateReview } from './document-room.ts';
import { inspectUpdate } from './persistence/document-store.ts';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  MalformedMessageError,
  decodeAwarenessUpdate,
  encodePermissionDenied,
} from './protocol.ts';
import type { RoomClient } from './room-client.ts';

/**
 * Handles one message of a client in its room; throws (or rejects with) MalformedMessageError for
 * protocol violations. Returns a promise only when the message has to wait (room loading, pending
 * commits, backpressure): a keystroke in a loaded room is handled without a promise per message.
 */
export function receiveMessage<C extends RoomClient>(
  room: DocumentRoom<C>,
  conn: C,
  data: Uint8Array,
): Promise<void> | void {
  if (!room.isLoaded) return room.ready.then(() => dispatch(room, conn, data));
  return dispatch(room, conn, data);
}

function dispatch<C extends RoomClient>(
  room: DocumentRoom<C>,
  conn: C,
  data: Uint8Array,
): Promise<void> | void {
  if (room.hasFailed) return;
  let decoder: decoding.Decoder;
  let type: number;
  try {
    decoder = decoding.createDecoder(data);
    type = decoding.readVarUint(decoder);
  } catch {
    throw new MalformedMessageError('frame');
  }
  switch (type) {
    case MESSAGE_SYNC:
      return receiveSync(room, conn, decoder);
    case MESSAGE_AWARENESS:
      return receiveAwareness(room, conn, readBytes(decoder));
    case MESSAGE_QUERY_AWARENESS:
      conn.send(room.awareness.allStates());
      return;
    case MESSAGE_AUTH:
      return;
    default:
      throw new MalformedMessageError(`message type ${type}`);
  }
}

function receiveSync<C extends RoomClient>(
  room: DocumentRoom<C>,
  conn: C,
  decoder: decoding.Decoder,
): Promise<void> | void {
  let step: number;
  try {
    step = decoding.readVarUint(decoder);
  } catch {
    throw new MalformedMessageError('sync');
  }
  const payload = readBytes(decoder);
  if (step === 0) {
    // The state vector is decoded only when the answer is built: check it here, so a broken one is a
    // protocol violation (4400) and not a server error (1011, reconnect).
    try {
      Y.decodeStateVector(payload);
    } catch {
      throw new MalformedMessageError('sync step 1');
    }
    return room.answerSyncStep1(conn, payload);
  }
  if (step !== 1 && step !== 2) throw new MalformedMessageError(`sync step ${step}`);
  if (conn.access === 'edit') return room.applyClientUpdate(conn, payload);
  // Commenters suggest changes in action plans; on a needs list they read like viewers.
  if (conn.access === 'comment' && room.document.kind === 'action_plan') {
    // The reviewer's rich-text model is loaded when the first commenter writes; the connection's
    // later messages wait in order behind this one.
    if (!review) {
      return loadSuggestionReview().then((loaded) => {
        review = loaded;
        return room.applyClientUpdate(conn, payload, reviewCommenterUpdate);
      });
    }
    return room.applyClientUpdate(conn, payload, reviewCommenterUpdate);
  }
  if (inspectUpdate(payload) !== 'empty')
    conn.send(encodePermissionDenied('Nur Lesezugriff: Änderungen werden nicht übernommen.'));
}

// One reviewer per loaded document, made when its first commenter writes; it goes with the document.
const reviewers = new WeakMap<Y.Doc, SuggestionReviewer>();
let review: Awaited<ReturnType<typeof loadSuggestionReview>> | null = null;

/** The rule of `comment` access (docs/CONTRACT.md): only the sender's own suggestions, nothing else. */
const reviewCommenterUpdate: UpdateReview = (doc, payload, conn) => {
  let reviewer = reviewers.get(doc);
  if (!reviewer) {
    reviewer = new review!.SuggestionReviewer(doc);
    reviewers.set(doc, reviewer);
  }
  return reviewer.review(payload, conn.user.id);
};

function receiveAwareness<C extends RoomClient>(room: DocumentRoom<C>, conn: C, update: Uint8Array) {
  let entries;
  try {
    entries = decodeAwarenessUpdate(update);
  } catch {
    throw new MalformedMessageError('awareness');
  }
  room.awareness.apply(conn, entries);
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch {
    throw new MalformedMessageError('payload');
  }
}
