import { z } from 'zod';
import { idSchema } from '../schemas.ts';

// The map and the public inventory of offers (docs/CONTRACT.md, "Evidence: the contract as built").

/** At most this many positions in one boundary (413 beyond). */
export const MAX_BOUNDARY_POSITIONS = 100_000;

/** `GET /api/sozialraeume/geometry` (and the areas of the public offers): a GeoJSON FeatureCollection. */
export const sozialraumFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({
          id: z.string(),
          code: z.string(),
          name: z.string(),
          /** The demo's schematic boundary, not a surveyed one: the map says so. */
          schematic: z.boolean(),
        }),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
      }),
    ),
  })
  .meta({ id: 'SozialraumGeometry' });
export type SozialraumFeatureCollection = z.infer<typeof sozialraumFeatureCollectionSchema>;

/** A published offer as anyone may read it: nothing internal (no ids, nothing unpublished). */
export const publicOfferDtoSchema = z
  .object({
    name: z.string(),
    provider: z.string(),
    category: z.string(),
    targetGroups: z.array(z.string()),
    address: z.string(),
    contact: z.string(),
    openingHours: z.string(),
    location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
    sozialraum: z.object({ code: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'PublicOffer' });
export type PublicOfferDto = z.infer<typeof publicOfferDtoSchema>;

/** `GET /api/public/offers?bodyId=`: the body's published offers and its Sozialräume's boundaries. */
export const publicOffersDtoSchema = z
  .object({
    body: z.object({ name: z.string() }),
    offers: z.array(publicOfferDtoSchema),
    areas: z.object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          properties: z.object({ code: z.string(), name: z.string(), schematic: z.boolean() }),
          geometry: z.object({
            type: z.enum(['Polygon', 'MultiPolygon']),
            coordinates: z.array(z.unknown()),
          }),
        }),
      ),
    }),
  })
  .meta({ id: 'PublicOffers' });
export type PublicOffersDto = z.infer<typeof publicOffersDtoSchema>;

/** Without `bodyId`: the installation's body when there is exactly one. */
export const publicOffersQuerySchema = z.object({ bodyId: idSchema.optional() });

/** `POST /api/offers/import?commit=true`: the body is the CSV file. */
export const offerImportQuerySchema = z.object({ commit: z.enum(['true', 'false']).optional() });

/** An offer import's preview and its commit answer. */
export const offerImportDtoSchema = z
  .object({
    committed: z.boolean(),
    /** The offers read (the first 200), for the preview table. */
    rows: z.array(
      z.object({
        line: z.number(),
        name: z.string(),
        category: z.string(),
        sozialraum: z.string().nullable(),
        location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
      }),
    ),
    count: z.number(),
    issues: z.array(z.object({ line: z.number(), column: z.string().optional(), message: z.string() })),
  })
  .meta({ id: 'OfferImport' });
export type OfferImportDto = z.infer<typeof offerImportDtoSchema>;
