import { randomBytes } from 'node:crypto';
import {
  UniqueViolationError,
  sozialraumRepository,
  workshopRepository,
  type Queryable,
  type WorkshopRepository,
} from '@quartierplan/db';
import {
  canFacilitate,
  canTakePart,
  isJoinCodeShape,
  joinCodeFromRandom,
  type CreateWorkshopInput,
  type JoinWorkshopInput,
  type UpdateWorkshopInput,
  type Workshop,
  type WorkshopInvitationDto,
  type WorkshopParticipant,
  type WorkshopRound,
} from '@quartierplan/domain';
import { generateSessionToken, sessionIdFromToken } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import type { CurrentUser, WorkshopActor } from '../http/context.ts';
import { AppError, conflict, forbidden, notFound, unauthenticated } from '../http/errors.ts';
import { loadVisibleSozialraum } from './sozialraeume.ts';
import type { LiveDocuments } from './live-documents.ts';
import type { RoundSnapshot, WorkshopViewer } from './workshop-live.ts';

/** A guest session lasts a week from joining (a workshop is a day; follow-ups happen). */
export const GUEST_SESSION_MS = 7 * 86_400_000;

/** The timers that close timed rounds (see workshop-rounds.ts). */
export interface RoundClock {
  arm(workshopId: string, roundId: string, endsAt: string): void;
  disarm(roundId: string): void;
}

/** What the workshop services need: the shared context, the loaded documents, the round timers. */
export interface WorkshopDeps {
  context: AppContext;
  documents: LiveDocuments;
  clock: RoundClock;
}

/** A workshop as one requester may use it. */
export interface WorkshopAccess {
  workshop: Workshop;
  viewer: WorkshopViewer;
  actor: WorkshopActor;
}

const viewerBase = (context: AppContext, origin: string) => ({
  origin,
  retentionDays: context.config.workshopRetentionDays,
});

/**
 * The workshop for a requester, or 404 (unknown, another body) / 403 (cannot see its
 * Sozialraum). A guest's session opens its own workshop only: any other answers 401, as if
 * there were no session.
 */
export async function openWorkshop(
  { context }: WorkshopDeps,
  actor: WorkshopActor,
  workshopId: string,
  origin: string,
): Promise<WorkshopAccess> {
  const repo = workshopRepository(context.sql);
  if (actor.kind === 'guest') {
    if (actor.participant.workshopId !== workshopId) throw unauthenticated();
    const workshop = await repo.findByIdAnyBody(workshopId);
    if (!workshop) throw unauthenticated();
    return {
      workshop,
      actor,
      viewer: {
        ...viewerBase(context, origin),
        facilitator: false,
        kind: 'guest',
        participantId: actor.participant.id,
        displayName: actor.participant.displayName,
      },
    };
  }
  const { user } = actor;
  const workshop = await repo.findById(user.bodyId, workshopId);
  if (!workshop) throw notFound('Workshop nicht gefunden.');
  if (!canTakePart(user, workshop.sozialraumId))
    throw forbidden('Sie haben keinen Zugriff auf diesen Workshop.');
  const participant = await repo.findMember(workshop.id, user.id);
  return {
    workshop,
    actor,
    viewer: {
      ...viewerBase(context, origin),
      facilitator: canFacilitate(user, workshop.sozialraumId),
      kind: 'member',
      participantId: participant?.id ?? null,
      displayName: participant?.displayName ?? user.name,
    },
  };
}

/** 403 unless the requester facilitates the workshop. */
export function requireFacilitator(access: WorkshopAccess): CurrentUser {
  if (access.actor.kind !== 'user' || !access.viewer.facilitator) {
    throw forbidden('Nur die Moderation des Workshops darf das.');
  }
  return access.actor.user;
}

/** The requester's participant: a guest's own, a member's made on their first action. */
export async function participantOf(
  deps: WorkshopDeps,
  access: WorkshopAccess,
): Promise<WorkshopParticipant> {
  if (access.actor.kind === 'guest') return access.actor.participant;
  const { user } = access.actor;
  const participant = await workshopRepository(deps.context.sql).ensureMember(access.workshop.id, user.id);
  if (access.viewer.participantId === null) {
    access.viewer.participantId = participant.id;
    deps.context.workshopBus.publish(access.workshop.id, {
      type: 'member-joined',
      participantId: participant.id,
      userId: user.id,
    });
  }
  return participant;
}

/** 409 unless the workshop still takes cards and votes. */
export function requireOpen(workshop: Workshop): void {
  if (workshop.status !== 'open') throw conflict('Der Workshop ist beendet.');
}

