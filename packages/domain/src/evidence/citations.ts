import { z } from 'zod';
import { idSchema } from '../schemas.ts';
import { citationDtoSchema, type CitationDto } from './dto.ts';

// Citations of figures on needs (docs/CONTRACT.md, "Evidence: the contract as built"): the routes' params,
// the paper's view of them, the body's disclosure threshold, and the sentence a citation becomes in a
// Begründung (the same words in the web app and in tests).

/** `/api/documents/:docId/needs/:needId/citations`: need ids are the needs document's own (text). */
export const needCitationParamsSchema = z.object({
  docId: idSchema,
  needId: z
    .string()
    .min(1, { message: 'Ungültige Kennung des Bedarfs.' })
    .max(100, { message: 'Ungültige Kennung des Bedarfs.' }),
});
/** `DELETE /api/documents/:docId/needs/:needId/citations/:id` */
export const needCitationIdParamsSchema = needCitationParamsSchema.extend({ id: idSchema });

/** `GET /api/documents/:docId/citations`: every citation of a needs list, with whether its need is still there. */
export const documentCitationDtoSchema = citationDtoSchema
  .extend({ needTitle: z.string().nullable(), needRemoved: z.boolean() })
  .meta({ id: 'DocumentCitation' });
export type DocumentCitationDto = z.infer<typeof documentCitationDtoSchema>;

/** `GET /api/papers/:id/citations`: the citations of the needs linked to the paper's measures. */
export const paperCitationDtoSchema = citationDtoSchema
  .extend({
    needTitle: z.string(),
    measures: z.array(z.object({ id: z.string(), title: z.string() })),
    /** The indicator's source as it is now ('' when the indicator is gone). */
    source: z.string(),
  })
  .meta({ id: 'PaperCitation' });
export type PaperCitationDto = z.infer<typeof paperCitationDtoSchema>;

/** `GET /api/documents/:docId/citable-figure?indicatorId&sozialraumId&date`: the figure a citation would freeze. */
export const citableFigureQuerySchema = z.object({
  indicatorId: idSchema,
  sozialraumId: idSchema.optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' }),
});
export const citableFigureDtoSchema = z
  .object({ value: z.number().nullable(), suppressed: z.boolean(), exists: z.boolean() })
  .meta({ id: 'CitableFigure' });
export type CitableFigureDto = z.infer<typeof citableFigureDtoSchema>;

export const DISCLOSURE_THRESHOLD_MIN = 2;
export const DISCLOSURE_THRESHOLD_MAX = 20;
/** `GET`/`PUT /api/body/disclosure`: counts below the threshold are never published. */
export const disclosureSettingsSchema = z
  .object({
    threshold: z
      .number({ message: 'Bitte eine ganze Zahl angeben.' })
      .int({ message: 'Bitte eine ganze Zahl angeben.' })
      .min(DISCLOSURE_THRESHOLD_MIN, {
        message: `Die Schwelle muss zwischen ${DISCLOSURE_THRESHOLD_MIN} und ${DISCLOSURE_THRESHOLD_MAX} liegen.`,
      })
      .max(DISCLOSURE_THRESHOLD_MAX, {
        message: `Die Schwelle muss zwischen ${DISCLOSURE_THRESHOLD_MIN} und ${DISCLOSURE_THRESHOLD_MAX} liegen.`,
      }),
  })
  .meta({ id: 'DisclosureSettings' });
export type DisclosureSettings = z.infer<typeof disclosureSettingsSchema>;

/** The explanation shown beside "•". */
export const SUPPRESSED_EXPLANATION = 'Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl)';

/** `2023-12-31` → `31.12.2023`. */
export function germanDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A figure in German notation: `22,0 %`, `1.234`; "•" when suppressed. */
export function formatCitedValue(value: number | null, unit: string, precision?: number): string {
  if (value === null) return '•';
  const digits =
    precision ?? (Number.isInteger(value) ? 0 : Math.min(4, `${value}`.split('.')[1]?.length ?? 0));
  const number = new Intl.NumberFormat('de-DE', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return unit ? `${number} ${unit}` : number;
}

/** "SGB II-Quote 22,0 % · Wehringhausen · Stand 31.12.2023" (the needs list's line). */
export function citationLine(
  c: Pick<CitationDto, 'indicatorName' | 'value' | 'unit' | 'precision' | 'sozialraum' | 'date'>,
) {
  return `${c.indicatorName} ${formatCitedValue(c.value, c.unit, c.precision)} · ${c.sozialraum.name} · Stand ${germanDate(c.date)}`;
}

/**
 * The sentence a citation becomes in a Begründung: "Laut <Indikator> (<Quelle>, Stand <Datum>) beträgt der
 * Wert in <Sozialraum> <Wert> <Einheit>." A suppressed figure says so instead of a value.
 */
export function citationSentence(
  c: Pick<CitationDto, 'indicatorName' | 'value' | 'unit' | 'precision' | 'sozialraum' | 'date'> & {
    source: string;
  },
): string {
  const where = `${c.indicatorName} (${c.source ? `${c.source}, ` : ''}Stand ${germanDate(c.date)})`;
  if (c.value === null)
    return `Laut ${where} wird der Wert in ${c.sozialraum.name} aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl).`;
  return `Laut ${where} beträgt der Wert in ${c.sozialraum.name} ${formatCitedValue(c.value, c.unit, c.precision)}.`;
}
