import { UniqueViolationError, meetingRepository, paperRepository } from '@quartierplan/db';
import type { CreateMeetingInput, Meeting } from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';

/** The meetings of the body's committees, optionally of one committee and from a date on. */
export function listMeetings(
  { sql }: AppContext,
  bodyId: string,
  filter: { committeeId?: string | undefined; from?: string | undefined },
): Promise<Meeting[]> {
  return meetingRepository(sql).list(bodyId, filter);
}

/** Schedules a meeting of a committee of the body; a committee meets at most once a day. */
export async function createMeeting(
  { sql }: AppContext,
  bodyId: string,
  input: CreateMeetingInput,
): Promise<Meeting> {
  const [committee] = await paperRepository(sql).existingCommitteeIds(bodyId, [input.committeeId]);
  if (!committee) throw validationFailed([{ path: 'committeeId', message: 'Dieses Gremium gibt es nicht.' }]);
  try {
    return await meetingRepository(sql).create(bodyId, {
      committeeId: input.committeeId,
      date: input.date,
      startTime: input.startTime ?? null,
      location: input.location,
    });
  } catch (error) {
    if (error instanceof UniqueViolationError) {
      throw validationFailed([{ path: 'date', message: 'Dieses Gremium tagt an diesem Tag bereits.' }]);
    }
    throw error;
  }
}

/** Deletes a meeting no paper's Beratungsfolge refers to. */
export async function deleteMeeting({ sql }: AppContext, bodyId: string, id: string): Promise<void> {
  const outcome = await meetingRepository(sql).delete(bodyId, id);
  if (outcome === 'not_found') throw notFound('Sitzung nicht gefunden.');
  if (outcome === 'in_use') {
    throw conflict('Die Sitzung steht in der Beratungsfolge einer Vorlage und kann nicht gelöscht werden.');
  }
}
