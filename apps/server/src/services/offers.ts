import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import {
  bodyRepository,
  offerRepository,
  sozialraumRepository,
  type BoundaryRow,
  type OfferRow,
  type OfferValues,
  type StoredBoundary,
} from '@quartierplan/db';
import {
  MAX_BOUNDARY_POSITIONS,
  formatGermanInteger,
  accessAllows,
  boundaryInputSchema,
  decodeTableText,
  offerInputSchema,
  readOfferTable,
  sozialraumAccess,
  splitCsv,
  visibleSozialraumIds,
  type BoundaryInput,
  type OfferDto,
  type OfferImportDto,
  type OfferInput,
  type Principal,
  type PublicOfferDto,
  type PublicOffersDto,
  type SozialraumFeatureCollection,
} from '@quartierplan/domain';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';

type UpdateOfferInput = Partial<OfferInput>;

/** Boundary input that is not a valid polygon: the request was understood, its content cannot be used. */
const unusableGeometry = (issues: { path: string; message: string }[]) =>
  new AppError(422, 'validation_failed', 'Die Grenze ist kein gültiges GeoJSON-Polygon (WGS84).', { issues });

/** Counts positions without recursing deeper than GeoJSON does (a Polygon nests 3, a MultiPolygon 4 levels). */
function countPositions(value: unknown, depth = 0): number {
  if (!Array.isArray(value) || depth > 4) return 0;
  if (value.length > 0 && typeof value[0] === 'number') return 1;
  let sum = 0;
  for (const child of value) {
    sum += countPositions(child, depth + 1);
    if (sum > MAX_BOUNDARY_POSITIONS) return sum;
  }
  return sum;
}

/**
 * A boundary from a request body: a Polygon or MultiPolygon, also inside a Feature. More than
 * {@link MAX_BOUNDARY_POSITIONS} positions: 413; coordinates outside WGS84, open rings or other shapes: 422.
 */
export function readBoundary(body: unknown): BoundaryInput {
  let geometry = body;
  if (geometry && typeof geometry === 'object' && (geometry as { type?: unknown }).type === 'Feature') {
    geometry = (geometry as { geometry?: unknown }).geometry;
  }
  const coordinates =
    geometry && typeof geometry === 'object'
      ? (geometry as { coordinates?: unknown }).coordinates
      : undefined;
  if (countPositions(coordinates) > MAX_BOUNDARY_POSITIONS) {
    throw new AppError(
      413,
      'payload_too_large',
      `Die Grenze hat mehr als ${formatGermanInteger(MAX_BOUNDARY_POSITIONS)} Punkte; bitte vereinfachen.`,
      { maxPositions: MAX_BOUNDARY_POSITIONS },
    );
  }
  const result = boundaryInputSchema.safeParse(geometry);
  if (!result.success) throw unusableGeometry(toIssues(result.error));
  return result.data;
}

function toIssues(error: z.ZodError) {
  const messages = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const message =
      issue.code === 'too_big' || issue.code === 'too_small'
        ? issue.path.length >= 4 && issue.path.at(-1) === 0
          ? 'Längengrad muss zwischen -180 und 180 liegen.'
          : issue.path.length >= 4 && issue.path.at(-1) === 1
            ? 'Breitengrad muss zwischen -90 und 90 liegen.'
            : issue.message
        : issue.code === 'invalid_union'
          ? 'Erwartet wird ein GeoJSON-Objekt vom Typ „Polygon“ oder „MultiPolygon“.'
          : issue.message;
    if (!messages.has(path)) messages.set(path, message);
    if (messages.size >= 20) break;
  }
  return [...messages].map(([path, message]) => ({ path, message }));
}

/** The Sozialraum whose boundary contains the point, or null. */
export function containingSozialraum(
  boundaries: readonly Pick<BoundaryRow, 'id' | 'boundary'>[],
  lat: number,
  lon: number,
): string | null {
  for (const { id, boundary } of boundaries) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GeoJSON shape validated on the way in
    if (booleanPointInPolygon([lon, lat], boundary as any)) return id;
  }
  return null;
}

/** Stores a Sozialraum's boundary (admins) and re-assigns the offers whose location it now decides. */
export async function setBoundary(
  context: AppContext,
  bodyId: string,
  id: string,
  boundary: BoundaryInput | null,
) {
  await context.sql.begin(async (tx) => {
    const offers = offerRepository(tx);
    if (!(await offers.setBoundary(bodyId, id, boundary as StoredBoundary | null))) {
      throw notFound('Sozialraum nicht gefunden.');
    }
    await reassignOffers(tx, bodyId, id);
  });
}

