import { changeOwnPasswordInputSchema, type MeDto } from '@quartierplan/domain';
import { userRepository } from '@quartierplan/db';
import { Hono } from 'hono';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import type { AppEnv } from '../../http/context.ts';
import { validationFailed } from '../../http/errors.ts';
import { jsonBody } from '../../http/validate.ts';
import type { Services } from '../../context.ts';

/** `GET /api/me`, `POST /api/me/password`. Mounted behind `requireUser`. */
export function meRoutes(services: Services) {
  const users = userRepository(services.sql);

  return new Hono<AppEnv>()
    .get('/', (c) => {
      const user = c.get('user');
      const me: MeDto = {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        body: { id: user.bodyId, name: user.bodyName },
        memberships: [...user.memberships],
      };
      return c.json(me);
    })
    .post('/password', jsonBody(changeOwnPasswordInputSchema), async (c) => {
      const user = c.get('user');
      const { currentPassword, newPassword } = c.req.valid('json');
      const stored = await users.findPasswordHash(user.bodyId, user.id);
      if (!stored || !(await verifyPassword(stored, currentPassword))) {
        throw validationFailed([
          { path: 'currentPassword', message: 'Das bisherige Passwort stimmt nicht.' },
        ]);
      }
      await users.setPasswordHash(user.bodyId, user.id, await hashPassword(newPassword));
      // Every other device must log in again with the new password; this one stays.
      const ended = await services.sessions.invalidateAllOf(user.id);
      services.events.emit('user-changed', user.id);
      const session = await services.sessions.create(user.id);
      services.cookie.write(c, session.token, session.expiresAt);
      c.get('log').info({ event: 'password_changed', endedSessions: ended }, 'password changed');
      return c.body(null, 204);
    });
}
