import { actionPlanText, readNeeds, replaceContent, writeLastRestore, type Need } from '@quartierplan/collab';
import {
  documentStoreRepository,
  userRepository,
  type DocumentRow,
  type LastChange,
  type Queryable,
  type VersionRow,
} from '@quartierplan/db';
import { accessAllows, berlinMinute, type Access, type Principal } from '@quartierplan/domain';
import * as Y from 'yjs';
import type { AppContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { documentAccess } from '../sync/document-access.ts';
import type { LiveDocuments } from './live-documents.ts';

/** The plain content of a version: the action plan's blocks as text, or the needs list. */
export type VersionContent = { blocks: string[] } | { needs: Need[] };

/** The document of the user's body and the user's access, or 404/403 (like the sync socket). */
export async function loadDocument(
  sql: Queryable,
  user: Principal,
  docId: string,
  need: Access,
): Promise<DocumentRow> {
  const resolved = await documentAccess(sql, user, docId);
  if (!resolved.found) throw notFound('Dokument nicht gefunden.');
  const { document, access } = resolved;
  if (!accessAllows(access, need)) {
    throw forbidden(
      access ? 'Sie haben nur Lesezugriff auf dieses Dokument.' : 'Kein Zugriff auf dieses Dokument.',
    );
  }
  return document;
}

async function loadVersion(sql: Queryable, documentId: string, versionId: string) {
  const version = await documentStoreRepository(sql).versionState(documentId, versionId);
  if (!version) throw notFound('Version nicht gefunden.');
  return version;
}

/** A readable document and its last stored change. */
export async function documentLastChange(
  { sql }: AppContext,
  user: Principal,
  docId: string,
): Promise<{ document: DocumentRow; lastChange: LastChange | null }> {
  const document = await loadDocument(sql, user, docId, 'view');
  return { document, lastChange: await documentStoreRepository(sql).lastChange(document.id) };
}

/** The named versions of a readable document. */
export async function listVersions(
  { sql }: AppContext,
  user: Principal,
  docId: string,
): Promise<VersionRow[]> {
  const document = await loadDocument(sql, user, docId, 'view');
  return documentStoreRepository(sql).listVersions(document.id);
}

/** Names the document's current state; needs edit access. */
export async function createVersion(
  { sql }: AppContext,
  documents: LiveDocuments,
  user: Principal,
  docId: string,
  name: string,
): Promise<VersionRow> {
  const document = await loadDocument(sql, user, docId, 'edit');
  // The version is the stored state: every change applied so far is committed first.
  const state = await documents.withRoom(document, async (room) => {
    await room.flushed();
    return Y.encodeStateAsUpdate(room.doc);
  });
  const store = documentStoreRepository(sql);
  const id = await store.createVersion(document.id, name, state, user.id);
  const created = (await store.listVersions(document.id)).find((v) => v.id === id);
  if (!created) throw notFound('Version nicht gefunden.');
  return created;
}

/** One version of a readable document: its Yjs state and its plain content. */
export async function readVersion(
  { sql }: AppContext,
  user: Principal,
  docId: string,
  versionId: string,
): Promise<{ document: DocumentRow; version: VersionRow & { state: Uint8Array }; content: VersionContent }> {
  const document = await loadDocument(sql, user, docId, 'view');
  const version = await loadVersion(sql, document.id, versionId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  const content: VersionContent =
    document.kind === 'action_plan' ? { blocks: actionPlanText(doc) } : { needs: readNeeds(doc) };
  doc.destroy();
  return { document, version, content };
}

/** The name of the automatic version before a restore: who restored, and when (Europe/Berlin). */
export function automaticVersionName(byName: string, at: Date): string {
  const { day, month, year, hour, minute } = berlinMinute(at);
  const when = `${day}.${month}.${year} ${hour}:${minute}`;
  return `Stand vor Wiederherstellung durch ${byName}, ${when}`;
}

/**
 * Restores a version as a new change (everyone's editors follow); needs edit access. The state
 * before it is stored first as an automatic version, which also receives edits made concurrently
 * with the restore; the document records the restore, so every editor can tell its person.
 */
export async function restoreVersion(
  { sql }: AppContext,
  documents: LiveDocuments,
  user: Principal,
  docId: string,
  versionId: string,
): Promise<{ restored: VersionRow; automatic: VersionRow }> {
  const document = await loadDocument(sql, user, docId, 'edit');
  const version = await loadVersion(sql, document.id, versionId);
  const byName = (await userRepository(sql).findById(user.bodyId, user.id))?.name ?? 'Unbekannt';
  const store = documentStoreRepository(sql);
  const snapshot = new Y.Doc();
  Y.applyUpdate(snapshot, version.state);
  try {
    const automaticId = await documents.withRoom(document, async (room) => {
      await room.flushed();
      const at = new Date();
      const name = automaticVersionName(byName, at);
      const id = await store.createVersion(document.id, name, Y.encodeStateAsUpdate(room.doc), user.id, {
        restoredFrom: version.id,
      });
      // Editors may have changed the document while the version was written: the state the restore
      // replaces is taken now, synchronously with it, and stored into the version when the window ends.
      const before = Y.encodeStateAsUpdate(room.doc);
      room.applyServerChange((doc) => {
        replaceContent(doc, snapshot, document.kind);
        writeLastRestore(doc, {
          byId: user.id,
          byName,
          versionId: version.id,
          versionName: version.name,
          automaticVersionId: id,
          at: at.toISOString(),
        });
      }, user.id);
      room.keepConcurrentEdits(before, (state) => store.updateVersionState(id, state));
      await room.flushed();
      return id;
    });
    const automatic = (await store.listVersions(document.id)).find((v) => v.id === automaticId);
    if (!automatic) throw notFound('Version nicht gefunden.');
    return { restored: version, automatic };
  } finally {
    snapshot.destroy();
  }
}
