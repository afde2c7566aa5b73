import { randomUUID } from 'node:crypto';
import type { actionPlanJson } from '@quartierplan/collab/editor';
import type { eraseNameFromDocument } from '@quartierplan/collab/erasure';
import {
  auditRepository,
  bodyRepository,
  personalDataRepository,
  userRepository,
  type DocumentRow,
} from '@quartierplan/db';
import {
  ERASED_PERSON_NAME,
  type DataExportDto,
  type EraseUserInput,
  type Principal,
} from '@quartierplan/domain';
import * as Y from 'yjs';
import type { AppContext } from '../context.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import type { LiveDocuments } from './live-documents.ts';
import { loadUser } from './users.ts';
import { loadEditorModel, loadErasure } from './action-plan-model.ts';

/** The sync engine's documents as the erasure and the export use them. */
export type PersonalDataDocuments = Pick<LiveDocuments, 'withRoom' | 'compact'>;

/** Compactions that met a concurrent one are tried again this often before the erasure gives up. */
const COMPACTION_ATTEMPTS = 5;

/** Rows as JSON: dates as ISO 8601 strings, bigint ids already text. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
const plainRows = (rows: Record<string, unknown>[]) => rows.map((r) => plain(r) as Record<string, unknown>);

interface SuggestionFound {
  kind: string;
  text: string;
  at: string;
}

/** The suggestions in a document's action plan that carry the person's id. */
function suggestionsBy(doc: Y.Doc, userId: string, toJson: typeof actionPlanJson): SuggestionFound[] {
  const found: SuggestionFound[] = [];
  const walk = (node: ReturnType<typeof actionPlanJson>) => {
    for (const mark of node.marks ?? []) {
      const data = mark.attrs?.data as { authorId?: unknown; at?: unknown } | null | undefined;
      if (['insertion', 'deletion', 'modification'].includes(mark.type) && data?.authorId === userId)
        found.push({
          kind: mark.type,
          text: node.text ?? '',
          at: typeof data.at === 'string' ? data.at : '',
        });
    }
    node.content?.forEach(walk);
  };
  walk(toJson(doc));
  return found;
}

/** File name of a data export: `datenauskunft-<id>-<date>.json` (no name in it: it lands in download folders). */
export function dataExportFileName(userId: string, at: Date): string {
  return `datenauskunft-${userId}-${at.toISOString().slice(0, 10)}.json`;
}

/**
 * `GET /api/users/:id/data-export` (DSGVO Art. 15): everything held about the person as one document, recorded
 * in the audit log as `data_exported`.
 */
export async function exportPersonalData(
  context: AppContext,
  documents: PersonalDataDocuments,
  admin: Principal,
  userId: string,
): Promise<DataExportDto> {
  const user = await loadUser(context.sql, admin.bodyId, userId);
  const repo = personalDataRepository(context.sql);
  const rows = await context.sql.begin('isolation level repeatable read read only', (tx) =>
    personalDataRepository(tx).read(admin.bodyId, userId),
  );
  if (!rows) throw notFound('Benutzer nicht gefunden.');
  const body = await bodyRepository(context.sql).findById(admin.bodyId);

  // Per document: log rows still attributed to the person, and the suggestions in the live document.
  const logged = new Map(rows.documentContributions.map((r) => [String(r.documentId), r]));
  const candidates = await repo.documentsMentioning(admin.bodyId, user.name, userId);
  const contributions: DataExportDto['documentContributions'] = [];
  const { actionPlanJson } = await loadEditorModel();
  for (const document of candidates) {
    const suggestions =
      document.kind === 'action_plan'
        ? await documents.withRoom(document, async (room) => suggestionsBy(room.doc, userId, actionPlanJson))
        : [];
    const log = logged.get(document.id);
    if (!log && suggestions.length === 0) continue;
    contributions.push({
      documentId: document.id,
      kind: document.kind,
      sozialraumName: String(log?.sozialraumName ?? ''),
      updates: Number(log?.updates ?? 0),
      firstAt: log?.firstAt instanceof Date ? log.firstAt.toISOString() : null,
      lastAt: log?.lastAt instanceof Date ? log.lastAt.toISOString() : null,
      suggestions,
    });
  }

  await auditRepository(context.sql).record({
    bodyId: admin.bodyId,
    kind: 'data_exported',
    actorId: admin.id,
    subjectUserId: userId,
  });
  return {
    format: 'quartierplan-datenauskunft/1',
    exportedAt: new Date().toISOString(),
    body: { id: admin.bodyId, name: body?.name ?? '' },
    account: plain(rows.account) as Record<string, unknown>,
    memberships: plainRows(rows.memberships),
    sessions: plainRows(rows.sessions),
    identities: plainRows(rows.identities),
    auditEvents: plainRows(rows.auditEvents),
    measureEvents: plainRows(rows.measureEvents),
    measuresCreated: plainRows(rows.measuresCreated),
    paperEvents: plainRows(rows.paperEvents),
    needsAuthored: plainRows(rows.needsAuthored),
    comments: plainRows(rows.comments),
    commentThreadsOpened: plainRows(rows.commentThreadsOpened),
    mentions: plainRows(rows.mentions),
    notifications: plainRows(rows.notifications),
    documentContributions: contributions,
    documentVersions: plainRows(rows.documentVersions),
    workshopParticipation: plainRows(rows.workshopParticipation),
    workshopsCreated: plainRows(rows.workshopsCreated),
    needCitations: plainRows(rows.needCitations),
    progressReports: plainRows(rows.progressReports),
    milestonesResponsible: plainRows(rows.milestonesResponsible),
  };
}

