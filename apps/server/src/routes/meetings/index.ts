import {
  UniqueViolationError,
  meetingRepository,
  paperRepository,
  type MeetingRecord,
} from '@quartierplan/db';
import {
  createMeetingInputSchema,
  idParamSchema,
  listMeetingsQuerySchema,
  type MeetingDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import type { Services } from '../../context.ts';

const toDto = ({ bodyId: _bodyId, ...meeting }: MeetingRecord): MeetingDto => meeting;

/** Meetings (Sitzungen) of the body's committees: read by all, maintained by admins and clerks. */
export function meetingRoutes(services: Services) {
  const repo = meetingRepository(services.sql);
  return new Hono<AppEnv>()
    .get('/', query(listMeetingsQuerySchema), async (c) =>
      c.json((await repo.list(c.get('user').bodyId, c.req.valid('query'))).map(toDto)),
    )
    .post('/', requireRole('admin', 'clerk'), jsonBody(createMeetingInputSchema), async (c) => {
      const bodyId = c.get('user').bodyId;
      const input = c.req.valid('json');
      const [committee] = await paperRepository(services.sql).existingCommitteeIds(bodyId, [
        input.committeeId,
      ]);
      if (!committee)
        throw validationFailed([{ path: 'committeeId', message: 'Dieses Gremium gibt es nicht.' }]);
      try {
        const meeting = await repo.create(bodyId, {
          committeeId: input.committeeId,
          date: input.date,
          startTime: input.startTime ?? null,
          location: input.location,
        });
        return c.json(toDto(meeting), 201);
      } catch (error) {
        if (error instanceof UniqueViolationError) {
          throw validationFailed([{ path: 'date', message: 'Dieses Gremium tagt an diesem Tag bereits.' }]);
        }
        throw error;
      }
    })
    .delete('/:id', requireRole('admin', 'clerk'), params(idParamSchema), async (c) => {
      const outcome = await repo.delete(c.get('user').bodyId, c.req.valid('param').id);
      if (outcome === 'not_found') throw notFound('Sitzung nicht gefunden.');
      if (outcome === 'in_use') {
        throw conflict(
          'Die Sitzung steht in der Beratungsfolge einer Vorlage und kann nicht gelöscht werden.',
        );
      }
      return c.body(null, 204);
    });
}