/** A round with its tally (stored once closed, counted live before) and its votes. */
export async function roundSnapshot(repo: WorkshopRepository, round: WorkshopRound): Promise<RoundSnapshot> {
  const [tally, votes] = await Promise.all([
    round.status === 'closed' ? repo.roundResult(round.id) : repo.liveTally(round),
    repo.votes(round.id),
  ]);
  return { round, tally, votes };
}

/** The workshops of a Sozialraum the user sees, newest first. */
export async function listWorkshops(
  deps: WorkshopDeps,
  user: CurrentUser,
  sozialraumId: string,
): Promise<{ workshops: Workshop[]; facilitator: boolean }> {
  const { row } = await loadVisibleSozialraum(deps.context, user, sozialraumId);
  const workshops = await workshopRepository(deps.context.sql).listForSozialraum(user.bodyId, row.id);
  return { workshops, facilitator: canFacilitate(user, row.id) };
}

/** Creates a workshop with a fresh join code (a rare collision draws again). */
export async function createWorkshop(
  deps: WorkshopDeps,
  user: CurrentUser,
  sozialraumId: string,
  input: CreateWorkshopInput,
): Promise<Workshop> {
  const { row } = await loadVisibleSozialraum(deps.context, user, sozialraumId);
  if (!canFacilitate(user, row.id)) throw forbidden('Workshops legt an, wer die Bedarfe bearbeiten darf.');
  const repo = workshopRepository(deps.context.sql);
  for (let attempt = 0; ; attempt++) {
    const code = joinCodeFromRandom((size) => new Uint8Array(randomBytes(size)));
    try {
      return await repo.create({
        bodyId: user.bodyId,
        sozialraumId: row.id,
        title: input.title,
        date: input.date,
        endTime: input.endTime ?? null,
        code,
        createdBy: user.id,
      });
    } catch (error) {
      if (!(error instanceof UniqueViolationError && error.constraint === 'workshop_code_uq') || attempt >= 4)
        throw error;
    }
  }
}

export async function updateWorkshop(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  patch: UpdateWorkshopInput,
): Promise<Workshop> {
  requireFacilitator(access);
  const { workshop } = access;
  const updated = await workshopRepository(deps.context.sql).update(workshop.bodyId, workshop.id, patch);
  if (!updated) throw notFound('Workshop nicht gefunden.');
  deps.context.workshopBus.publish(workshop.id, { type: 'workshop', workshop: updated });
  return updated;
}

/** Deletes a workshop with its cards, rounds and participants; accepted needs stay in the list. */
export async function deleteWorkshop(deps: WorkshopDeps, access: WorkshopAccess): Promise<void> {
  requireFacilitator(access);
  const repo = workshopRepository(deps.context.sql);
  const running = await repo.runningRound(access.workshop.id);
  if (running) deps.clock.disarm(running.id);
  await repo.delete(access.workshop.bodyId, access.workshop.id);
  deps.context.workshopBus.publish(access.workshop.id, { type: 'deleted' });
}

/** The join page's view of a code: 404 for unknown, malformed and closed codes. */
export async function findInvitation(deps: WorkshopDeps, code: string): Promise<Workshop> {
  const workshop = isJoinCodeShape(code) ? await workshopRepository(deps.context.sql).findByCode(code) : null;
  if (!workshop || workshop.status !== 'open' || workshop.anonymisedAt !== null) {
    throw notFound('Zu diesem Code gibt es keinen laufenden Workshop.');
  }
  return workshop;
}

export function toInvitationDto(workshop: Workshop, retentionDays: number): WorkshopInvitationDto {
  return {
    workshopId: workshop.id,
    title: workshop.title,
    date: workshop.date,
    sozialraumName: workshop.sozialraumName,
    joinable: workshop.status === 'open' && !workshop.joinLocked,
    privacy: { controller: workshop.bodyName, contact: workshop.privacyContact, retentionDays },
  };
}

/**
 * Runs a join step (invitation look-up, join) under the per-address throttle: a locked address
 * gets 429 with the seconds to wait; a code that names no open workshop (404) counts.
 */
export async function throttledJoin<T>(
  context: AppContext,
  address: string,
  work: () => Promise<T>,
): Promise<T> {
  const until = await context.joinThrottle.lockedUntil(address);
  if (until) {
    throw new AppError(
      429,
      'too_many_requests',
      'Zu viele falsche Codes. Bitte in einer Minute erneut versuchen.',
      {
        retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
      },
    );
  }
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      await context.joinThrottle.registerFailure(address);
    throw error;
  }
}

