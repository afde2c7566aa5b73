import {
  UniqueViolationError,
  indicatorRepository,
  indicatorValueKey,
  sozialraumRepository,
  type IndicatorRow,
  type IndicatorValueInput,
} from '@quartierplan/db';
import {
  readIndicatorTable,
  sozialraumAccess,
  visibleSozialraumIds,
  type ImportIssue,
  type IndicatorDto,
  type IndicatorImportDto,
  type IndicatorInput,
  type IndicatorKind,
  type IndicatorValuesDto,
  type IndicatorValuesInput,
  type Principal,
  type UpdateIndicatorInput,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { publishedFigures } from './figures.ts';
import { readUploadedTable } from './indicator-file.ts';

/** The preview lists this many changed values; the counts cover all. */
const PREVIEW_ROWS = 200;

export const toIndicatorDto = (row: IndicatorRow): IndicatorDto => ({ ...row });

/** Admins, and members with edit on at least one Sozialraum, keep the catalogue. */
export function canWriteIndicators(user: Principal): boolean {
  return user.role === 'admin' || user.memberships.some((m) => m.access === 'edit');
}

export function assertCanWriteIndicators(user: Principal): void {
  if (!canWriteIndicators(user)) {
    throw forbidden('Indikatoren pflegen dürfen die Verwaltung und Mitglieder mit Schreibrecht.');
  }
}

/** Whether the user may write a value for this place (null: the whole city, admins only). */
function mayWriteValue(user: Principal, sozialraumId: string | null): boolean {
  if (user.role === 'admin') return true;
  return sozialraumId !== null && sozialraumAccess(user, sozialraumId) === 'edit';
}

async function withNameErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UniqueViolationError && error.constraint === 'indicator_body_id_name_uq') {
      throw conflict('Einen Indikator mit diesem Namen gibt es bereits.', { field: 'name' });
    }
    throw error;
  }
}

export async function listIndicators({ sql }: AppContext, user: Principal): Promise<IndicatorDto[]> {
  return (await indicatorRepository(sql).list(user.bodyId)).map(toIndicatorDto);
}

/** `GET /api/indicators/:id`: one indicator of the body (404 for another body's or an unknown one). */
export async function getIndicator(context: AppContext, user: Principal, id: string): Promise<IndicatorDto> {
  return toIndicatorDto(await loadIndicator(context, user, id));
}

async function loadIndicator(
  { sql }: Pick<AppContext, 'sql'>,
  user: Principal,
  id: string,
): Promise<IndicatorRow> {
  const row = await indicatorRepository(sql).findById(user.bodyId, id);
  if (!row) throw notFound('Indikator nicht gefunden.');
  return row;
}

/** `partOf` must name another indicator of the body, and no loop. */
async function checkPartOf(
  context: Pick<AppContext, 'sql'>,
  user: Principal,
  id: string | null,
  partOf: string | null,
) {
  if (partOf === null) return;
  const repo = indicatorRepository(context.sql);
  const issue = (message: string) => validationFailed([{ path: 'partOf', message }]);
  if (partOf === id) throw issue('Ein Indikator kann nicht Teil von sich selbst sein.');
  let current = await repo.findById(user.bodyId, partOf);
  if (!current) throw issue('Diesen Indikator gibt es nicht.');
  for (let depth = 0; current?.partOf && depth < 20; depth++) {
    if (current.partOf === id) throw issue('Das ergäbe einen Kreis von Teilen.');
    current = await repo.findById(user.bodyId, current.partOf);
  }
}

export async function createIndicator(
  context: AppContext,
  user: Principal,
  input: IndicatorInput,
): Promise<IndicatorDto> {
  assertCanWriteIndicators(user);
  await checkPartOf(context, user, null, input.partOf);
  return toIndicatorDto(
    await withNameErrors(() => indicatorRepository(context.sql).create(user.bodyId, input)),
  );
}

export async function updateIndicator(
  context: Pick<AppContext, 'sql'>,
  user: Principal,
  id: string,
  patch: UpdateIndicatorInput,
): Promise<IndicatorDto> {
  assertCanWriteIndicators(user);
  await loadIndicator(context, user, id);
  if (patch.partOf !== undefined) await checkPartOf(context, user, id, patch.partOf);
  const row = await withNameErrors(() => indicatorRepository(context.sql).update(user.bodyId, id, patch));
  if (!row) throw notFound('Indikator nicht gefunden.');
  return toIndicatorDto(row);
}

