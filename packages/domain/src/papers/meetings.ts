import { z } from 'zod';
import { COMMITTEE_KINDS, idSchema } from '../schemas.ts';
import { paperDateSchema } from './schemas.ts';

/** A meeting (Sitzung) of a committee. */
export const meetingDtoSchema = z
  .object({
    id: z.string(),
    committee: z.object({ id: z.string(), name: z.string(), kind: z.enum(COMMITTEE_KINDS) }),
    date: z.string(),
    startTime: z.string().nullable(),
    location: z.string(),
    /** How many Beratungsfolge lines point at it (a used meeting cannot be deleted). */
    consultationCount: z.number(),
  })
  .meta({ id: 'Meeting' });
export type MeetingDto = z.infer<typeof meetingDtoSchema>;

/** A meeting as stored: the DTO and the body it belongs to. */
export interface Meeting extends MeetingDto {
  bodyId: string;
}

/** `POST /api/meetings`. */
export const createMeetingInputSchema = z.object({
  committeeId: idSchema,
  date: paperDateSchema,
  startTime: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'Bitte eine Uhrzeit im Format HH:MM angeben.' })
    .optional(),
  location: z.string().trim().max(300, { message: 'Höchstens 300 Zeichen.' }).default(''),
});
export type CreateMeetingInput = z.infer<typeof createMeetingInputSchema>;

/** `GET /api/meetings` filters. */
export const listMeetingsQuerySchema = z.object({
  committeeId: idSchema.optional(),
  from: paperDateSchema.optional(),
});
