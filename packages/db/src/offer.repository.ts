import type { Queryable } from './connection.ts';

/** A GeoJSON Polygon or MultiPolygon as stored in `sozialraum.boundary`. */
export interface StoredBoundary {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface BoundaryRow {
  id: string;
  code: string;
  name: string;
  boundary: StoredBoundary;
  schematic: boolean;
}

export interface OfferRow {
  id: string;
  bodyId: string;
  name: string;
  provider: string;
  category: string;
  targetGroups: string[];
  address: string;
  contact: string;
  openingHours: string;
  lat: number | null;
  lon: number | null;
  sozialraumId: string | null;
  sozialraumCode: string | null;
  sozialraumName: string | null;
  published: boolean;
  updatedAt: Date;
}

export interface OfferValues {
  name: string;
  provider: string;
  category: string;
  targetGroups: string[];
  address: string;
  contact: string;
  openingHours: string;
  lat: number | null;
  lon: number | null;
  sozialraumId: string | null;
  published: boolean;
}

const selectOffer = (sql: Queryable) => sql`
  select o.id, o.body_id, o.name, o.provider, o.category, o.target_groups, o.address, o.contact,
         o.opening_hours, o.lat, o.lon, o.sozialraum_id, s.code as sozialraum_code, s.name as sozialraum_name,
         o.published, o.updated_at
  from offer o left join sozialraum s on s.id = o.sozialraum_id`;

/** Boundaries of the Sozialräume and the inventory of offers (Bestandserhebung). */
export function offerRepository(sql: Queryable) {
  const json = (value: unknown) => sql.json(value as Parameters<Queryable['json']>[0]);
  return {
    async setBoundary(bodyId: string, id: string, boundary: StoredBoundary | null, schematic = false) {
      const rows = await sql`
        update sozialraum set boundary = ${boundary ? json(boundary) : null}, boundary_schematic = ${schematic}
        where id = ${id} and body_id = ${bodyId} returning id`;
      return rows.length > 0;
    },

    /** The boundaries of the body's Sozialräume (only `onlyIds` when given), archived ones left out. */
    async boundaries(bodyId: string, onlyIds?: readonly string[]): Promise<BoundaryRow[]> {
      return sql<BoundaryRow[]>`
        select id, code, name, boundary, boundary_schematic as schematic from sozialraum
        where body_id = ${bodyId} and boundary is not null and archived_at is null
          ${onlyIds ? sql`and id = any(${onlyIds as string[]}::uuid[])` : sql``}
        order by code`;
    },

    async list(bodyId: string, options: { publishedOnly?: boolean } = {}): Promise<OfferRow[]> {
      return sql<OfferRow[]>`${selectOffer(sql)}
        where o.body_id = ${bodyId} ${options.publishedOnly ? sql`and o.published` : sql``}
        order by o.name, o.id`;
    },

    async findById(bodyId: string, id: string): Promise<OfferRow | null> {
      const [row] = await sql<OfferRow[]>`${selectOffer(sql)} where o.id = ${id} and o.body_id = ${bodyId}`;
      return row ?? null;
    },

    async create(bodyId: string, values: OfferValues): Promise<string> {
      const [row] = await sql<{ id: string }[]>`
        insert into offer (body_id, name, provider, category, target_groups, address, contact, opening_hours,
                           lat, lon, sozialraum_id, published)
        values (${bodyId}, ${values.name}, ${values.provider}, ${values.category}, ${json(values.targetGroups)},
                ${values.address}, ${values.contact}, ${values.openingHours}, ${values.lat}, ${values.lon},
                ${values.sozialraumId}, ${values.published})
        returning id`;
      return row!.id;
    },

    async update(bodyId: string, id: string, values: OfferValues): Promise<boolean> {
      const rows = await sql`
        update offer set name = ${values.name}, provider = ${values.provider}, category = ${values.category},
          target_groups = ${json(values.targetGroups)}, address = ${values.address}, contact = ${values.contact},
          opening_hours = ${values.openingHours}, lat = ${values.lat}, lon = ${values.lon},
          sozialraum_id = ${values.sozialraumId}, published = ${values.published}, updated_at = now()
        where id = ${id} and body_id = ${bodyId} returning id`;
      return rows.length > 0;
    },

    async remove(bodyId: string, id: string): Promise<boolean> {
      const rows = await sql`delete from offer where id = ${id} and body_id = ${bodyId} returning id`;
      return rows.length > 0;
    },

    /** Offers with a location (for re-assignment when a boundary changes). */
    async located(
      bodyId: string,
    ): Promise<{ id: string; lat: number; lon: number; sozialraumId: string | null }[]> {
      return sql`
        select id, lat, lon, sozialraum_id from offer where body_id = ${bodyId} and lat is not null`;
    },

    async assign(bodyId: string, id: string, sozialraumId: string | null): Promise<void> {
      await sql`update offer set sozialraum_id = ${sozialraumId}, updated_at = now()
        where id = ${id} and body_id = ${bodyId}`;
    },
  };
}