const emailMismatch = () =>
  new AppError(422, 'validation_failed', 'Die E-Mail-Adresse stimmt nicht mit der der Person überein.', {
    issues: [
      {
        path: 'confirmEmail',
        message: 'Bitte genau die E-Mail-Adresse der Person eingeben, die gelöscht wird.',
      },
    ],
  });

/** Replaces the name in a stored version: its snapshot (a collecting document re-encoded) and its name. */
function scrubVersion(
  state: Uint8Array,
  name: string,
  person: { id: string; name: string },
  erase: typeof eraseNameFromDocument,
) {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, state);
    erase(doc, person, ERASED_PERSON_NAME);
    return { state: Y.encodeStateAsUpdate(doc), name: name.split(person.name).join(ERASED_PERSON_NAME) };
  } finally {
    doc.destroy();
  }
}

/**
 * `POST /api/users/:id/erase` (DSGVO Art. 17). Order matters: the person is locked out first (sessions end,
 * sockets close); then the documents are rewritten while the name is still known (a failure there leaves
 * the account as it was but deactivated, and the erasure can simply run again); then every table is
 * anonymised in one sanctioned transaction that also records `user_erased`.
 */
export async function eraseUser(
  context: AppContext,
  documents: PersonalDataDocuments,
  admin: Principal,
  userId: string,
  input: EraseUserInput,
): Promise<void> {
  const { sql } = context;
  if (userId === admin.id) throw conflict('Sie können sich nicht selbst löschen.');
  const user = await loadUser(sql, admin.bodyId, userId);
  const repo = personalDataRepository(sql);
  if (await repo.erasedAt(admin.bodyId, userId)) throw conflict('Diese Person wurde bereits gelöscht.');
  if (input.confirmEmail !== user.email) throw emailMismatch();
  if (
    user.role === 'admin' &&
    user.active &&
    (await userRepository(sql).countActiveAdmins(admin.bodyId)) <= 1
  )
    throw lastAdmin();

  await userRepository(sql).update(admin.bodyId, userId, { active: false });
  await context.sessions.invalidateAllOf(userId);
  context.events.emit('user-changed', userId);

  const person = { id: userId, name: user.name };
  const { eraseNameFromDocument } = await loadErasure();
  const touched = await repo.documentsMentioning(admin.bodyId, user.name, userId);
  for (const document of touched) {
    await documents.withRoom(document, async (room) => {
      await room.flushed();
      room.applyServerChange((doc) => void eraseNameFromDocument(doc, person, ERASED_PERSON_NAME), null);
      await room.flushed();
    });
  }
  for (const version of await repo.versionsMentioning(admin.bodyId, user.name)) {
    const scrubbed = scrubVersion(version.state, version.name, person, eraseNameFromDocument);
    await repo.replaceVersion(version.id, scrubbed.name, scrubbed.state);
  }
  const left = await compactUntilClean(repo, documents, admin.bodyId, user.name, touched);
  // The name typed as text into a document is content, not authorship: the erasure does not rewrite it.
  if (left.length > 0)
    context.logger.warn({ documentIds: left, userId }, 'erasure: documents still hold the name as text');

  await sql.begin(async (tx) => {
    const txRepo = personalDataRepository(tx);
    if ((await txRepo.lockUser(admin.bodyId, userId))?.erasedAt) return;
    await txRepo.sanctionErasure();
    await txRepo.erase(admin.bodyId, userId, {
      name: user.name,
      email: user.email,
      placeholderEmail: `geloescht-${randomUUID()}@invalid`,
      throttleKeyPrefixes: context.throttle.keyPrefixesOf(user.email, userId),
    });
    if ((await userRepository(tx).countActiveAdmins(admin.bodyId)) === 0) throw lastAdmin();
    await auditRepository(tx).record({
      bodyId: admin.bodyId,
      kind: 'user_erased',
      actorId: admin.id,
      subjectUserId: userId,
    });
  });
  context.events.emit('user-changed', userId);
}

const lastAdmin = () =>
  conflict('Die Kommune braucht mindestens eine aktive Administratorin oder einen Administrator.');

/**
 * Folds the rewritten documents' logs into their snapshots, so no older row still holds the name. A compaction
 * that ran concurrently (a room's own) may have folded the old rows into a snapshot without the rewrite; so
 * the stored form is checked and compacted again until it is clean. Returns the documents still holding it.
 */
async function compactUntilClean(
  repo: ReturnType<typeof personalDataRepository>,
  documents: PersonalDataDocuments,
  bodyId: string,
  name: string,
  touched: readonly DocumentRow[],
): Promise<string[]> {
  let pending = touched.map((d) => d.id);
  for (let attempt = 0; attempt < COMPACTION_ATTEMPTS && pending.length > 0; attempt += 1) {
    for (const id of pending) await documents.compact(id);
    pending = await repo.documentsStillHolding(bodyId, name);
  }
  return pending;
}
