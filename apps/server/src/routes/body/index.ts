import { bodyPrivacyInputSchema, type BodyPrivacyDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody } from '../../http/validate.ts';
import { privacyContact, setPrivacyContact, type WorkshopDeps } from '../../services/workshops.ts';

/** `GET`/`PUT /api/body/privacy`: the body's data-protection contact (read by all, set by admins). */
export function bodyRoutes(deps: WorkshopDeps) {
  return new Hono<AppEnv>()
    .get('/privacy', async (c) => {
      const contact = await privacyContact(deps, c.get('user'));
      return c.json({ contact } satisfies BodyPrivacyDto);
    })
    .put('/privacy', requireRole('admin'), jsonBody(bodyPrivacyInputSchema), async (c) => {
      const { contact } = c.req.valid('json');
      await setPrivacyContact(deps, c.get('user'), contact);
      c.get('log').info({ event: 'privacy_contact_changed' }, 'privacy contact changed');
      return c.json({ contact } satisfies BodyPrivacyDto);
    });
}
