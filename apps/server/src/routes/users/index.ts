import type { UserWithMemberships } from '@quartierplan/db';
import {
  createUserInputSchema,
  eraseUserInputSchema,
  idParamSchema,
  resetPasswordInputSchema,
  setMembershipsInputSchema,
  updateUserInputSchema,
  type UserDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, params } from '../../http/validate.ts';
import {
  createUser,
  endSessions,
  listUsers,
  loadUser,
  resetPassword,
  setMemberships,
  updateUser,
} from '../../services/users.ts';
import type { LiveDocuments } from '../../services/live-documents.ts';
import { dataExportFileName, eraseUser, exportPersonalData } from '../../services/personal-data.ts';

function toUserDto(user: UserWithMemberships): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    memberships: user.memberships,
  };
}

/** User administration within the admin's own body. Mounted behind `requireRole('admin')`. */
export function userRoutes(context: AppContext, documents: LiveDocuments) {
  return (
    new Hono<AppEnv>()
      .get('/', async (c) => c.json((await listUsers(context, c.get('user').bodyId)).map(toUserDto)))

      .post('/', jsonBody(createUserInputSchema), async (c) => {
        const created = await createUser(context, c.get('user'), c.req.valid('json'));
        c.get('log').info(
          { event: 'user_created', targetUserId: created.id, role: created.role },
          'user created',
        );
        return c.json({ id: created.id } satisfies Pick<UserDto, 'id'>, 201);
      })

      .get('/:id', params(idParamSchema), async (c) =>
        c.json(toUserDto(await loadUser(context.sql, c.get('user').bodyId, c.req.valid('param').id))),
      )

      .patch('/:id', params(idParamSchema), jsonBody(updateUserInputSchema), async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const updated = await updateUser(context, c.get('user'), id, patch);
        c.get('log').info(
          { event: 'user_updated', targetUserId: id, fields: Object.keys(patch) },
          'user updated',
        );
        return c.json(toUserDto(updated));
      })

      .put('/:id/memberships', params(idParamSchema), jsonBody(setMembershipsInputSchema), async (c) => {
        const { memberships } = c.req.valid('json');
        return c.json(
          toUserDto(await setMemberships(context, c.get('user'), c.req.valid('param').id, memberships)),
        );
      })

      .post('/:id/password', params(idParamSchema), jsonBody(resetPasswordInputSchema), async (c) => {
        const { id } = c.req.valid('param');
        await resetPassword(context, c.get('user'), id, c.req.valid('json').password);
        c.get('log').info({ event: 'password_reset', targetUserId: id }, 'password reset by admin');
        return c.body(null, 204);
      })

      .delete('/:id/sessions', params(idParamSchema), async (c) => {
        const { id } = c.req.valid('param');
        const ended = await endSessions(context, c.get('user').bodyId, id);
        c.get('log').info({ event: 'sessions_ended', targetUserId: id, ended }, 'sessions ended by admin');
        return c.body(null, 204);
      })

      // DSGVO Art. 15: everything held about the person, as a download.
      .get('/:id/data-export', params(idParamSchema), async (c) => {
        const { id } = c.req.valid('param');
        const data = await exportPersonalData(context, documents, c.get('user'), id);
        c.get('log').info({ event: 'data_exported', targetUserId: id }, 'personal data exported');
        return c.body(JSON.stringify(data, null, 2), 200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="${dataExportFileName(id, new Date())}"`,
          'Cache-Control': 'no-store',
        });
      })

      // DSGVO Art. 17: name and address leave every table and document history; contributions stay.
      .post('/:id/erase', params(idParamSchema), jsonBody(eraseUserInputSchema), async (c) => {
        const { id } = c.req.valid('param');
        await eraseUser(context, documents, c.get('user'), id, c.req.valid('json'));
        c.get('log').info({ event: 'user_erased', targetUserId: id }, 'user erased');
        return c.body(null, 204);
      })
  );
}
