import {
  UniqueViolationError,
  measureRepository,
  needRepository,
  sozialraumRepository,
  type SozialraumPatch,
  type SozialraumRow,
} from '@quartierplan/db';
import {
  sozialraumAccess,
  visibleSozialraumIds,
  type Access,
  type CreateSozialraumInput,
  type ProjectedNeed,
  type Principal,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { forbidden, notFound, validationFailed } from '../http/errors.ts';

/** A Sozialraum with the access the requesting user has to it. */
export interface VisibleSozialraum {
  row: SozialraumRow;
  access: Access;
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

/** A Sozialraum of the user's body and the user's access, or 404 (missing, other body) / 403. */
export async function loadVisibleSozialraum(
  { sql }: AppContext,
  user: Principal,
  id: string,
): Promise<VisibleSozialraum> {
  // Another body's Sozialraum is indistinguishable from a missing one.
  const row = await sozialraumRepository(sql).findById(user.bodyId, id);
  if (!row) throw notFound('Sozialraum nicht gefunden.');
  const access = sozialraumAccess(user, row.id);
  if (!access) throw forbidden('Sie haben keinen Zugriff auf diesen Sozialraum.');
  return { row, access };
}

/** The Sozialräume the user sees; archived ones only for admins who ask for them. */
export async function listSozialraeume(
  { sql }: AppContext,
  user: Principal,
  askArchived: boolean,
): Promise<VisibleSozialraum[]> {
  const rows = await sozialraumRepository(sql).list(user.bodyId, {
    onlyIds: visibleSozialraumIds(user),
    includeArchived: askArchived && user.role === 'admin',
  });
  return rows.flatMap((row) => {
    const access = sozialraumAccess(user, row.id);
    return access ? [{ row, access }] : [];
  });
}

/** Creates a Sozialraum (admins); a taken code is a field error. */
export function createSozialraum(
  { sql }: AppContext,
  bodyId: string,
  input: CreateSozialraumInput,
): Promise<SozialraumRow> {
  return withCodeErrors(() => sozialraumRepository(sql).create(bodyId, input));
}

/** Changes a Sozialraum (admins), or 404. */
export async function updateSozialraum(
  { sql }: AppContext,
  bodyId: string,
  id: string,
  patch: SozialraumPatch,
): Promise<SozialraumRow> {
  const row = await withCodeErrors(() => sozialraumRepository(sql).update(bodyId, id, patch));
  if (!row) throw notFound('Sozialraum nicht gefunden.');
  return row;
}

/**
 * The needs list as rows (projected from the needs document after every stored change), each with
 * the measures that link it.
 */
export async function sozialraumNeeds(
  context: AppContext,
  user: Principal,
  id: string,
): Promise<{ need: ProjectedNeed; measureIds: string[] }[]> {
  const { row } = await loadVisibleSozialraum(context, user, id);
  const needs = await needRepository(context.sql).listForDocument(row.needsDocumentId);
  // Measures link to needs of their own Sozialräume (or are city-wide), so whoever sees this
  // Sozialraum sees every measure listed here.
  const measureIds = await measureRepository(context.sql).measureIdsByNeed(row.needsDocumentId);
  return needs.map((need) => ({ need, measureIds: measureIds.get(need.id) ?? [] }));
}
