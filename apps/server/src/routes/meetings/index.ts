import {
  createMeetingInputSchema,
  idParamSchema,
  listMeetingsQuerySchema,
  type MeetingDto,
  type Meeting,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import { createMeeting, deleteMeeting, listMeetings } from '../../services/meetings.ts';

const toDto = ({ bodyId: _bodyId, ...meeting }: Meeting): MeetingDto => meeting;

/** Meetings (Sitzungen) of the body's committees: read by all, maintained by admins and clerks. */
export function meetingRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', query(listMeetingsQuerySchema), async (c) =>
      c.json((await listMeetings(context, c.get('user').bodyId, c.req.valid('query'))).map(toDto)),
    )
    .post('/', requireRole('admin', 'clerk'), jsonBody(createMeetingInputSchema), async (c) => {
      const meeting = await createMeeting(context, c.get('user').bodyId, c.req.valid('json'));
      return c.json(toDto(meeting), 201);
    })
    .delete('/:id', requireRole('admin', 'clerk'), params(idParamSchema), async (c) => {
      await deleteMeeting(context, c.get('user').bodyId, c.req.valid('param').id);
      return c.body(null, 204);
    });
}
