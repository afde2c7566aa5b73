import {
  bodyPrivacyInputSchema,
  disclosureSettingsSchema,
  type BodyPrivacyDto,
  type DisclosureSettings,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody } from '../../http/validate.ts';
import { disclosureThreshold, setDisclosureThreshold } from '../../services/citations.ts';
import { privacyContact, setPrivacyContact, type WorkshopDeps } from '../../services/workshops.ts';

/**
 * `GET`/`PUT /api/body/privacy`: the body's data-protection contact (read by all, set by admins);
 * `GET`/`PUT /api/body/disclosure`: the disclosure threshold (admins).
 */
export function bodyRoutes(deps: WorkshopDeps) {
  return (
    new Hono<AppEnv>()
      .get('/privacy', async (c) => {
        const contact = await privacyContact(deps, c.get('user'));
        return c.json({ contact } satisfies BodyPrivacyDto);
      })
      .put('/privacy', requireRole('admin'), jsonBody(bodyPrivacyInputSchema), async (c) => {
        const { contact } = c.req.valid('json');
        await setPrivacyContact(deps, c.get('user'), contact);
        c.get('log').info({ event: 'privacy_contact_changed' }, 'privacy contact changed');
        return c.json({ contact } satisfies BodyPrivacyDto);
      })
      // Statistical disclosure control: counts below the threshold are never published (admins, 2–20).
      .get('/disclosure', requireRole('admin'), async (c) =>
        c.json({
          threshold: await disclosureThreshold(deps.context, c.get('user')),
        } satisfies DisclosureSettings),
      )
      .put('/disclosure', requireRole('admin'), jsonBody(disclosureSettingsSchema), async (c) => {
        const { threshold } = c.req.valid('json');
        await setDisclosureThreshold(deps.context, c.get('user'), threshold);
        c.get('log').info({ event: 'settings_changed', setting: 'disclosure_threshold' }, 'threshold set');
        return c.json({ threshold } satisfies DisclosureSettings);
      })
  );
}
