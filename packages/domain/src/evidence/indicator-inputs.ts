import { z } from 'zod';
import { isoDateSchema } from '../measures/schemas.ts';
import { INDICATOR_KINDS } from './dto.ts';
import { parseGermanDate } from './import.ts';

/** `GET /api/indicators/:id/values?date=`: without a date, the latest that has values. */
export const indicatorValuesQuerySchema = z.object({ date: isoDateSchema.optional() });

/** `POST /api/indicators/import?commit=true` stores; anything else only previews. */
export const indicatorImportQuerySchema = z.object({
  commit: z.enum(['true', 'false'], { message: 'commit ist true oder false.' }).optional(),
});

/**
 * The form fields of `POST /api/indicators/import` (multipart, beside `file`): the reference date for a table
 * without a date column (`30.04.2023` or ISO), a prefix for the indicator names, kind and unit of new indicators.
 */
export const indicatorImportFormSchema = z.object({
  date: z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      const date = parseGermanDate(text);
      if (!date) ctx.addIssue({ code: 'custom', message: 'Bitte ein Datum wie 30.04.2023 angeben.' });
      return date ?? undefined;
    }),
  namePrefix: z
    .string()
    .max(100, { message: 'Das Namenspräfix darf höchstens 100 Zeichen lang sein.' })
    .optional()
    .transform((text) => (text ? text : undefined)),
  kind: z.enum(INDICATOR_KINDS, { message: 'Art muss count, rate, share oder mean sein.' }).default('count'),
  unit: z
    .string()
    .trim()
    .max(40, { message: 'Die Einheit darf höchstens 40 Zeichen lang sein.' })
    .default(''),
});
export type IndicatorImportForm = z.infer<typeof indicatorImportFormSchema>;

/** `POST /api/indicators/:id/values`: how many values were new, replaced, or already stored as given. */
export const indicatorValuesUpsertDtoSchema = z
  .object({ added: z.number(), changed: z.number(), unchanged: z.number() })
  .meta({ id: 'IndicatorValuesUpsert' });
export type IndicatorValuesUpsertDto = z.infer<typeof indicatorValuesUpsertDtoSchema>;
