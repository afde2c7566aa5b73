import { z } from 'zod';
import { CLUSTER_COLOURS } from './schemas.ts';
import { ROUND_STATUSES } from './voting.ts';

// Answers of the workshop API and the payloads of its live channel (see docs/CONTRACT.md,
// "Workshops"). Some fields depend on who asks: `mine`, `authorName`, `myVotes` and hidden results.

export const WORKSHOP_STATUSES = ['open', 'closed'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];

/** `new` until the facilitator decides; `merged` cards live on inside the card they went into. */
export const CARD_STATUSES = ['new', 'accepted', 'set_aside', 'merged'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** What the privacy notice (DSGVO Art. 13) names before anyone joins. */
export const privacyNoticeDtoSchema = z.object({
  /** The controller: the municipality. */
  controller: z.string(),
  /** Whom to ask (the body's configured data-protection contact). */
  contact: z.string(),
  /** Days after the workshop closes until names and card authorship are deleted. */
  retentionDays: z.number(),
});
export type PrivacyNoticeDto = z.infer<typeof privacyNoticeDtoSchema>;

/** `GET /api/workshops/:id`, items of `GET /api/sozialraeume/:id/workshops`, `POST …/workshops` (201). */
export const workshopDtoSchema = z
  .object({
    id: z.string(),
    sozialraum: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    title: z.string(),
    /** `YYYY-MM-DD` */
    date: z.string(),
    /** `HH:MM` or null */
    endTime: z.string().nullable(),
    /** 8 characters from JOIN_CODE_ALPHABET (shown as `ABCD-EFGH`). */
    code: z.string(),
    /** Absolute URL of the join page, for the QR code. */
    joinUrl: z.string(),
    joinLocked: z.boolean(),
    status: z.enum(WORKSHOP_STATUSES),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    participantCount: z.number(),
    cardCount: z.number(),
    roundCount: z.number(),
    privacy: privacyNoticeDtoSchema,
    permissions: z.object({ facilitate: z.boolean() }),
  })
  .meta({ id: 'Workshop' });
export type WorkshopDto = z.infer<typeof workshopDtoSchema>;

/**
 * `GET /api/workshop-invitations/:code` (no login, throttled like joining): what the join page
 * shows before someone joins.
 */
export const workshopInvitationDtoSchema = z
  .object({
    workshopId: z.string(),
    title: z.string(),
    date: z.string(),
    sozialraumName: z.string(),
    /** False when the workshop is closed or the facilitator locked joining. */
    joinable: z.boolean(),
    privacy: privacyNoticeDtoSchema,
  })
  .meta({ id: 'WorkshopInvitation' });
export type WorkshopInvitationDto = z.infer<typeof workshopInvitationDtoSchema>;

/** Who the requester is within a workshop. */
export const workshopSelfDtoSchema = z
  .object({
    participantId: z.string(),
    /** `guest`: joined by code without an account; `member`: with their own account. */
    kind: z.enum(['guest', 'member']),
    displayName: z.string().nullable(),
    facilitator: z.boolean(),
  })
  .meta({ id: 'WorkshopSelf' });
export type WorkshopSelfDto = z.infer<typeof workshopSelfDtoSchema>;

/** `POST /api/workshop-sessions` (201, with the participant cookie). */
export const workshopSessionDtoSchema = z
  .object({ workshopId: z.string(), self: workshopSelfDtoSchema })
  .meta({ id: 'WorkshopSession' });
export type WorkshopSessionDto = z.infer<typeof workshopSessionDtoSchema>;

export const workshopCardDtoSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(CARD_STATUSES),
    clusterId: z.string().nullable(),
    /** The card a merged card went into. */
    mergedIntoId: z.string().nullable(),
    /** The need an accepted card became (in the Sozialraum's needs list). */
    needId: z.string().nullable(),
    /** Facilitators only, and null once anonymised or for anonymous participants. */
    authorName: z.string().nullable(),
    /** Written by the requester. */
    mine: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkshopCard' });
export type WorkshopCardDto = z.infer<typeof workshopCardDtoSchema>;

export const workshopClusterDtoSchema = z
  .object({ id: z.string(), label: z.string(), colour: z.enum(CLUSTER_COLOURS) })
  .meta({ id: 'WorkshopCluster' });
export type WorkshopClusterDto = z.infer<typeof workshopClusterDtoSchema>;

/** A need on a round's ballot; `title` as it was when the round started. */
export const ballotItemDtoSchema = z.object({ needId: z.string(), title: z.string() });

/** `GET …/rounds/:roundId/results`: ranked, most dots first. */
export const roundResultDtoSchema = z
  .object({ needId: z.string(), title: z.string(), dots: z.number() })
  .meta({ id: 'RoundResult' });
export type RoundResultDto = z.infer<typeof roundResultDtoSchema>;

export const workshopRoundDtoSchema = z
  .object({
    id: z.string(),
    /** 1, 2, … within the workshop. */
    number: z.number(),
    status: z.enum(ROUND_STATUSES),
    dotsPerPerson: z.number(),
    maxPerItem: z.number().nullable(),
    durationSeconds: z.number().nullable(),
    liveResults: z.boolean(),
    startedAt: z.string(),
    /** When a running timed round closes by itself. */
    endsAt: z.string().nullable(),
    /** Seconds left of a paused timed round. */
    remainingSeconds: z.number().nullable(),
    closedAt: z.string().nullable(),
    ballot: z.array(ballotItemDtoSchema),
    /** Ranked results; null while hidden from the requester (open round without live results). */
    results: z.array(roundResultDtoSchema).nullable(),
    /** The requester's dots per need. */
    myVotes: z.record(z.string(), z.number()),
    /** People who placed at least one dot. */
    voterCount: z.number(),
  })
  .meta({ id: 'WorkshopRound' });
export type WorkshopRoundDto = z.infer<typeof workshopRoundDtoSchema>;

/**
 * `GET /api/workshops/:id/state` and the first event of the live channel: everything a phone,
 * the projector or the facilitator's board shows, as the requester may see it.
 */
export const workshopStateDtoSchema = z
  .object({
    workshop: workshopDtoSchema,
    self: workshopSelfDtoSchema,
    cards: z.array(workshopCardDtoSchema),
    clusters: z.array(workshopClusterDtoSchema),
    /** Every round, oldest first; the last is the current one. */
    rounds: z.array(workshopRoundDtoSchema),
  })
  .meta({ id: 'WorkshopState' });
export type WorkshopStateDto = z.infer<typeof workshopStateDtoSchema>;

/** `POST …/cards/:cardId/accept` (200): the need the card became. */
export const acceptCardDtoSchema = z
  .object({ needId: z.string(), card: workshopCardDtoSchema })
  .meta({ id: 'AcceptedCard' });
export type AcceptCardDto = z.infer<typeof acceptCardDtoSchema>;

/**
 * Events of `GET /api/workshops/:id/events` (text/event-stream). `state` comes first and again
 * whenever the server cannot tell what changed (so a phone that slept simply gets a fresh state);
 * the others carry one changed entity, already shaped for the subscriber.
 */
export const workshopEventSchemas = {
  state: workshopStateDtoSchema,
  workshop: workshopDtoSchema,
  card: workshopCardDtoSchema,
  'card-removed': z.object({ id: z.string() }),
  cluster: workshopClusterDtoSchema,
  'cluster-removed': z.object({ id: z.string() }),
  round: workshopRoundDtoSchema,
  /** The participant was removed or the workshop deleted: the phone shows a notice and stops. */
  ended: z.object({ reason: z.enum(['removed', 'deleted']) }),
} as const;
export type WorkshopEventName = keyof typeof workshopEventSchemas;
export type WorkshopEvent = {
  [K in WorkshopEventName]: { event: K; data: z.infer<(typeof workshopEventSchemas)[K]> };
}[WorkshopEventName];

/** Items of `GET /api/workshops/:id/participants` (facilitator). */
export const workshopParticipantDtoSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['guest', 'member']),
    /** Null for anonymous guests and after anonymisation. */
    displayName: z.string().nullable(),
    cardCount: z.number(),
    joinedAt: z.string(),
  })
  .meta({ id: 'WorkshopParticipant' });
export type WorkshopParticipantDto = z.infer<typeof workshopParticipantDtoSchema>;

/** `GET`/`PUT /api/body/privacy`: the body's data-protection contact (shown in every privacy notice). */
export const bodyPrivacyDtoSchema = z.object({ contact: z.string() }).meta({ id: 'BodyPrivacy' });
export type BodyPrivacyDto = z.infer<typeof bodyPrivacyDtoSchema>;
