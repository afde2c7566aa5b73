import type { SozialraumRow } from '@quartierplan/db';
import {
  createSozialraumInputSchema,
  idParamSchema,
  listSozialraeumeQuerySchema,
  profileExportQuerySchema,
  updateSozialraumInputSchema,
  type Access,
  type SozialraumDto,
  type SozialraumNeedDto,
  type SozialraumProfileDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import { readBoundary, setBoundary, sozialraumGeometry } from '../../services/offers.ts';
import type { AppContext } from '../../context.ts';
import { requireRole } from '../../http/auth-middleware.ts';
import { authorize } from '../../http/authorize.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import { exportProfile, sozialraumProfile } from '../../services/profile.ts';
import {
  createSozialraum,
  listSozialraeume,
  loadVisibleSozialraum,
  sozialraumNeeds,
  updateSozialraum,
} from '../../services/sozialraeume.ts';

function toDto(row: SozialraumRow, access: Access): SozialraumDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    stadtbezirk: row.stadtbezirk,
    archived: row.archived,
    access,
    documents: { actionPlan: row.actionPlanDocumentId, needs: row.needsDocumentId },
  };
}

/** Sozialräume of the user's body: everyone reads what they may see, admins manage. */
export function sozialraumRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', query(listSozialraeumeQuerySchema), async (c) => {
      const askArchived = c.req.valid('query').includeArchived === 'true';
      const visible = await listSozialraeume(context, c.get('user'), askArchived);
      return c.json(visible.map(({ row, access }) => toDto(row, access)));
    })

    .post('/', requireRole('admin'), jsonBody(createSozialraumInputSchema), async (c) => {
      const row = await createSozialraum(context, c.get('user').bodyId, c.req.valid('json'));
      c.get('log').info({ event: 'sozialraum_created', sozialraumId: row.id }, 'sozialraum created');
      return c.json(toDto(row, 'edit'), 201);
    })

    .get('/geometry', async (c) => c.json(await sozialraumGeometry(context, c.get('user'))))

    .put('/:id/geometry', requireRole('admin'), params(idParamSchema), jsonBody(z.unknown()), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await setBoundary(context, c.get('user').bodyId, id, body === null ? null : readBoundary(body));
      c.get('log').info({ event: 'sozialraum_boundary_set', sozialraumId: id }, 'boundary set');
      return c.body(null, 204);
    })

    .get('/:id', params(idParamSchema), async (c) => {
      const { row, access } = await loadVisibleSozialraum(context, c.get('user'), c.req.valid('param').id);
      return c.json(toDto(row, access));
    })

    .patch(
      '/:id',
      requireRole('admin'),
      params(idParamSchema),
      jsonBody(updateSozialraumInputSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const row = await updateSozialraum(context, c.get('user').bodyId, id, c.req.valid('json'));
        c.get('log').info({ event: 'sozialraum_updated', sozialraumId: id }, 'sozialraum updated');
        return c.json(toDto(row, 'edit'));
      },
    )

    .get('/:id/needs', params(idParamSchema), async (c) => {
      const needs = await sozialraumNeeds(context, c.get('user'), c.req.valid('param').id);
      return c.json(
        needs.map(({ need: { createdBy: _createdBy, createdAt: _createdAt, ...need }, measureIds }) => ({
          ...need,
          measureIds,
        })) satisfies SozialraumNeedDto[],
      );
    })

    .get('/:id/profile', params(idParamSchema), async (c) => {
      const profile = await sozialraumProfile(context, c.get('user'), c.req.valid('param').id);
      return c.json(profile satisfies SozialraumProfileDto);
    })

    .get(
      '/:id/profile/export',
      params(idParamSchema),
      // Authorise before validating the query: who may not see the Sozialraum learns nothing about it.
      authorize(async (c) => {
        await loadVisibleSozialraum(context, c.get('user'), c.req.param('id')!);
      }),
      query(profileExportQuerySchema),
      async (c) => {
        const file = await exportProfile(
          context,
          c.get('user'),
          c.req.valid('param').id,
          c.req.valid('query'),
        );
        return c.body(file.bytes, 200, {
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'X-Content-Type-Options': 'nosniff',
        });
      },
    );
}