export type JoinResult =
  | { kind: 'member'; workshop: Workshop; participant: WorkshopParticipant; user: CurrentUser }
  | {
      kind: 'guest';
      workshop: Workshop;
      participant: WorkshopParticipant;
      token: string | null;
      expiresAt: Date;
    };

/**
 * Joins by code. A member of the body who may see the Sozialraum takes part with their account;
 * anyone else becomes a guest with a new session (a guest who joins again keeps theirs).
 */
export async function joinWorkshop(
  deps: WorkshopDeps,
  input: JoinWorkshopInput,
  who: { user: CurrentUser | null; guest: WorkshopParticipant | null },
): Promise<JoinResult> {
  const workshop = await findInvitation(deps, input.code);
  if (workshop.joinLocked) throw conflict('Die Anmeldung ist geschlossen.');
  const repo = workshopRepository(deps.context.sql);
  const displayName = input.displayName ? input.displayName : null;
  const { user, guest } = who;
  if (user && user.bodyId === workshop.bodyId && canTakePart(user, workshop.sozialraumId)) {
    const participant = await repo.ensureMember(workshop.id, user.id);
    return { kind: 'member', workshop, participant, user };
  }
  let result: JoinResult;
  if (guest && guest.workshopId === workshop.id) {
    if (input.displayName !== undefined) await repo.setDisplayName(guest.id, displayName);
    const participant = (await repo.participant(workshop.id, guest.id))!;
    result = { kind: 'guest', workshop, participant, token: null, expiresAt: new Date(guest.expiresAt!) };
  } else {
    const token = generateSessionToken();
    const expiresAt = new Date(Date.now() + GUEST_SESSION_MS);
    const participant = await repo.addGuest(workshop.id, sessionIdFromToken(token), displayName, expiresAt);
    result = { kind: 'guest', workshop, participant, token, expiresAt };
  }
  const fresh = (await repo.findByIdAnyBody(workshop.id)) ?? workshop;
  deps.context.workshopBus.publish(workshop.id, { type: 'workshop', workshop: fresh });
  return { ...result, workshop: fresh };
}

/** The guest of a workshop cookie, or null (unknown, expired, anonymised). */
export function guestOfToken(context: AppContext, token: string): Promise<WorkshopParticipant | null> {
  return workshopRepository(context.sql).findGuestBySession(sessionIdFromToken(token), new Date());
}

/** Ends a guest's session (their cards and dots stay). */
export async function leaveWorkshop(deps: WorkshopDeps, guest: WorkshopParticipant): Promise<void> {
  await workshopRepository(deps.context.sql).endGuestSession(guest.id);
}

export async function listParticipants(
  deps: WorkshopDeps,
  access: WorkshopAccess,
): Promise<WorkshopParticipant[]> {
  requireFacilitator(access);
  return workshopRepository(deps.context.sql).participants(access.workshop.id);
}

/**
 * Removes a person, their cards and their votes; their open stream gets `ended`. A running
 * round's tally changes with it, so the round is published again.
 */
export async function removeParticipant(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  participantId: string,
): Promise<void> {
  requireFacilitator(access);
  const { workshop } = access;
  const repo = workshopRepository(deps.context.sql);
  const removedCards = await repo.removeParticipant(workshop.id, participantId);
  if (!removedCards) throw notFound('Diese Person nimmt nicht teil.');
  const bus = deps.context.workshopBus;
  bus.publish(workshop.id, { type: 'participant-removed', participantId });
  for (const id of removedCards) bus.publish(workshop.id, { type: 'card-removed', id });
  const running = await repo.runningRound(workshop.id);
  if (running) bus.publish(workshop.id, { type: 'round', snapshot: await roundSnapshot(repo, running) });
  const fresh = await repo.findByIdAnyBody(workshop.id);
  if (fresh) bus.publish(workshop.id, { type: 'workshop', workshop: fresh });
}

export function privacyContact({ context }: WorkshopDeps, user: CurrentUser): Promise<string> {
  return workshopRepository(context.sql).privacyContact(user.bodyId);
}

export async function setPrivacyContact({ context }: WorkshopDeps, user: CurrentUser, contact: string) {
  await workshopRepository(context.sql).setPrivacyContact(user.bodyId, contact);
}

/** The needs document of the workshop's Sozialraum (where accepted cards and results go). */
export async function needsDocumentOf(sql: Queryable, workshop: Workshop) {
  const sozialraum = await sozialraumRepository(sql).findById(workshop.bodyId, workshop.sozialraumId);
  if (!sozialraum) throw notFound('Sozialraum nicht gefunden.');
  return {
    id: sozialraum.needsDocumentId,
    bodyId: workshop.bodyId,
    sozialraumId: workshop.sozialraumId,
    kind: 'needs' as const,
  };
}
