import { canFacilitate, canTakePart, type WorkshopEvent } from '@quartierplan/domain';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { workshopState } from '../../services/workshop-rounds.ts';
import {
  toCardDto,
  toClusterDto,
  toRoundDto,
  toWorkshopDto,
  type WorkshopChange,
  type WorkshopViewer,
} from '../../services/workshop-live.ts';
import { guestOfToken, type WorkshopDeps } from '../../services/workshops.ts';
import type { WorkshopEnv, WorkshopGuards } from './access.ts';

/** Below the 60 s idle timeouts of common reverse proxies, and phones' radios sleep between. */
export const WORKSHOP_HEARTBEAT_MS = 25_000;
/**
 * How often the session behind a stream is read again: sessions expire, guests leave, rights
 * change on other instances. A `user-changed` on this instance is acted on at once.
 */
export const WORKSHOP_RECHECK_MS = 30_000;

/** The event of a change for one subscriber, or null when it has nothing for them. */
function eventFor(change: WorkshopChange, viewer: WorkshopViewer): WorkshopEvent | null {
  switch (change.type) {
    case 'workshop':
      return { event: 'workshop', data: toWorkshopDto(change.workshop, viewer) };
    case 'card':
      return { event: 'card', data: toCardDto(change.card, viewer) };
    case 'card-removed':
      return { event: 'card-removed', data: { id: change.id } };
    case 'cluster':
      return { event: 'cluster', data: toClusterDto(change.cluster) };
    case 'cluster-removed':
      return { event: 'cluster-removed', data: { id: change.id } };
    case 'round':
      return { event: 'round', data: toRoundDto(change.snapshot, viewer) };
    case 'participant-removed':
      return change.participantId === viewer.participantId
        ? { event: 'ended', data: { reason: 'removed' } }
        : null;
    case 'deleted':
      return { event: 'ended', data: { reason: 'deleted' } };
    case 'member-joined':
      return null;
  }
}

/**
 * Subscribers that see the same thing share one serialised payload per change: what differs is
 * whether they facilitate and, for cards and rounds, their own participant id.
 */
function audienceKey(change: WorkshopChange, viewer: WorkshopViewer): string {
  const role = viewer.facilitator ? 'f' : 'p';
  // The join URL is built on the subscriber's origin when PUBLIC_ORIGIN is unset.
  if (change.type === 'workshop') return `${role}:${viewer.origin}`;
  if (change.type === 'card') return `${role}:${change.card.participantId === viewer.participantId}`;
  if (change.type === 'round') {
    const own = change.snapshot.votes.some((v) => v.participantId === viewer.participantId);
    return own ? `${role}:${viewer.participantId}` : `${role}:none`;
  }
  if (change.type === 'participant-removed')
    return `${role}:${change.participantId === viewer.participantId}`;
  return role;
}

/** Serialisations of the latest change, shared by every stream of the workshop. */
const payloadCache = new WeakMap<WorkshopChange, Map<string, string | null>>();

function payloadFor(change: WorkshopChange, viewer: WorkshopViewer): { event: string; data: string } | null {
  let byAudience = payloadCache.get(change);
  if (!byAudience) {
    byAudience = new Map();
    payloadCache.set(change, byAudience);
  }
  const key = audienceKey(change, viewer);
  let data = byAudience.get(key);
  if (data === undefined) {
    const event = eventFor(change, viewer);
    data = event ? `${event.event}\n${JSON.stringify(event.data)}` : null;
    byAudience.set(key, data);
  }
  if (data === null) return null;
  const newline = data.indexOf('\n');
  return { event: data.slice(0, newline), data: data.slice(newline + 1) };
}

/**
 * `GET /api/workshops/:id/events`: Server-Sent Events. First the whole state as the subscriber
 * may see it, then each change shaped for them (guests never see author names; hidden results
 * stay null); `ended` closes a removed guest's stream. A reconnecting browser gets a fresh state.
 */
export function workshopEventRoutes(deps: WorkshopDeps, guards: WorkshopGuards) {
  const { participant, workshopId, asParticipant } = guards;
  return new Hono<WorkshopEnv>().get('/:id/events', participant, workshopId, asParticipant, (c) => {
    const access = c.get('access');
    const { viewer, workshop } = access;
    const { context } = deps;
    const userToken = context.cookie.read(c);
    const guestToken = context.workshopCookie.read(c);
    /** Whether the stream may go on as it is (same person, same rights). */
    const stillAllowed = async (): Promise<boolean> => {
      const { actor } = access;
      if (actor.kind === 'guest') {
        return (
          guestToken !== undefined && (await guestOfToken(context, guestToken))?.id === actor.participant.id
        );
      }
      const session = userToken ? await context.sessions.validate(userToken) : null;
      return (
        session !== null &&
        session.user.id === actor.user.id &&
        canTakePart(session.user, workshop.sozialraumId) &&
        canFacilitate(session.user, workshop.sozialraumId) === viewer.facilitator
      );
    };
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let finish = () => {};
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      stream.onAbort(() => finish());
      let queue = Promise.resolve();
      const send = (write: () => Promise<void>) => {
        queue = queue.then(write).catch(() => finish());
      };

      // Subscribed before the state is read, so nothing between the two is lost (a change
      // that arrives meanwhile is sent after the state, and is already part of it or newer).
      const pending: WorkshopChange[] = [];
      let live = false;
      const deliver = (change: WorkshopChange) => {
        if (change.type === 'member-joined') {
          // A member's first card or vote made their participant row: their cards are `mine` now.
          if (access.actor.kind === 'user' && access.actor.user.id === change.userId)
            viewer.participantId = change.participantId;
          return;
        }
        const payload = payloadFor(change, viewer);
        if (!payload) return;
        send(() => stream.writeSSE(payload));
        if (payload.event === 'ended') send(async () => finish());
      };
      const unsubscribe = deps.context.workshopBus.subscribe(workshop.id, (change) => {
        if (live) deliver(change);
        else pending.push(change);
      });
      const heartbeat = setInterval(
        () => send(() => stream.write(': heartbeat\n\n').then(() => undefined)),
        WORKSHOP_HEARTBEAT_MS,
      );
      // Ending the stream makes the browser reconnect, and be answered with its current rights.
      const recheck = () =>
        void stillAllowed()
          .then((allowed) => allowed || finish())
          .catch(() => finish());
      const rechecking = setInterval(recheck, WORKSHOP_RECHECK_MS);
      const onUserChanged = (userId: string) => {
        if (access.actor.kind === 'user' && access.actor.user.id === userId) recheck();
      };
      context.events.on('user-changed', onUserChanged);
      // A draining instance ends its streams; browsers reconnect to another instance at once.
      context.stopping.addEventListener('abort', finish);
      try {
        const state = await workshopState(deps, access);
        send(() => stream.writeSSE({ event: 'state', retry: 2000, data: JSON.stringify(state) }));
        live = true;
        for (const change of pending.splice(0)) deliver(change);
        await finished;
      } finally {
        clearInterval(heartbeat);
        clearInterval(rechecking);
        context.events.off('user-changed', onUserChanged);
        context.stopping.removeEventListener('abort', finish);
        unsubscribe();
      }
    });
  });
}
