import { z } from 'zod';
import { formatGermanInteger } from '../german-number.ts';
import { COMMITTEE_KINDS, idSchema } from '../schemas.ts';
import { PLAUSIBLE_YEAR_MESSAGE, plausibleYear } from '../measures/schemas.ts';
import { pageQueryShape } from '../paging.ts';
import {
  CLIMATE_IMPACTS,
  CONSULTATION_RESULTS,
  CONSULTATION_ROLES,
  DISABILITY_IMPACTS,
  PAPER_STATUSES,
  PAPER_TYPES,
} from './labels.ts';
import { REFERENCE_FORMATS } from './reference.ts';
import { richTextDocSchema, richTextFromPlainText } from './rich-text.ts';

export const paperTypeSchema = z.enum(PAPER_TYPES, {
  message: 'Art muss beschlussvorlage, mitteilungsvorlage oder antrag sein.',
});
export const paperStatusSchema = z.enum(PAPER_STATUSES, { message: 'Status muss draft oder released sein.' });
export const consultationRoleSchema = z.enum(CONSULTATION_ROLES, {
  message: 'Rolle muss preliminary, decision oder information sein.',
});
export const consultationResultSchema = z.enum(CONSULTATION_RESULTS, {
  message: 'Ergebnis muss acknowledged, recommended, decided, decided_amended, rejected oder postponed sein.',
});

/** Calendar dates travel as ISO `YYYY-MM-DD` (see the HTTP contract). */
export const paperDateSchema = z.iso
  .date({ message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' })
  .refine(plausibleYear, { message: PLAUSIBLE_YEAR_MESSAGE });
const isoDateTimeSchema = z.iso
  .datetime({
    offset: true,
    message: 'Bitte einen Zeitpunkt nach ISO 8601 angeben.',
  })
  .refine(plausibleYear, { message: PLAUSIBLE_YEAR_MESSAGE });

/** Ids end up in OParl URLs, so only URL-safe characters are allowed (UUIDs pass). */
export const paperKeySchema = z
  .string()
  .min(1, { message: 'Bitte eine Kennung angeben.' })
  .max(100, { message: 'Die Kennung ist zu lang.' })
  .regex(/^[A-Za-z0-9._~-]+$/, {
    message: 'Die Kennung darf nur Buchstaben, Ziffern und . _ ~ - enthalten.',
  });

function text(max: number, missing: string) {
  return z
    .string()
    .trim()
    .min(1, { message: missing })
    .max(max, { message: `Höchstens ${max} Zeichen.` });
}

/** Optional free text; an empty string counts as "not given" wherever it is rendered. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Höchstens ${max} Zeichen.` })
    .optional();

export const decisionItemSchema = text(10_000, 'Ein Punkt des Beschlussvorschlags ist leer.');

/** "Belange von Menschen mit Behinderung" with the optional Kurzerläuterung. */
export const disabilityImpactSchema = z.object({
  kind: z.enum(DISABILITY_IMPACTS, {
    message: 'Angabe muss not_affected, affected oder possibly_affected sein.',
  }),
  explanation: optionalText(10_000),
});
export type PaperDisabilityImpact = z.infer<typeof disabilityImpactSchema>;

/** "Auswirkungen auf den Klimaschutz und die Klimafolgenanpassung": keine (o), positiv (+), negativ (-). */
export const climateImpactSchema = z.object({
  kind: z.enum(CLIMATE_IMPACTS, { message: 'Angabe muss none, positive oder negative sein.' }),
  explanation: optionalText(10_000),
});
export type PaperClimateImpact = z.infer<typeof climateImpactSchema>;

const centsSchema = z
  .number({ error: 'Bitte einen Betrag in Euro angeben, z. B. 1.250,50.' })
  .int({ message: 'Beträge in Cent als ganze Zahl angeben.' })
  .min(0, { message: 'Beträge dürfen nicht negativ sein.' })
  .max(1e15, { message: 'Der Betrag ist zu groß.' });

/** "Finanzielle Auswirkungen": none, or amounts in euro cents (exact, no floating point) and a budget line. */
export const financialImpactSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.literal('costs'),
      oneOffCents: centsSchema.optional(),
      annualCents: centsSchema.optional(),
      budgetLine: optionalText(200),
      explanation: optionalText(10_000),
    }),
  ],
  { message: 'Angabe muss none oder costs sein.' },
);
export type PaperFinancialImpact = z.infer<typeof financialImpactSchema>;

