import { changeOwnPasswordInputSchema, type MeDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody } from '../../http/validate.ts';
import { changeOwnPassword } from '../../services/users.ts';
import type { AppContext } from '../../context.ts';
import { requireLocalPasswords } from '../../http/local-passwords.ts';

/** `GET /api/me`, `POST /api/me/password`. Mounted behind `requireUser`. */
export function meRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const user = c.get('user');
      return c.json({
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        body: { id: user.bodyId, name: user.bodyName },
        memberships: [...user.memberships],
      } satisfies MeDto);
    })
    .post('/password', requireLocalPasswords(context), jsonBody(changeOwnPasswordInputSchema), async (c) => {
      const { ended, session } = await changeOwnPassword(context, c.get('user'), c.req.valid('json'));
      context.cookie.write(c, session.token, session.expiresAt);
      c.get('log').info({ event: 'password_changed', endedSessions: ended }, 'password changed');
      return c.body(null, 204);
    });
}
