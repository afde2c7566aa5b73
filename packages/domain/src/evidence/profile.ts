import { z } from 'zod';

/** `GET /api/sozialraeume/:id/profile/export?format=`: the profile as a PDF or Word file. */
export const profileExportQuerySchema = z.object({
  format: z.enum(['pdf', 'docx'], { message: 'Format muss pdf oder docx sein.' }),
});
export type ProfileExportQuery = z.infer<typeof profileExportQuerySchema>;

/** How a suppressed figure shows everywhere (pages, charts' tables, exports). */
export const SUPPRESSED_MARK = '•';
/** The explanation beside every "•". */
export const SUPPRESSED_NOTE = 'Aus Datenschutzgründen nicht ausgewiesen (kleine Fallzahl)';

/**
 * A published figure in German notation with the indicator's decimal places and unit ("1.234", "10,1 %"),
 * "•" when suppressed, "–" when there is none.
 */
export function formatFigure(
  figure: { value: number | null; suppressed: boolean } | null | undefined,
  precision: number,
  unit = '',
  locale = 'de-DE',
): string {
  if (!figure) return '–';
  if (figure.suppressed || figure.value === null) return SUPPRESSED_MARK;
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
  }).format(figure.value);
  return unit ? `${number} ${unit}` : number;
}