/** One "gez." line of the signature block. */
export const signatureSchema = z.object({
  name: text(200, 'Bitte den Namen der unterzeichnenden Person angeben.'),
  role: text(200, 'Bitte die Funktion angeben (z. B. Oberbürgermeister).'),
});
export type PaperSignature = z.infer<typeof signatureSchema>;

/** The committee of a consultation, as the committees API lists it. */
export const paperCommitteeSchema = z.object({
  id: paperKeySchema,
  name: text(200, 'Bitte den Namen des Gremiums angeben.'),
  kind: z.enum(COMMITTEE_KINDS, { message: 'Art muss council, committee, district oder advisory sein.' }),
});
export type PaperCommittee = z.infer<typeof paperCommitteeSchema>;

/** One line of the Beratungsfolge. */
export const paperConsultationSchema = z.object({
  id: paperKeySchema,
  committee: paperCommitteeSchema,
  date: paperDateSchema,
  role: consultationRoleSchema,
  /** Position in the Beratungsfolge; lines are ordered by it, then by date. */
  order: z.number().int().min(0),
  result: consultationResultSchema.optional(),
  resultDate: paperDateSchema.optional(),
  /** The session the paper is discussed in; without it the OParl meeting id is `<committeeId>-<date>`. */
  meeting: z.object({ id: paperKeySchema, start: isoDateTimeSchema.optional() }).optional(),
});
export type PaperConsultation = z.infer<typeof paperConsultationSchema>;

/** The city (OParl `Body`) that issues the paper, with the lines of its letterhead. */
export const paperBodySchema = z.object({
  id: paperKeySchema,
  name: text(200, 'Bitte den Namen der Kommune angeben.'),
  shortName: optionalText(50),
  /** Lines under the city name, e.g. "Stadt der FernUniversität", "Der Oberbürgermeister". */
  letterhead: z.array(text(200, 'Leere Zeile im Briefkopf.')).max(6).default([]),
  website: z.url({ message: 'Bitte eine gültige Adresse angeben.' }).optional(),
});
export type PaperBody = z.infer<typeof paperBodySchema>;

/**
 * The one document model every export renders (DOCX, PDF, OParl): a paper with everything resolved (committee
 * names, measure titles), so the renderers need no database.
 */
export const paperDocumentSchema = z
  .object({
    id: paperKeySchema,
    type: paperTypeSchema,
    status: paperStatusSchema.default('draft'),
    /** Öffentlich or nichtöffentlich; changes the title line. */
    public: z.boolean().default(true),
    reference: text(40, 'Bitte die Drucksachennummer angeben.'),
    date: paperDateSchema,
    body: paperBodySchema,
    /** Amt/Fachbereich, or for an Antrag its sender (e.g. a Fraktion). */
    originatingOffice: text(300, 'Bitte das federführende Amt angeben.'),
    participatingOffices: z.array(text(300, 'Leerer Eintrag bei den Beteiligten.')).max(50).default([]),
    subject: text(2_000, 'Bitte einen Betreff angeben.'),
    consultations: z.array(paperConsultationSchema).max(100).default([]),
    decisionProposal: z
      .object({
        /** A lead-in such as "Die Verwaltung wird beauftragt:" before the numbered items. */
        intro: optionalText(2_000),
        items: z.array(decisionItemSchema).max(200).default([]),
      })
      .default({ items: [] }),
    summary: optionalText(50_000),
    justification: richTextDocSchema.optional(),
    disabilityImpact: disabilityImpactSchema.optional(),
    climateImpact: climateImpactSchema.optional(),
    financialImpact: financialImpactSchema.optional(),
    signatures: z.array(signatureSchema).max(10).default([]),
    measures: z
      .array(z.object({ id: paperKeySchema, title: text(500, 'Bitte den Titel der Maßnahme angeben.') }))
      .max(500)
      .default([]),
    created: isoDateTimeSchema.optional(),
    modified: isoDateTimeSchema.optional(),
  })
  .refine((paper) => paper.consultations.filter((c) => c.role === 'decision').length <= 1, {
    message: 'Höchstens ein Gremium darf entscheiden.',
    path: ['consultations'],
  });

