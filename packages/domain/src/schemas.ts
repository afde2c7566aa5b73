import { z } from 'zod';
import { ACCESS_LEVELS, ROLES } from './roles.ts';

// German validation messages for everything zod reports without a message of ours.
z.config(z.locales.de());

/** Passwords: at least 12 characters (OWASP ASVS), long passphrases welcome; the cap only bounds hashing work. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

export const idSchema = z.uuid({ message: 'Ungültige Kennung.' });
export const idParamSchema = z.object({ id: idSchema });

/** `/api/documents/:docId…` */
export const documentParamsSchema = z.object({ docId: idSchema });
/** `/api/documents/:docId/versions/:versionId…` */
export const documentVersionParamsSchema = z.object({ docId: idSchema, versionId: idSchema });
/** `POST /api/documents/:docId/versions`: a named version. */
export const createDocumentVersionInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Bitte einen Namen angeben.' })
    .max(200, { message: 'Höchstens 200 Zeichen.' }),
});

/** A page of an OParl list (`?page=2&limit=50`). */
export const oparlPageQuerySchema = z.object({
  page: z.coerce
    .number({ message: 'Seite muss eine Zahl sein.' })
    .int()
    .min(1, { message: 'Seiten beginnen bei 1.' })
    .default(1),
  limit: z.coerce
    .number({ message: 'limit muss eine Zahl sein.' })
    .int()
    .min(1, { message: 'limit muss mindestens 1 sein.' })
    .max(100, { message: 'limit darf höchstens 100 sein.' })
    .default(20),
});
/** `/api/oparl/v1.1/bodies/:bodyId…` */
export const oparlBodyParamsSchema = z.object({ bodyId: idSchema });
/** An OParl meeting: a meeting's UUID or `<committeeId>-<date>` for a day without a stored meeting. */
export const oparlMeetingParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}(-\d{4}-\d{2}-\d{2})?$/i),
});

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: 'Die E-Mail-Adresse ist zu lang.' })
  .pipe(z.email({ message: 'Bitte eine gültige E-Mail-Adresse angeben.' }));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, {
    message: `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`,
  })
  .max(PASSWORD_MAX_LENGTH, {
    message: `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`,
  });

const nameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Bitte einen Namen angeben.' })
  .max(200, { message: 'Der Name darf höchstens 200 Zeichen lang sein.' });

export const roleSchema = z.enum(ROLES, { message: 'Unbekannte Rolle.' });
export const accessSchema = z.enum(ACCESS_LEVELS, {
  message: 'Zugriff muss „edit“, „comment“ oder „view“ sein.',
});

export const loginInputSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, { message: 'Bitte die E-Mail-Adresse angeben.' }).max(254),
  // Any length is checked against the hash; only the upper bound protects the hasher.
  password: z.string().min(1, { message: 'Bitte das Passwort angeben.' }).max(PASSWORD_MAX_LENGTH),
  /** Which body, when the address has an account with this password in several (the answer was 409 `choose_body`). */
  bodyId: idSchema.optional(),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** `details` of a 409 `choose_body` login answer: the bodies whose account took the password. */
export interface ChooseBodyDetails {
  bodies: { id: string; name: string }[];
}

export const membershipSchema = z.object({ sozialraumId: idSchema, access: accessSchema });

const membershipsSchema = z
  .array(membershipSchema)
  .max(500)
  .refine((list) => new Set(list.map((m) => m.sozialraumId)).size === list.length, {
    message: 'Jeder Sozialraum darf nur einmal vorkommen.',
  });

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  role: roleSchema,
  memberships: membershipsSchema.default([]),
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const updateUserInputSchema = z
  .object({ name: nameSchema, role: roleSchema, active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Keine Änderung angegeben.' });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const setMembershipsInputSchema = z.object({ memberships: membershipsSchema });
export type SetMembershipsInput = z.infer<typeof setMembershipsInputSchema>;

export const resetPasswordInputSchema = z.object({ password: passwordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordInputSchema>;

export const changeOwnPasswordInputSchema = z.object({
  currentPassword: z
    .string()
    .min(1, { message: 'Bitte das bisherige Passwort angeben.' })
    .max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordInputSchema>;

const sozialraumCodeSchema = z
  .string()
  .trim()
  .min(1, { message: 'Bitte ein Kürzel angeben.' })
  .max(20, { message: 'Das Kürzel darf höchstens 20 Zeichen lang sein.' })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, {
    message: 'Das Kürzel darf nur Buchstaben, Ziffern, Punkt, Unter- und Bindestrich enthalten.',
  });

const stadtbezirkSchema = z
  .string()
  .trim()
  .max(200, { message: 'Der Stadtbezirk darf höchstens 200 Zeichen lang sein.' });

export const createSozialraumInputSchema = z.object({
  code: sozialraumCodeSchema,
  name: nameSchema,
  stadtbezirk: stadtbezirkSchema.default(''),
});
export type CreateSozialraumInput = z.infer<typeof createSozialraumInputSchema>;

export const updateSozialraumInputSchema = z
  .object({
    code: sozialraumCodeSchema,
    name: nameSchema,
    stadtbezirk: stadtbezirkSchema,
    archived: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Keine Änderung angegeben.' });
export type UpdateSozialraumInput = z.infer<typeof updateSozialraumInputSchema>;

export const listSozialraeumeQuerySchema = z.object({
  includeArchived: z.enum(['true', 'false']).optional(),
});

export const COMMITTEE_KINDS = ['council', 'committee', 'district', 'advisory'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const createCommitteeInputSchema = z.object({
  name: nameSchema,
  kind: z.enum(COMMITTEE_KINDS, { message: 'Art muss council, committee, district oder advisory sein.' }),
});
export type CreateCommitteeInput = z.infer<typeof createCommitteeInputSchema>;

/**
 * The PATCH form of a create schema: every field optional, and defaults dropped. zod's own `.partial()` keeps
 * them (zod 4 applies a default inside an optional), so a patch naming one field would reset the others.
 */
export function patchSchema<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  ) as unknown as {
    [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]>;
  };
  return z.object(shape);
}
