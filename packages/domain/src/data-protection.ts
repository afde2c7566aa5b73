import { z } from 'zod';

/** What an erased person's contributions show instead of their name (DSGVO Art. 17). */
export const ERASED_PERSON_NAME = 'Gelöschte Person';

/** `POST /api/users/:id/erase`: the admin types the person's address to confirm. */
export const eraseUserInputSchema = z.object({
  confirmEmail: z
    .string({ message: 'Bitte die E-Mail-Adresse der Person eingeben.' })
    .trim()
    .toLowerCase()
    .min(1, { message: 'Bitte die E-Mail-Adresse der Person eingeben.' })
    .max(254, { message: 'Die E-Mail-Adresse ist zu lang.' }),
});
export type EraseUserInput = z.infer<typeof eraseUserInputSchema>;

const rows = z.array(z.record(z.string(), z.unknown()));

/**
 * `GET /api/users/:id/data-export` (DSGVO Art. 15): everything held about a person, one JSON document. Rows are
 * as stored (times in ISO 8601); no password hash, no session ids or tokens.
 */
export const dataExportDtoSchema = z.object({
  format: z.literal('quartierplan-datenauskunft/1'),
  exportedAt: z.string(),
  body: z.object({ id: z.string(), name: z.string() }),
  account: z.record(z.string(), z.unknown()),
  memberships: rows,
  sessions: rows,
  identities: rows,
  auditEvents: rows,
  measureEvents: rows,
  measuresCreated: rows,
  paperEvents: rows,
  needsAuthored: rows,
  comments: rows,
  commentThreadsOpened: rows,
  mentions: rows,
  notifications: rows,
  documentContributions: z.array(
    z.object({
      documentId: z.string(),
      kind: z.string(),
      sozialraumName: z.string(),
      /** Rows of the update log not yet compacted (compaction drops authorship). */
      updates: z.number(),
      firstAt: z.string().nullable(),
      lastAt: z.string().nullable(),
      /** Suggestions in the live document that carry the person's id. */
      suggestions: z.array(z.object({ kind: z.string(), text: z.string(), at: z.string() })),
    }),
  ),
  documentVersions: rows,
  workshopParticipation: rows,
  workshopsCreated: rows,
  /** Figures the person cited on needs (the citation stays; erasure drops who cited it). */
  needCitations: rows,
  /** Progress reports the person wrote on measures (issue 18; erasure keeps them, the name is read by id). */
  progressReports: rows,
  /** Milestones the person is responsible for (reminded of). */
  milestonesResponsible: rows,
});
export type DataExportDto = z.infer<typeof dataExportDtoSchema>;