/** A validated paper as the exports render it. */
export type PaperDocument = z.infer<typeof paperDocumentSchema>;
/** What callers may pass before defaults are applied. */
export type PaperDocumentInput = z.input<typeof paperDocumentSchema>;

/**
 * The Begründung as clients send it: rich text (ProseMirror JSON) or plain text, which becomes one
 * paragraph per block of lines separated by a blank line.
 */
export const justificationInputSchema = z.preprocess((value, ctx) => {
  if (typeof value === 'string') return richTextFromPlainText(value);
  if (typeof value !== 'object' || value === null) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'Die Begründung muss Text oder Rich-Text (ein Dokument mit type "doc") sein.',
    });
  }
  return value;
}, richTextDocSchema);

/** One line of the Beratungsfolge as clients send it; with `meetingId` the line belongs to that session. */
export const consultationInputSchema = z.object({
  committeeId: idSchema,
  date: paperDateSchema,
  role: consultationRoleSchema,
  meetingId: idSchema.optional(),
});
export type ConsultationInput = z.infer<typeof consultationInputSchema>;

const measureIdsSchema = z
  .array(idSchema)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, {
    message: 'Jede Maßnahme darf nur einmal vorkommen.',
  });
const consultationsSchema = z
  .array(consultationInputSchema)
  .max(100)
  .refine((list) => list.filter((c) => c.role === 'decision').length <= 1, {
    message: 'Höchstens ein Gremium darf entscheiden.',
  });
const participatingOfficesSchema = z.array(text(300, 'Leerer Eintrag bei den Beteiligten.')).max(50);
const signaturesSchema = z.array(signatureSchema).max(10);
const decisionProposalSchema = z.array(decisionItemSchema).max(200);

/** `POST /api/papers`: the body of a new draft; the server allocates the reference. */
export const createPaperInputSchema = z.object({
  type: paperTypeSchema,
  subject: text(2_000, 'Bitte einen Betreff angeben.'),
  decisionProposal: decisionProposalSchema.default([]),
  decisionProposalIntro: optionalText(2_000),
  summary: optionalText(50_000),
  justification: justificationInputSchema.optional(),
  measureIds: measureIdsSchema.default([]),
  consultations: consultationsSchema.default([]),
  originatingOffice: optionalText(300),
  participatingOffices: participatingOfficesSchema.default([]),
  public: z.boolean().default(true),
  disabilityImpact: disabilityImpactSchema.optional(),
  climateImpact: climateImpactSchema.optional(),
  financialImpact: financialImpactSchema.optional(),
  signatures: signaturesSchema.default([]),
  /** A supplement (Ergänzungsvorlage) names the released paper it changes. */
  supplementTo: idSchema.optional(),
  /** The clerk confirms a Beratungsfolge whose dates run backwards (see `consultationDateOrderIssues`). */
  confirmDateOrder: z.boolean().optional(),
});
export type CreatePaperInput = z.infer<typeof createPaperInputSchema>;

/**
 * `PATCH /api/papers/:id` (with `If-Match`): only the fields sent change; `null` clears an optional
 * section. Lists (items, consultations, measures, offices, signatures) are replaced as a whole.
 */
export const updatePaperInputSchema = z
  .object({
    type: paperTypeSchema,
    subject: text(2_000, 'Bitte einen Betreff angeben.'),
    decisionProposal: decisionProposalSchema,
    decisionProposalIntro: optionalText(2_000).nullable(),
    summary: optionalText(50_000).nullable(),
    justification: justificationInputSchema.nullable(),
    measureIds: measureIdsSchema,
    consultations: consultationsSchema,
    originatingOffice: optionalText(300),
    participatingOffices: participatingOfficesSchema,
    public: z.boolean(),
    disabilityImpact: disabilityImpactSchema.nullable(),
    climateImpact: climateImpactSchema.nullable(),
    financialImpact: financialImpactSchema.nullable(),
    signatures: signaturesSchema,
    confirmDateOrder: z.boolean(),
  })
  .partial();
