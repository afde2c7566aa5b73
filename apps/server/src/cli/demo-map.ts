import { offerRepository, type Queryable } from '@quartierplan/db';
import { containingSozialraum } from '../services/offers.ts';

/**
 * Schematic boundaries of the five demo Sozialräume (rough boxes where they lie in Hagen, not surveyed), flagged
 * so the map says "Schematische Grenzen (Demo)", and a handful of offers inside them.
 */
const box = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [(west + east) / 2, north + 0.002],
      [west, north],
      [west, south],
    ],
  ],
});

const BOUNDARIES: Record<string, ReturnType<typeof box>> = {
  '753': box(7.395, 51.335, 7.44, 51.365),
  '712': box(7.44, 51.345, 7.465, 51.365),
  '716': box(7.465, 51.348, 7.495, 51.365),
  '713': box(7.44, 51.367, 7.495, 51.385),
  '741': box(7.465, 51.32, 7.515, 51.346),
};

const OFFERS = [
  {
    name: 'Jugendzentrum Wehringhausen',
    provider: 'Stadt Hagen',
    category: 'Jugend',
    targetGroups: ['Jugendliche'],
    address: 'Lange Straße 1',
    lat: 51.355,
    lon: 7.452,
    published: true,
  },
  {
    name: 'Familienzentrum Altenhagen',
    provider: 'AWO',
    category: 'Familie',
    targetGroups: ['Eltern', 'Kinder'],
    address: 'Altenhagener Straße 10',
    lat: 51.375,
    lon: 7.47,
    published: true,
  },
  {
    name: 'Sprachcafé Zentrum',
    provider: 'Caritas',
    category: 'Integration',
    targetGroups: ['Zugewanderte'],
    address: 'Mittelstraße 5',
    lat: 51.357,
    lon: 7.478,
    published: true,
  },
  {
    name: 'Seniorentreff Eilpe',
    provider: 'Diakonie',
    category: 'Senioren',
    targetGroups: ['Ältere Menschen'],
    address: 'Eilper Straße 30',
    lat: 51.335,
    lon: 7.49,
    published: true,
  },
  {
    name: 'Schuldnerberatung Haspe',
    provider: 'Verbraucherzentrale',
    category: 'Beratung',
    targetGroups: ['Erwachsene'],
    address: 'Kölner Straße 2',
    lat: 51.35,
    lon: 7.415,
    published: true,
  },
  {
    name: 'Quartiersbüro Wehringhausen (intern)',
    provider: 'Stadt Hagen',
    category: 'Beratung',
    targetGroups: ['Alle'],
    address: 'Wehringhauser Straße 40',
    lat: 51.352,
    lon: 7.46,
    published: false,
  },
];

export async function seedDemoMap(
  tx: Queryable,
  bodyId: string,
  ids: ReadonlyMap<string, string>,
): Promise<number> {
  const offers = offerRepository(tx);
  for (const [code, boundary] of Object.entries(BOUNDARIES)) {
    const id = ids.get(code);
    if (id) await offers.setBoundary(bodyId, id, boundary, true);
  }
  const boundaries = await offers.boundaries(bodyId);
  for (const offer of OFFERS) {
    await offers.create(bodyId, {
      name: offer.name,
      provider: offer.provider,
      category: offer.category,
      targetGroups: offer.targetGroups,
      address: offer.address,
      contact: '',
      openingHours: 'Mo–Fr 10–16 Uhr',
      lat: offer.lat,
      lon: offer.lon,
      sozialraumId: containingSozialraum(boundaries, offer.lat, offer.lon),
      published: offer.published,
    });
  }
  return OFFERS.length;
}
