import { z } from 'zod';
import { idSchema } from '../schemas.ts';
import { isoDateSchema } from '../measures/schemas.ts';
import { normaliseJoinCode } from './code.ts';
import { MAX_BALLOT_ITEMS, MAX_DOTS_PER_PERSON, MAX_ROUND_SECONDS } from './voting.ts';

export const WORKSHOP_TITLE_MAX = 200;
export const CARD_TITLE_MAX = 200;
export const CARD_DESCRIPTION_MAX = 2000;
export const DISPLAY_NAME_MAX = 60;
export const CLUSTER_LABEL_MAX = 80;

/** Cluster colours: a fixed palette with enough contrast for white text on the projector. */
export const CLUSTER_COLOURS = ['blue', 'green', 'orange', 'purple', 'red', 'teal', 'brown', 'grey'] as const;
export type ClusterColour = (typeof CLUSTER_COLOURS)[number];

const requiredText = (max: number, missing: string, tooLong: string) =>
  z.string({ message: missing }).trim().min(1, { message: missing }).max(max, { message: tooLong });

/** A time of day `HH:MM` (24 h, Europe/Berlin, like the workshop's date). */
export const timeOfDaySchema = z
  .string({ message: 'Bitte eine Uhrzeit im Format HH:MM angeben.' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Bitte eine Uhrzeit im Format HH:MM angeben.' });

/** `POST /api/sozialraeume/:id/workshops` */
export const createWorkshopInputSchema = z.object({
  title: requiredText(
    WORKSHOP_TITLE_MAX,
    'Bitte einen Titel angeben.',
    `Der Titel darf höchstens ${WORKSHOP_TITLE_MAX} Zeichen lang sein.`,
  ),
  date: isoDateSchema,
  /** Optional planned end; the workshop is closed by the facilitator either way. */
  endTime: timeOfDaySchema.nullish(),
});
export type CreateWorkshopInput = z.infer<typeof createWorkshopInputSchema>;

/** `PATCH /api/workshops/:id` (facilitator): rename, move, lock or unlock joining. */
export const updateWorkshopInputSchema = createWorkshopInputSchema
  .partial()
  .extend({ joinLocked: z.boolean({ message: 'joinLocked muss wahr oder falsch sein.' }).optional() });
export type UpdateWorkshopInput = z.infer<typeof updateWorkshopInputSchema>;

/** `POST /api/workshop-sessions`: join by code (no account). */
export const joinWorkshopInputSchema = z.object({
  code: z
    .string({ message: 'Bitte den Code angeben.' })
    .max(40, { message: 'Dieser Code ist ungültig.' })
    .transform(normaliseJoinCode)
    .pipe(z.string().min(1, { message: 'Bitte den Code angeben.' })),
  /** Shown to the facilitator beside the person's cards; empty stays anonymous. */
  displayName: z
    .string()
    .trim()
    .max(DISPLAY_NAME_MAX, { message: `Der Name darf höchstens ${DISPLAY_NAME_MAX} Zeichen lang sein.` })
    .nullish(),
});
export type JoinWorkshopInput = z.infer<typeof joinWorkshopInputSchema>;

const cardTitleSchema = requiredText(
  CARD_TITLE_MAX,
  'Bitte schreiben Sie etwas auf die Karte.',
  `Eine Karte darf höchstens ${CARD_TITLE_MAX} Zeichen haben.`,
);
const cardDescriptionSchema = z
  .string()
  .trim()
  .max(CARD_DESCRIPTION_MAX, {
    message: `Die Beschreibung darf höchstens ${CARD_DESCRIPTION_MAX} Zeichen lang sein.`,
  });

/** `POST /api/workshops/:id/cards` (participant or member) */
export const createCardInputSchema = z.object({
  title: cardTitleSchema,
  description: cardDescriptionSchema.optional(),
});
export type CreateCardInput = z.infer<typeof createCardInputSchema>;

/** `PATCH /api/workshops/:id/cards/:cardId` (facilitator): edit, cluster, set aside or bring back. */
export const updateCardInputSchema = z.object({
  title: cardTitleSchema.optional(),
  description: cardDescriptionSchema.optional(),
  clusterId: idSchema.nullable().optional(),
  /** `set_aside` parks a card; `new` brings it back. Accepting and merging have their own routes. */
  status: z.enum(['new', 'set_aside'], { message: 'Status muss „new“ oder „set_aside“ sein.' }).optional(),
});
export type UpdateCardInput = z.infer<typeof updateCardInputSchema>;

/** `POST /api/workshops/:id/cards/:cardId/merge` (facilitator): this card goes into `intoCardId`. */
export const mergeCardInputSchema = z.object({ intoCardId: idSchema });

/** `POST /api/workshops/:id/clusters`, `PATCH …/clusters/:clusterId` (facilitator) */
export const clusterInputSchema = z.object({
  label: requiredText(
    CLUSTER_LABEL_MAX,
    'Bitte eine Bezeichnung angeben.',
    `Die Bezeichnung darf höchstens ${CLUSTER_LABEL_MAX} Zeichen lang sein.`,
  ),
  colour: z.enum(CLUSTER_COLOURS, { message: 'Unbekannte Farbe.' }),
});
export type ClusterInput = z.infer<typeof clusterInputSchema>;

const positiveInt = (what: string, max: number) =>
  z
    .number({ message: `${what} muss eine ganze Zahl sein.` })
    .int({ message: `${what} muss eine ganze Zahl sein.` })
    .min(1, { message: `${what} muss mindestens 1 sein.` })
    .max(max, { message: `${what} darf höchstens ${max} sein.` });

/** `POST /api/workshops/:id/rounds` (facilitator) */
export const startRoundInputSchema = z
  .object({
    dotsPerPerson: positiveInt('Punkte pro Person', MAX_DOTS_PER_PERSON),
    maxPerItem: positiveInt('Punkte pro Bedarf', MAX_DOTS_PER_PERSON).nullish(),
    durationSeconds: positiveInt('Die Dauer in Sekunden', MAX_ROUND_SECONDS).nullish(),
    /** The ballot; without it every open need of the Sozialraum's needs list. */
    needIds: z
      .array(z.string().min(1).max(100), { message: 'needIds muss eine Liste sein.' })
      .min(1, { message: 'Bitte mindestens einen Bedarf zur Abstimmung stellen.' })
      .max(MAX_BALLOT_ITEMS, { message: `Höchstens ${MAX_BALLOT_ITEMS} Bedarfe pro Runde.` })
      .optional(),
    /** Participants see the running totals (otherwise only after the close). */
    liveResults: z.boolean().optional(),
  })
  .refine((round) => round.maxPerItem == null || round.maxPerItem <= round.dotsPerPerson, {
    path: ['maxPerItem'],
    message: 'Pro Bedarf kann es nicht mehr Punkte geben als pro Person.',
  });
export type StartRoundInput = z.infer<typeof startRoundInputSchema>;

/** `POST /api/workshops/:id/rounds/:roundId/votes`: sets the person's dots on one need (0 takes them back). */
export const voteInputSchema = z.object({
  needId: z.string({ message: 'Bitte einen Bedarf angeben.' }).min(1).max(100),
  count: z
    .number({ message: 'count muss eine ganze Zahl sein.' })
    .int({ message: 'count muss eine ganze Zahl sein.' })
    .min(0, { message: 'count darf nicht negativ sein.' })
    .max(MAX_DOTS_PER_PERSON, { message: `count darf höchstens ${MAX_DOTS_PER_PERSON} sein.` }),
});
export type VoteInput = z.infer<typeof voteInputSchema>;

export const PRIVACY_CONTACT_MAX = 1000;

/** `PUT /api/body/privacy` (admin): whom people ask about their data (name, address, e-mail). */
export const bodyPrivacyInputSchema = z.object({
  contact: z
    .string({ message: 'Bitte den Kontakt als Text angeben.' })
    .trim()
    .max(PRIVACY_CONTACT_MAX, {
      message: `Der Kontakt darf höchstens ${PRIVACY_CONTACT_MAX} Zeichen lang sein.`,
    }),
});
export type BodyPrivacyInput = z.infer<typeof bodyPrivacyInputSchema>;

/** Path parameters of the workshop routes (ids are UUIDs; anything else is not found). */
export const workshopCardParamsSchema = z.object({ id: idSchema, cardId: idSchema });
export const workshopClusterParamsSchema = z.object({ id: idSchema, clusterId: idSchema });
export const workshopRoundParamsSchema = z.object({ id: idSchema, roundId: idSchema });
export const workshopParticipantParamsSchema = z.object({ id: idSchema, participantId: idSchema });
export const workshopCodeParamsSchema = z.object({ code: z.string().max(40) });