export type UpdatePaperInput = z.infer<typeof updatePaperInputSchema>;

/** Papers per page of `GET /api/papers` when the client does not say, and at most. */
export const PAPERS_PAGE_DEFAULT = 50;
export const PAPERS_PAGE_MAX = 200;

/**
 * `GET /api/papers?q=&type=&status=&committeeId=&year=`: filters and a page, newest first (keyset by creation
 * time and id). `q` finds the text in the reference or the subject, case-insensitive (blank: no filter);
 * `committeeId` keeps papers with a consultation in that committee; `year` is the year of the
 * Drucksachennummer.
 */
export const listPapersQuerySchema = z.object({
  q: z.string().trim().max(200, { message: 'q darf höchstens 200 Zeichen lang sein.' }).optional(),
  type: paperTypeSchema.optional(),
  status: paperStatusSchema.optional(),
  committeeId: idSchema.optional(),
  year: z.coerce
    .number({ message: 'year muss eine Jahreszahl sein.' })
    .int({ message: 'year muss eine Jahreszahl sein.' })
    .min(1900, { message: 'year muss zwischen 1900 und 2200 liegen.' })
    .max(2200, { message: 'year muss zwischen 1900 und 2200 liegen.' })
    .optional(),
  ...pageQueryShape({ default: PAPERS_PAGE_DEFAULT, max: PAPERS_PAGE_MAX }),
});
export type ListPapersQuery = z.infer<typeof listPapersQuerySchema>;

/** `GET /api/papers/:id/export?format=…` */
export const paperExportQuerySchema = z.object({
  format: z.enum(['docx', 'pdf', 'oparl'], { message: 'Format muss docx, pdf oder oparl sein.' }),
});

/** `/api/papers/:id/consultations/:consultationId/…` */
export const consultationParamsSchema = z.object({ id: idSchema, consultationId: idSchema });

/** The longest "Auszug aus der Niederschrift" a consultation holds. */
export const MINUTES_MAX_LENGTH = 20_000;

/** The minutes as clients send them; blank (after trimming) removes them. */
export const minutesTextSchema = z
  .string({ message: 'Bitte den Text der Niederschrift angeben.' })
  .trim()
  .max(MINUTES_MAX_LENGTH, { message: `Höchstens ${formatGermanInteger(MINUTES_MAX_LENGTH)} Zeichen.` });

/** `POST /api/papers/:id/consultations/:consultationId/result`; `minutes` records the Auszug with it. */
export const consultationResultInputSchema = z.object({
  result: consultationResultSchema,
  date: paperDateSchema,
  minutes: minutesTextSchema.optional(),
});

/** `PUT /api/papers/:id/consultations/:consultationId/minutes`: "" removes the minutes. */
export const consultationMinutesInputSchema = z.object({ text: minutesTextSchema });
export type ConsultationMinutesInput = z.infer<typeof consultationMinutesInputSchema>;

/** `GET /api/papers/:id/consultations/:consultationId/minutes/export?format=…` */
export const minutesExportQuerySchema = z.object({
  format: z.enum(['docx', 'pdf'], { message: 'Format muss docx oder pdf sein.' }),
});
export type ConsultationResultInput = z.infer<typeof consultationResultInputSchema>;

/** `PUT /api/papers/settings`. */
export const paperSettingsInputSchema = z.object({
  referenceFormat: z.enum(REFERENCE_FORMATS, { message: 'Format muss NNNN/YYYY oder OO/SSS/YYYY sein.' }),
});
export type PaperSettingsInput = z.infer<typeof paperSettingsInputSchema>;

/** `GET /api/papers/prefill`: measure ids, comma separated. */
export const paperPrefillQuerySchema = z.object({
  measureIds: z
    .string()
    .max(20_000)
    .transform((value) => value.split(',').filter((id) => id.length > 0))
    .pipe(z.array(idSchema).min(1, { message: 'Bitte mindestens eine Maßnahme wählen.' }).max(100)),
});
