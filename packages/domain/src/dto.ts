import { z } from 'zod';
import { COMMITTEE_KINDS } from './schemas.ts';
import { ACCESS_LEVELS, ROLES } from './roles.ts';

// Response DTOs are zod schemas so the OpenAPI document is generated from them and API tests can
// check every answer against them; each TypeScript DTO type is inferred from its schema. Response
// schemas describe what the server sends (plain strings for ids and timestamps), they do not
// validate input.

const roleDtoSchema = z.enum(ROLES);
const accessDtoSchema = z.enum(ACCESS_LEVELS);
const membershipDtoSchema = z.object({ sozialraumId: z.string(), access: accessDtoSchema });

/** `POST /api/auth/login`: who logged in (the session is in the cookie). */
export const loginResponseDtoSchema = z
  .object({ id: z.string(), name: z.string(), role: roleDtoSchema })
  .meta({ id: 'LoginResponse' });
export type LoginResponseDto = z.infer<typeof loginResponseDtoSchema>;

/** `GET /api/me` */
export const meDtoSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleDtoSchema,
    body: z.object({ id: z.string(), name: z.string() }),
    memberships: z.array(membershipDtoSchema),
  })
  .meta({ id: 'Me' });
export type MeDto = z.infer<typeof meDtoSchema>;

/** A user as administrators see them. */
export const userDtoSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleDtoSchema,
    active: z.boolean(),
    createdAt: z.string(),
    memberships: z.array(membershipDtoSchema),
  })
  .meta({ id: 'User' });
export type UserDto = z.infer<typeof userDtoSchema>;

/** The two kinds of collaborative document: a Sozialraum's action plan and its needs list. */
export const documentKindSchema = z.enum(['action_plan', 'needs']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** Export formats by document kind: the action plan as a document, the needs list also as a table. */
export const DOCUMENT_EXPORT_FORMATS = {
  action_plan: ['docx', 'pdf'],
  needs: ['csv', 'xlsx', 'pdf'],
} as const satisfies Record<DocumentKind, readonly string[]>;

/** `GET /api/documents/:docId/export`; `markup=true` asks for comments and tracked changes (DOCX only). */
export const documentExportQuerySchema = z.object({
  format: z.enum(['docx', 'pdf', 'csv', 'xlsx'], { message: 'Format muss docx, pdf, csv oder xlsx sein.' }),
  markup: z
    .enum(['true', 'false'], { message: 'markup muss true oder false sein.' })
    .optional()
    .transform((value) => value === 'true'),
});
export type DocumentExportQuery = z.infer<typeof documentExportQuerySchema>;

/** The two collaborative documents every Sozialraum owns. */
export const sozialraumDocumentsDtoSchema = z.object({ actionPlan: z.string(), needs: z.string() });
export type SozialraumDocumentsDto = z.infer<typeof sozialraumDocumentsDtoSchema>;

/** `GET /api/sozialraeume` items; `access` is what the requesting user may do. */
export const sozialraumDtoSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    stadtbezirk: z.string(),
    archived: z.boolean(),
    access: accessDtoSchema,
    documents: sozialraumDocumentsDtoSchema,
  })
  .meta({ id: 'Sozialraum' });
export type SozialraumDto = z.infer<typeof sozialraumDtoSchema>;

/** A need as the needs table holds it: projected from the needs document, votes summed. */
export const projectedNeedSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  targetGroup: z.string(),
  source: z.string(),
  priority: z.string(),
  status: z.string(),
  votes: z.number(),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type ProjectedNeed = z.infer<typeof projectedNeedSchema>;

/** `GET /api/sozialraeume/:id/needs` items: the needs list as rows, with the measures linking each. */
export const sozialraumNeedDtoSchema = projectedNeedSchema
  .omit({ createdBy: true, createdAt: true })
  .extend({ measureIds: z.array(z.string()) })
  .meta({ id: 'SozialraumNeed' });
export type SozialraumNeedDto = z.infer<typeof sozialraumNeedDtoSchema>;

/** A committee (Gremium) of the body. */
export const committeeSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(COMMITTEE_KINDS) });
export type Committee = z.infer<typeof committeeSchema>;
/** `GET /api/committees`: committees as stored. */
export const committeeDtoSchema = committeeSchema.meta({ id: 'Committee' });
export type CommitteeDto = z.infer<typeof committeeDtoSchema>;

const authorDtoSchema = z.object({ id: z.string(), name: z.string().nullable() }).nullable();

/** A named version of a collaborative document (`/api/documents/:docId/versions`). */
export const documentVersionDtoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    author: authorDtoSchema,
    createdAt: z.string(),
    /** Stored by the server before a restore ("Stand vor Wiederherstellung durch …"), not named by a person. */
    automatic: z.boolean(),
    /** For an automatic version: the version whose restore it preceded. */
    restoredFrom: z.string().nullable(),
  })
  .meta({ id: 'DocumentVersion' });
export type DocumentVersionDto = z.infer<typeof documentVersionDtoSchema>;

/** One version with its content: the Yjs state (base64) and, for convenience, its plain text. */
export const documentVersionContentDtoSchema = documentVersionDtoSchema
  .extend({ kind: documentKindSchema, state: z.string() })
  .meta({ id: 'DocumentVersionContent' });
export type DocumentVersionContentDto = z.infer<typeof documentVersionContentDtoSchema>;

/** `POST …/versions/:versionId/restore`: the version restored and the automatic one of the state before it. */
export const documentRestoreDtoSchema = z
  .object({ restored: documentVersionDtoSchema, automatic: documentVersionDtoSchema })
  .meta({ id: 'DocumentRestore' });
export type DocumentRestoreDto = z.infer<typeof documentRestoreDtoSchema>;

/** `GET /api/health`: ready (the database is reachable and migrated). */
export const healthDtoSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export type HealthDto = z.infer<typeof healthDtoSchema>;

/** A collaborative document and its last stored change (`GET /api/documents/:docId`). */
export const documentDtoSchema = z
  .object({
    id: z.string(),
    kind: documentKindSchema,
    lastChange: z.object({ at: z.string(), author: authorDtoSchema }).nullable(),
  })
  .meta({ id: 'Document' });
export type DocumentDto = z.infer<typeof documentDtoSchema>;
