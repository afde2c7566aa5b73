import { z } from 'zod';
import { isoDateSchema } from '../measures/schemas.ts';
import { idSchema, patchSchema } from '../schemas.ts';

// The evidence contract (docs/CONTRACT.md, "Evidence: the contract as built"): indicators and their values,
// the Sozialraum profile, boundaries, offers and citations. Inputs validate; DTOs describe answers.

export const INDICATOR_KINDS = ['count', 'rate', 'share', 'mean'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Readonly<Record<IndicatorKind, string>> = {
  count: 'Anzahl',
  rate: 'Quote',
  share: 'Anteil',
  mean: 'Mittelwert',
};

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} darf höchstens ${max} Zeichen lang sein.` });

/** `POST /api/indicators`, and `PATCH` with every field optional. */
export const indicatorInputSchema = z.object({
  name: text('Der Name', 200).min(1, { message: 'Bitte einen Namen angeben.' }),
  unit: text('Die Einheit', 40).default(''),
  kind: z.enum(INDICATOR_KINDS, { message: 'Art muss count, rate, share oder mean sein.' }),
  topic: text('Das Thema', 120).default(''),
  source: text('Die Quelle', 500).default(''),
  description: text('Die Beschreibung', 5000).default(''),
  precision: z.number().int().min(0).max(4).default(0),
  /** The total this indicator is a part of (its parts add up to it; disclosure control needs that). */
  partOf: idSchema.nullable().default(null),
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;
/** Every field optional and without defaults: a patch changes only what it names. */
export const updateIndicatorInputSchema = patchSchema(indicatorInputSchema);
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorInputSchema>;

/** `POST /api/indicators/:id/values`: a Sozialraum by id or code, or neither for the city-wide value. */
export const indicatorValuesInputSchema = z.object({
  values: z
    .array(
      z.object({
        sozialraumId: idSchema.optional(),
        code: text('Der Code', 40).optional(),
        date: isoDateSchema,
        value: z.number().finite(),
      }),
    )
    .min(1)
    .max(10_000),
});
export type IndicatorValuesInput = z.infer<typeof indicatorValuesInputSchema>;

/** A published figure: `value` is null exactly when disclosure control suppressed it (shown as "•"). */
export const figureDtoSchema = z.object({ value: z.number().nullable(), suppressed: z.boolean() });
export type FigureDto = z.infer<typeof figureDtoSchema>;

export const indicatorDtoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unit: z.string(),
    kind: z.enum(INDICATOR_KINDS),
    topic: z.string(),
    source: z.string(),
    description: z.string(),
    precision: z.number(),
    partOf: z.string().nullable(),
    /** The reference dates that have values, oldest first. */
    dates: z.array(z.string()),
  })
  .meta({ id: 'Indicator' });
export type IndicatorDto = z.infer<typeof indicatorDtoSchema>;

/** `GET /api/indicators/:id/values?date=`: one date, every Sozialraum, the city; figures after disclosure control. */
export const indicatorValuesDtoSchema = z
  .object({
    indicatorId: z.string(),
    date: z.string(),
    city: figureDtoSchema.nullable(),
    sozialraeume: z.array(
      z
        .object({ sozialraumId: z.string(), code: z.string(), name: z.string() })
        .extend(figureDtoSchema.shape),
    ),
  })
  .meta({ id: 'IndicatorValues' });
export type IndicatorValuesDto = z.infer<typeof indicatorValuesDtoSchema>;

/** An import's preview and its commit answer (`POST /api/indicators/import`). */
export const indicatorImportDtoSchema = z
  .object({
    committed: z.boolean(),
    indicators: z.array(z.object({ name: z.string(), exists: z.boolean() })),
    /** Values that are new, differ from what is stored, or equal it. */
    changes: z.object({ added: z.number(), changed: z.number(), unchanged: z.number() }),
    /** What will change (the first 200), for the preview table. */
    rows: z.array(
      z.object({
        line: z.number(),
        indicator: z.string(),
        sozialraum: z.string(),
        date: z.string(),
        before: z.number().nullable(),
        after: z.number(),
      }),
    ),
    issues: z.array(z.object({ line: z.number(), column: z.string().optional(), message: z.string() })),
  })
  .meta({ id: 'IndicatorImport' });
export type IndicatorImportDto = z.infer<typeof indicatorImportDtoSchema>;

/** A point of a time series. */
export const seriesPointDtoSchema = z.object({ date: z.string() }).extend(figureDtoSchema.shape);

/** `GET /api/sozialraeume/:id/profile`: the Sozialraum's situation on one page. */
export const sozialraumProfileDtoSchema = z
  .object({
    sozialraum: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    keyFigures: z.array(
      z.object({
        indicator: indicatorDtoSchema,
        date: z.string(),
        here: figureDtoSchema,
        city: figureDtoSchema.nullable(),
        previous: seriesPointDtoSchema.nullable(),
      }),
    ),
    series: z.array(z.object({ indicatorId: z.string(), points: z.array(seriesPointDtoSchema) })),
    needs: z.array(z.object({ id: z.string(), title: z.string(), priority: z.string(), status: z.string() })),
    /** `progress`: percent, set by the newest progress report (issue 18). */
    measures: z.array(
      z.object({ id: z.string(), title: z.string(), status: z.string(), progress: z.number() }),
    ),
  })
  .meta({ id: 'SozialraumProfile' });
export type SozialraumProfileDto = z.infer<typeof sozialraumProfileDtoSchema>;

/** A GeoJSON position, WGS84: longitude, latitude. */
const positionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
/** A closed ring of at least four positions. */
const ringSchema = z
  .array(positionSchema)
  .min(4, { message: 'Ein Ring braucht mindestens vier Punkte.' })
  .max(100_000)
  .refine((ring) => ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1], {
    message: 'Ein Ring muss geschlossen sein (erster Punkt = letzter Punkt).',
  });
/** `PUT /api/sozialraeume/:id/geometry`: a GeoJSON Polygon or MultiPolygon in WGS84 (RFC 7946). */
export const boundaryInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1).max(1000) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(ringSchema).min(1).max(1000)).min(1).max(1000),
  }),
]);
export type BoundaryInput = z.infer<typeof boundaryInputSchema>;

/** `POST /api/offers`, `PATCH /api/offers/:id` (every field optional). */
export const offerInputSchema = z.object({
  name: text('Der Name', 200).min(1, { message: 'Bitte einen Namen angeben.' }),
  provider: text('Der Träger', 200).default(''),
  category: text('Die Kategorie', 120).default(''),
  targetGroups: z.array(text('Eine Zielgruppe', 120)).max(30).default([]),
  address: text('Die Adresse', 300).default(''),
  contact: text('Der Kontakt', 300).default(''),
  openingHours: text('Die Öffnungszeiten', 500).default(''),
  location: z
    .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .nullable()
    .default(null),
  /** Used when no boundary contains the location (or there is none). */
  sozialraumId: idSchema.nullable().default(null),
  published: z.boolean().default(false),
});
export type OfferInput = z.infer<typeof offerInputSchema>;
/** Every field optional and without defaults: a patch changes only what it names. */
export const updateOfferInputSchema = patchSchema(offerInputSchema);

export const offerDtoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    category: z.string(),
    targetGroups: z.array(z.string()),
    address: z.string(),
    contact: z.string(),
    openingHours: z.string(),
    location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
    sozialraum: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    published: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Offer' });
export type OfferDto = z.infer<typeof offerDtoSchema>;

/** `POST /api/documents/:docId/needs/:needId/citations`: cite the figure as it is now. */
export const citationInputSchema = z.object({
  indicatorId: idSchema,
  /** null: the city-wide value. */
  sozialraumId: idSchema.nullable(),
  date: isoDateSchema,
});
export type CitationInput = z.infer<typeof citationInputSchema>;

export const citationDtoSchema = z
  .object({
    id: z.string(),
    needId: z.string(),
    indicatorId: z.string().nullable(),
    indicatorName: z.string(),
    unit: z.string(),
    /** Decimal places shown, as the indicator had them when cited. */
    precision: z.number(),
    sozialraum: z.object({ id: z.string().nullable(), name: z.string() }),
    date: z.string(),
    value: z.number().nullable(),
    suppressed: z.boolean(),
    citedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    citedAt: z.string(),
  })
  .meta({ id: 'Citation' });
export type CitationDto = z.infer<typeof citationDtoSchema>;
