import {
  createUserInputSchema,
  idParamSchema,
  resetPasswordInputSchema,
  setMembershipsInputSchema,
  updateUserInputSchema,
  type UserDto,
} from '@quartierplan/domain';
import {
  ForeignSozialraumError,
  UniqueViolationError,
  userRepository,
  type Queryable,
  type UserWithMemberships,
} from '@quartierplan/db';
import { Hono } from 'hono';
import { hashPassword } from '../../auth/password.ts';
import type { AppEnv } from '../../http/context.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { jsonBody, params } from '../../http/validate.ts';
import type { Services } from '../../context.ts';

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

const emailTaken = () =>
  validationFailed([{ path: 'email', message: 'Diese E-Mail-Adresse wird bereits verwendet.' }]);
const foreignSozialraum = () =>
  validationFailed([{ path: 'memberships', message: 'Mindestens ein Sozialraum existiert nicht.' }]);

/** Runs a membership change and turns a foreign Sozialraum into a field error. */
async function withMembershipErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ForeignSozialraumError) throw foreignSozialraum();
    if (error instanceof UniqueViolationError && error.constraint === 'app_user_email_uq') throw emailTaken();
    throw error;
  }
}

/** User administration within the admin's own body. Mounted behind `requireRole('admin')`. */
export function userRoutes(services: Services) {
  const { sql, sessions, events } = services;
  /** Open sync sockets of that user are re-checked against the new rights. */
  const rightsChanged = (userId: string) => events.emit('user-changed', userId);
  const users = userRepository(sql);

  async function loadUser(bodyId: string, id: string): Promise<UserWithMemberships> {
    const user = await users.findById(bodyId, id);
    if (!user) throw notFound('Benutzer nicht gefunden.');
    return user;
  }

  /** An admin may not lock the body out of its own administration. */
  async function assertAdminRemains(tx: Queryable, bodyId: string) {
    if ((await userRepository(tx).countActiveAdmins(bodyId)) === 0) {
      throw conflict('Die Kommune braucht mindestens eine aktive Administratorin oder einen Administrator.');
    }
  }

  return new Hono<AppEnv>()
    .get('/', async (c) => c.json((await users.list(c.get('user').bodyId)).map(toUserDto)))

    .post('/', jsonBody(createUserInputSchema), async (c) => {
      const { bodyId } = c.get('user');
      const input = c.req.valid('json');
      const passwordHash = await hashPassword(input.password);
      const created = await withMembershipErrors(() =>
        sql.begin(async (tx) => {
          const repo = userRepository(tx);
          const user = await repo.create({
            bodyId,
            email: input.email,
            name: input.name,
            role: input.role,
            passwordHash,
          });
          await repo.setMemberships(bodyId, user.id, input.memberships);
          return user;
        }),
      );
      c.get('log').info(
        { event: 'user_created', targetUserId: created.id, role: created.role },
        'user created',
      );
      return c.json({ id: created.id }, 201);
    })

    .get('/:id', params(idParamSchema), async (c) => {
      return c.json(toUserDto(await loadUser(c.get('user').bodyId, c.req.valid('param').id)));
    })

    .patch('/:id', params(idParamSchema), jsonBody(updateUserInputSchema), async (c) => {
      const { bodyId } = c.get('user');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      await loadUser(bodyId, id);
      await sql.begin(async (tx) => {
        await userRepository(tx).update(bodyId, id, patch);
        await assertAdminRemains(tx, bodyId);
      });
      // Deactivation takes effect at once: every session of that user ends.
      if (patch.active === false) await sessions.invalidateAllOf(id);
      rightsChanged(id);
      c.get('log').info(
        { event: 'user_updated', targetUserId: id, fields: Object.keys(patch) },
        'user updated',
      );
      return c.json(toUserDto(await loadUser(bodyId, id)));
    })

    .put('/:id/memberships', params(idParamSchema), jsonBody(setMembershipsInputSchema), async (c) => {
      const { bodyId } = c.get('user');
      const { id } = c.req.valid('param');
      await loadUser(bodyId, id);
      const { memberships } = c.req.valid('json');
      await withMembershipErrors(() =>
        sql.begin((tx) => userRepository(tx).setMemberships(bodyId, id, memberships)),
      );
      rightsChanged(id);
      return c.json(toUserDto(await loadUser(bodyId, id)));
    })

    .post('/:id/password', params(idParamSchema), jsonBody(resetPasswordInputSchema), async (c) => {
      const { bodyId } = c.get('user');
      const { id } = c.req.valid('param');
      await loadUser(bodyId, id);
      await users.setPasswordHash(bodyId, id, await hashPassword(c.req.valid('json').password));
      // Whoever knew the old password is logged out everywhere.
      await sessions.invalidateAllOf(id);
      rightsChanged(id);
      c.get('log').info({ event: 'password_reset', targetUserId: id }, 'password reset by admin');
      return c.body(null, 204);
    })

    .delete('/:id/sessions', params(idParamSchema), async (c) => {
      const { bodyId } = c.get('user');
      const { id } = c.req.valid('param');
      await loadUser(bodyId, id);
      const ended = await sessions.invalidateAllOf(id);
      rightsChanged(id);
      c.get('log').info({ event: 'sessions_ended', targetUserId: id, ended }, 'sessions ended by admin');
      return c.body(null, 204);
    });
}