async function reassignOffers(tx: Parameters<typeof offerRepository>[0], bodyId: string, changedId: string) {
  const offers = offerRepository(tx);
  const boundaries = await offers.boundaries(bodyId);
  for (const offer of await offers.located(bodyId)) {
    const inside = containingSozialraum(boundaries, offer.lat, offer.lon);
    // Outside every boundary: an offer the changed boundary used to hold has no Sozialraum any more; others
    // keep the one entered.
    const next = inside ?? (offer.sozialraumId === changedId ? null : offer.sozialraumId);
    if (next !== offer.sozialraumId) await offers.assign(bodyId, offer.id, next);
  }
}

/** The boundaries of the Sozialräume the user sees, as a FeatureCollection. */
export async function sozialraumGeometry(
  context: AppContext,
  user: Principal,
): Promise<SozialraumFeatureCollection> {
  const rows = await offerRepository(context.sql).boundaries(user.bodyId, visibleSozialraumIds(user));
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      id: row.id,
      properties: { id: row.id, code: row.code, name: row.name, schematic: row.schematic },
      geometry: row.boundary as SozialraumFeatureCollection['features'][number]['geometry'],
    })),
  };
}

export function offerDto(row: OfferRow): OfferDto {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    category: row.category,
    targetGroups: row.targetGroups,
    address: row.address,
    contact: row.contact,
    openingHours: row.openingHours,
    location: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
    sozialraum:
      row.sozialraumId && row.sozialraumCode !== null && row.sozialraumName !== null
        ? { id: row.sozialraumId, code: row.sozialraumCode, name: row.sozialraumName }
        : null,
    published: row.published,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Whether the user may write offers at all (admins, members with edit somewhere): checked before the body. */
export function mayWriteSomeOffer(user: Principal): boolean {
  return user.role === 'admin' || user.memberships.some((m) => m.access === 'edit');
}

function mayWriteIn(user: Principal, sozialraumId: string | null): boolean {
  if (user.role === 'admin') return true;
  return sozialraumId !== null && accessAllows(sozialraumAccess(user, sozialraumId), 'edit');
}

const noRightInSozialraum = () =>
  forbidden(
    'Angebote dürfen nur Admins und Mitglieder mit Bearbeitungsrecht im Sozialraum des Angebots ändern.',
  );

/** Every offer of the body (signed-in users read the whole inventory). */
export async function listOffers(context: AppContext, user: Principal): Promise<OfferDto[]> {
  return (await offerRepository(context.sql).list(user.bodyId)).map(offerDto);
}

/** An offer the user may change, or 404/403: the check before the body is read. */
export async function loadWritableOffer(context: AppContext, user: Principal, id: string): Promise<OfferRow> {
  const row = await offerRepository(context.sql).findById(user.bodyId, id);
  if (!row) throw notFound('Angebot nicht gefunden.');
  if (!mayWriteIn(user, row.sozialraumId)) throw noRightInSozialraum();
  return row;
}

async function resolveValues(
  tx: Parameters<typeof offerRepository>[0],
  bodyId: string,
  input: OfferInput,
  boundaries: readonly BoundaryRow[],
): Promise<OfferValues> {
  let sozialraumId = input.location
    ? containingSozialraum(boundaries, input.location.lat, input.location.lon)
    : null;
  if (!sozialraumId && input.sozialraumId) {
    if (!(await sozialraumRepository(tx).findById(bodyId, input.sozialraumId))) {
      throw new AppError(422, 'validation_failed', 'Die Eingaben sind ungültig.', {
        issues: [{ path: 'sozialraumId', message: 'Diesen Sozialraum gibt es nicht.' }],
      });
    }
    sozialraumId = input.sozialraumId;
  }
  return {
    name: input.name,
    provider: input.provider,
    category: input.category,
    targetGroups: input.targetGroups,
    address: input.address,
    contact: input.contact,
    openingHours: input.openingHours,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    sozialraumId,
    published: input.published,
  };
}

export async function createOffer(
  context: AppContext,
  user: Principal,
  input: OfferInput,
): Promise<OfferDto> {
  const id = await context.sql.begin(async (tx) => {
    const boundaries = await offerRepository(tx).boundaries(user.bodyId);
    const values = await resolveValues(tx, user.bodyId, input, boundaries);
    if (!mayWriteIn(user, values.sozialraumId)) throw noRightInSozialraum();
    return offerRepository(tx).create(user.bodyId, values);
  });
  return offerDto((await offerRepository(context.sql).findById(user.bodyId, id))!);
}

export async function updateOffer(
  context: AppContext,
  user: Principal,
  id: string,
  patch: UpdateOfferInput,
): Promise<OfferDto> {
  await context.sql.begin(async (tx) => {
    const offers = offerRepository(tx);
    const row = await offers.findById(user.bodyId, id);
    if (!row) throw notFound('Angebot nicht gefunden.');
    if (!mayWriteIn(user, row.sozialraumId)) throw noRightInSozialraum();
    const current: OfferInput = {
      name: row.name,
      provider: row.provider,
      category: row.category,
      targetGroups: row.targetGroups,
      address: row.address,
      contact: row.contact,
      openingHours: row.openingHours,
      location: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
      sozialraumId: row.sozialraumId,
      published: row.published,
    };
    const merged = { ...current, ...patch };
    const values = await resolveValues(tx, user.bodyId, merged, await offers.boundaries(user.bodyId));
    if (!mayWriteIn(user, values.sozialraumId)) throw noRightInSozialraum();
    await offers.update(user.bodyId, id, values);
  });
  return offerDto((await offerRepository(context.sql).findById(user.bodyId, id))!);
}

export async function deleteOffer(context: AppContext, user: Principal, id: string): Promise<void> {
  await loadWritableOffer(context, user, id);
  await offerRepository(context.sql).remove(user.bodyId, id);
}

/** Reads a CSV file of offers; stores them only with `commit` and no issues. */
export async function importOffers(
  context: AppContext,
  user: Principal,
  bytes: Uint8Array,
  commit: boolean,
): Promise<OfferImportDto> {
  const sozialraeume = await sozialraumRepository(context.sql).list(user.bodyId, { includeArchived: true });
  const { offers, issues } = readOfferTable(
    splitCsv(decodeTableText(bytes)),
    sozialraeume.map(({ id, code, name }) => ({ id, code, name })),
  );
  if (offers.length === 0 && issues.length === 0) {
    issues.push({ line: 1, message: 'Die Datei enthält keine Angebote.' });
  }
  const boundaries = await offerRepository(context.sql).boundaries(user.bodyId);
  const nameOf = new Map(sozialraeume.map((s) => [s.id, s.name]));
  const resolved = offers.map(({ line, input }) => {
    const inside = input.location
      ? containingSozialraum(boundaries, input.location.lat, input.location.lon)
      : null;
    const sozialraumId = inside ?? input.sozialraumId;
    if (!mayWriteIn(user, sozialraumId)) {
      issues.push({ line, message: 'Für diesen Sozialraum fehlt Ihnen das Bearbeitungsrecht.' });
    }
    return { line, input, sozialraumId };
  });
  issues.sort((a, b) => a.line - b.line);
  const committed = commit && issues.length === 0;
  if (committed) {
    await context.sql.begin(async (tx) => {
      for (const { input, sozialraumId } of resolved) {
        const values = await resolveValues(tx, user.bodyId, { ...input, sozialraumId }, boundaries);
        await offerRepository(tx).create(user.bodyId, values);
      }
    });
  }
  return {
    committed,
    count: resolved.length,
    rows: resolved.slice(0, 200).map(({ line, input, sozialraumId }) => ({
      line,
      name: input.name,
      category: input.category,
      sozialraum: sozialraumId ? (nameOf.get(sozialraumId) ?? null) : null,
      location: input.location,
    })),
    issues: issues.slice(0, 500),
  };
}

/** The public inventory: published offers of the body and its Sozialräume's boundaries, nothing internal. */
export async function publicOffers(
  context: AppContext,
  bodyId: string | undefined,
): Promise<PublicOffersDto> {
  const bodies = bodyRepository(context.sql);
  const body = bodyId ? await bodies.findById(bodyId) : await bodies.findOnly();
  if (!body) throw notFound(bodyId ? 'Diese Kommune gibt es nicht.' : 'Bitte die Kommune angeben (bodyId).');
  bodyId = body.id;
  const offers = offerRepository(context.sql);
  const rows = await offers.list(bodyId, { publishedOnly: true });
  const boundaries = await offers.boundaries(bodyId);
  return {
    body: { name: body.name },
    offers: rows.map((row): PublicOfferDto => ({
      name: row.name,
      provider: row.provider,
      category: row.category,
      targetGroups: row.targetGroups,
      address: row.address,
      contact: row.contact,
      openingHours: row.openingHours,
      location: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
      sozialraum:
        row.sozialraumCode !== null && row.sozialraumName !== null
          ? { code: row.sozialraumCode, name: row.sozialraumName }
          : null,
    })),
    areas: {
      type: 'FeatureCollection',
      features: boundaries.map((row) => ({
        type: 'Feature',
        properties: { code: row.code, name: row.name, schematic: row.schematic },
        geometry: row.boundary as PublicOffersDto['areas']['features'][number]['geometry'],
      })),
    },
  };
}

export { offerInputSchema };