export async function deleteIndicator(context: AppContext, user: Principal, id: string): Promise<void> {
  assertCanWriteIndicators(user);
  // Deleting values of other Sozialräume and the city is more than a member may write.
  if (user.role !== 'admin') {
    throw forbidden('Indikatoren mit allen Werten löschen darf nur die Verwaltung (Admin).');
  }
  if (!(await indicatorRepository(context.sql).delete(user.bodyId, id))) {
    throw notFound('Indikator nicht gefunden.');
  }
}

/**
 * `POST /api/indicators/:id/values`: upserts values in one transaction. Places by id or code (neither: the
 * city); a place the user may not write is 403; unknown places are 422 with an issue per value.
 */
export async function upsertIndicatorValues(
  context: AppContext,
  user: Principal,
  id: string,
  input: IndicatorValuesInput,
): Promise<{ added: number; changed: number; unchanged: number }> {
  await loadIndicator(context, user, id);
  const sozialraeume = await sozialraumRepository(context.sql).list(user.bodyId, { includeArchived: true });
  const byId = new Map(sozialraeume.map((s) => [s.id, s]));
  const byCode = new Map(sozialraeume.map((s) => [s.code, s]));
  const issues: { path: string; message: string }[] = [];
  const values: IndicatorValueInput[] = [];
  input.values.forEach((value, index) => {
    const place = value.sozialraumId
      ? byId.get(value.sozialraumId)
      : value.code !== undefined
        ? byCode.get(value.code)
        : null;
    if (place === undefined) {
      issues.push({ path: `values.${index}`, message: 'Diesen Sozialraum gibt es nicht.' });
      return;
    }
    values.push({ indicatorId: id, sozialraumId: place?.id ?? null, date: value.date, value: value.value });
  });
  if (values.some((value) => !mayWriteValue(user, value.sozialraumId))) {
    throw forbidden(
      'Werte schreiben dürfen Sie nur für Sozialräume, die Sie bearbeiten; stadtweite Werte nur die Verwaltung.',
    );
  }
  if (issues.length > 0) {
    throw new AppError(422, 'validation_failed', 'Einige Werte lassen sich nicht zuordnen.', { issues });
  }
  const seen = new Set<string>();
  for (const [index, value] of values.entries()) {
    const key = indicatorValueKey(value);
    if (seen.has(key)) issues.push({ path: `values.${index}`, message: 'Derselbe Wert steht doppelt.' });
    seen.add(key);
  }
  if (issues.length > 0) {
    throw new AppError(422, 'validation_failed', 'Einige Werte stehen doppelt.', { issues });
  }
  return context.sql.begin((tx) => indicatorRepository(tx).upsertValues(user.bodyId, values));
}

export interface ImportOptions {
  date?: string | undefined;
  namePrefix?: string | undefined;
  kind: IndicatorKind;
  unit: string;
  commit: boolean;
}

/**
 * `POST /api/indicators/import`: reads the table, checks every cell, and shows what would change; with
 * `commit` stores it all in one transaction, only when there are no issues (422 otherwise).
 */
