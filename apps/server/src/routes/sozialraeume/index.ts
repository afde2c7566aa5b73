import {
  createSozialraumInputSchema,
  idParamSchema,
  listSozialraeumeQuerySchema,
  seesAllSozialraeume,
  sozialraumAccess,
  updateSozialraumInputSchema,
  type Access,
  type SozialraumDto,
} from '@quartierplan/domain';
import {
  UniqueViolationError,
  measureRepository,
  needRepository,
  sozialraumRepository,
  type SozialraumRow,
} from '@quartierplan/db';
import { Hono, type Context } from 'hono';
import { requireRole } from '../../http/auth-middleware.ts';
import type { AppEnv } from '../../http/context.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import type { Services } from '../../context.ts';

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

async function withCodeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UniqueViolationError && error.constraint === 'sozialraum_body_id_code_uq') {
      throw validationFailed([{ path: 'code', message: 'Dieses Kürzel ist bereits vergeben.' }]);
    }
    throw error;
  }
}

/** Sozialräume of the user's body: everyone reads what they may see, admins manage. */
export function sozialraumRoutes(services: Services) {
  const repo = sozialraumRepository(services.sql);

  /** Loads a Sozialraum of the user's body and the user's access, or answers 404/403. */
  async function loadVisible(c: Context<AppEnv>, id: string) {
    const user = c.get('user');
    // Another body's Sozialraum is indistinguishable from a missing one.
    const row = await repo.findById(user.bodyId, id);
    if (!row) throw notFound('Sozialraum nicht gefunden.');
    const access = sozialraumAccess(user, row.id);
    if (!access) throw forbidden('Sie haben keinen Zugriff auf diesen Sozialraum.');
    return { row, access };
  }

  return (
    new Hono<AppEnv>()
      .get('/', query(listSozialraeumeQuerySchema), async (c) => {
        const user = c.get('user');
        const includeArchived = c.req.valid('query').includeArchived === 'true' && user.role === 'admin';
        const onlyIds = seesAllSozialraeume(user) ? undefined : user.memberships.map((m) => m.sozialraumId);
        const rows = await repo.list(user.bodyId, { onlyIds, includeArchived });
        return c.json(rows.map((row) => toDto(row, sozialraumAccess(user, row.id)!)));
      })

      .post('/', requireRole('admin'), jsonBody(createSozialraumInputSchema), async (c) => {
        const user = c.get('user');
        const row = await withCodeErrors(() => repo.create(user.bodyId, c.req.valid('json')));
        c.get('log').info({ event: 'sozialraum_created', sozialraumId: row.id }, 'sozialraum created');
        return c.json(toDto(row, 'edit'), 201);
      })

      .get('/:id', params(idParamSchema), async (c) => {
        const { row, access } = await loadVisible(c, c.req.valid('param').id);
        return c.json(toDto(row, access));
      })

      .patch(
        '/:id',
        requireRole('admin'),
        params(idParamSchema),
        jsonBody(updateSozialraumInputSchema),
        async (c) => {
          const user = c.get('user');
          const { id } = c.req.valid('param');
          const row = await withCodeErrors(() => repo.update(user.bodyId, id, c.req.valid('json')));
          if (!row) throw notFound('Sozialraum nicht gefunden.');
          c.get('log').info({ event: 'sozialraum_updated', sozialraumId: id }, 'sozialraum updated');
          return c.json(toDto(row, 'edit'));
        },
      )

      .get('/:id/population', params(idParamSchema), async (c) => {
        const { row } = await loadVisible(c, c.req.valid('param').id);
        return c.json(await repo.population(row.id));
      })

      // The needs list as rows, projected from the needs document after every stored change.
      .get('/:id/needs', params(idParamSchema), async (c) => {
        const { row } = await loadVisible(c, c.req.valid('param').id);
        const needs = await needRepository(services.sql).listForDocument(row.needsDocumentId);
        // Measures link to needs of their own Sozialräume (or are city-wide), so whoever sees this
        // Sozialraum sees every measure listed here.
        const measureIds = await measureRepository(services.sql).measureIdsByNeed(row.needsDocumentId);
        return c.json(
          needs.map((n) => ({
            id: n.id,
            title: n.title,
            description: n.description,
            targetGroup: n.targetGroup,
            source: n.source,
            priority: n.priority,
            status: n.status,
            votes: n.votes,
            measureIds: measureIds.get(n.id) ?? [],
          })),
        );
      })
  );
}
