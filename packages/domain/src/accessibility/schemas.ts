import { z } from 'zod';
import { formatGermanInteger } from '../german-number.ts';

/** Longest statement an admin may save (characters). */
export const ACCESSIBILITY_STATEMENT_MAX = 50_000;
export const FEEDBACK_MESSAGE_MAX = 5_000;
export const FEEDBACK_NAME_MAX = 200;
export const FEEDBACK_EMAIL_MAX = 254;
export const FEEDBACK_PAGE_MAX = 500;

/** `GET /api/accessibility`: the Erklärung zur Barrierefreiheit (BITV 2.0 § 7). */
export const accessibilityStatementDtoSchema = z.object({
  /** Plain text with simple markdown (headings, lists, links, bold), rendered without raw HTML. */
  statement: z.string(),
  /** When an admin last saved it; null while the installation shows the unedited template. */
  updatedAt: z.string().nullable(),
});
export type AccessibilityStatementDto = z.infer<typeof accessibilityStatementDtoSchema>;

/** `PUT /api/accessibility` (admin). */
export const updateAccessibilityStatementInputSchema = z.object({
  statement: z
    .string({ message: 'Bitte die Erklärung als Text angeben.' })
    .trim()
    .min(1, { message: 'Die Erklärung darf nicht leer sein.' })
    .max(ACCESSIBILITY_STATEMENT_MAX, {
      message: `Die Erklärung darf höchstens ${formatGermanInteger(ACCESSIBILITY_STATEMENT_MAX)} Zeichen lang sein.`,
    }),
});
export type UpdateAccessibilityStatementInput = z.infer<typeof updateAccessibilityStatementInputSchema>;

/** An optional text field: empty or only spaces means "not given". */
const optionalText = (max: number, tooLong: string) =>
  z
    .string({ message: 'Bitte als Text angeben.' })
    .trim()
    .max(max, { message: tooLong })
    .optional()
    .transform((value) => (value ? value : undefined));

/** `POST /api/accessibility/feedback` (anyone): a barrier someone met, and how to answer them if they wish. */
export const accessibilityFeedbackInputSchema = z.object({
  message: z
    .string({ message: 'Bitte beschreiben Sie, was Ihnen aufgefallen ist.' })
    .trim()
    .min(1, { message: 'Bitte beschreiben Sie, was Ihnen aufgefallen ist.' })
    .max(FEEDBACK_MESSAGE_MAX, {
      message: `Die Nachricht darf höchstens ${formatGermanInteger(FEEDBACK_MESSAGE_MAX)} Zeichen lang sein.`,
    }),
  name: optionalText(FEEDBACK_NAME_MAX, `Der Name darf höchstens ${FEEDBACK_NAME_MAX} Zeichen lang sein.`),
  email: z
    .string({ message: 'Bitte die E-Mail-Adresse als Text angeben.' })
    .trim()
    .max(FEEDBACK_EMAIL_MAX, { message: 'Die E-Mail-Adresse ist zu lang.' })
    .refine((value) => value === '' || z.email().safeParse(value).success, {
      message: 'Bitte eine gültige E-Mail-Adresse angeben (oder das Feld leer lassen).',
    })
    .optional()
    .transform((value) => (value ? value.toLowerCase() : undefined)),
  /** The page the person came from (a path of this site, e.g. `/massnahmen`). */
  page: optionalText(
    FEEDBACK_PAGE_MAX,
    `Die Seitenangabe darf höchstens ${FEEDBACK_PAGE_MAX} Zeichen lang sein.`,
  ),
});
export type AccessibilityFeedbackInput = z.input<typeof accessibilityFeedbackInputSchema>;

/** Items of `GET /api/accessibility/feedback` (admin), newest first. */
export const accessibilityFeedbackDtoSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  message: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  page: z.string().nullable(),
});
export type AccessibilityFeedbackDto = z.infer<typeof accessibilityFeedbackDtoSchema>;

/** `POST /api/accessibility/feedback` → 201. */
export const accessibilityFeedbackCreatedDtoSchema = z.object({ id: z.string() });
export type AccessibilityFeedbackCreatedDto = z.infer<typeof accessibilityFeedbackCreatedDtoSchema>;

/** Feedback is deleted after this many days at the latest (admins delete it earlier once it is dealt with). */
export const FEEDBACK_RETENTION_DAYS = 365;