export async function importIndicators(
  context: Pick<AppContext, 'sql'>,
  user: Principal,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<IndicatorImportDto> {
  assertCanWriteIndicators(user);
  const grid = await readUploadedTable(bytes);
  const sozialraeume = await sozialraumRepository(context.sql).list(user.bodyId, { includeArchived: true });
  const table = readIndicatorTable(grid, {
    sozialraeume,
    date: options.date,
    namePrefix: options.namePrefix,
  });
  const issues: ImportIssue[] = [...table.issues];
  const names = new Map(sozialraeume.map((s) => [s.id, `${s.code} ${s.name}`]));
  const values = table.values.filter((value) => {
    if (mayWriteValue(user, value.sozialraumId)) return true;
    issues.push({
      line: value.line,
      message:
        value.sozialraumId === null
          ? 'Stadtweite Werte darf nur die Verwaltung (Admin) einlesen.'
          : `Für „${names.get(value.sozialraumId)}“ haben Sie kein Schreibrecht.`,
    });
    return false;
  });
  if (table.indicators.length > 0 && table.values.length === 0 && issues.length === 0) {
    issues.push({ line: 2, message: 'Die Tabelle enthält keine Werte.' });
  }
  for (const name of table.indicators) {
    if (name.length > 200) issues.push({ line: 1, message: `Der Name „${name.slice(0, 40)}…“ ist zu lang.` });
  }
  issues.sort((a, b) => a.line - b.line);

  const repo = indicatorRepository(context.sql);
  const existing = await repo.idsByName(user.bodyId, table.indicators);
  const stored = await repo.storedValues(user.bodyId, [...existing.values()]);
  // What the preview shows of stored values is published like every figure (the counts compare raw values).
  const book = await publishedFigures(
    context.sql,
    user.bodyId,
    [...existing.values()],
    [...new Set(values.map((value) => value.date))],
  );
  const changes = { added: 0, changed: 0, unchanged: 0 };
  const rows: IndicatorImportDto['rows'] = [];
  for (const value of values) {
    const indicatorId = existing.get(value.indicator);
    const before = indicatorId
      ? stored.get(indicatorValueKey({ indicatorId, sozialraumId: value.sozialraumId, date: value.date }))
      : undefined;
    if (before === value.value) {
      changes.unchanged += 1;
      continue;
    }
    if (before === undefined) changes.added += 1;
    else changes.changed += 1;
    if (rows.length < PREVIEW_ROWS) {
      rows.push({
        line: value.line,
        indicator: value.indicator,
        sozialraum: value.sozialraumId === null ? 'Stadt insgesamt' : (names.get(value.sozialraumId) ?? ''),
        date: value.date,
        before: indicatorId
          ? (book.figure(indicatorId, value.sozialraumId, value.date)?.value ?? null)
          : null,
        after: value.value,
      });
    }
  }
  const preview: IndicatorImportDto = {
    committed: false,
    indicators: table.indicators.map((name) => ({ name, exists: existing.has(name) })),
    changes,
    rows,
    issues,
  };
  if (!options.commit) return preview;
  if (issues.length > 0) {
    throw new AppError(422, 'validation_failed', 'Die Tabelle hat Fehler; es wurde nichts übernommen.', {
      issues,
    });
  }
  await context.sql.begin(async (tx) => {
    const txRepo = indicatorRepository(tx);
    const ids = new Map(existing);
    for (const name of table.indicators) {
      if (ids.has(name)) continue;
      const created = await withNameErrors(() =>
        txRepo.create(user.bodyId, {
          name,
          unit: options.unit,
          kind: options.kind,
          topic: '',
          source: '',
          description: '',
          precision: options.kind === 'count' ? 0 : 1,
          partOf: null,
        }),
      );
      ids.set(name, created.id);
    }
    await txRepo.upsertValues(
      user.bodyId,
      values.map((value) => ({
        indicatorId: ids.get(value.indicator)!,
        sozialraumId: value.sozialraumId,
        date: value.date,
        value: value.value,
      })),
    );
  });
  return { ...preview, committed: true, indicators: preview.indicators.map((i) => ({ ...i, exists: true })) };
}

/**
 * `GET /api/indicators/:id/values?date=`: one date (the latest when none is asked for), every Sozialraum the
 * user sees and the city, after disclosure control.
 */
export async function indicatorValues(
  context: AppContext,
  user: Principal,
  id: string,
  date: string | undefined,
): Promise<IndicatorValuesDto> {
  const indicator = await loadIndicator(context, user, id);
  const day = date ?? indicator.dates.at(-1);
  if (!day) return { indicatorId: id, date: '', city: null, sozialraeume: [] };
  const book = await publishedFigures(context.sql, user.bodyId, [id], [day]);
  const visible = visibleSozialraumIds(user);
  const sozialraeume = await sozialraumRepository(context.sql).list(user.bodyId, {
    onlyIds: visible,
    includeArchived: true,
  });
  return {
    indicatorId: id,
    date: day,
    city: book.figure(id, null, day),
    sozialraeume: sozialraeume.flatMap((s) => {
      const figure = book.figure(id, s.id, day);
      return figure ? [{ sozialraumId: s.id, code: s.code, name: s.name, ...figure }] : [];
    }),
  };
}
