import { z } from 'zod';
import { idSchema, type CommitteeKind } from '../schemas.ts';
import { paperDateSchema } from './schemas.ts';

/** A meeting (Sitzung) of a committee. */
export interface MeetingDto {
  id: string;
  committee: { id: string; name: string; kind: CommitteeKind };
  date: string;
  startTime: string | null;
  location: string;
  /** How many Beratungsfolge lines point at it (a used meeting cannot be deleted). */
  consultationCount: number;
}

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
