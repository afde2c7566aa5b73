import { CLOSE_CODES, actionPlanText, needsArray, readNeeds } from '@quartierplan/collab';
import { actionPlanJson, type SuggestionAuthor } from '@quartierplan/collab/editor';
import { acceptAll, editAsEditor, editorState, textPosition as at } from '@quartierplan/collab/testing';
import { testDatabases } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import { connectSyncClient, eventually, testNeed, type SyncClient } from '../testing/sync-clients.ts';
import { DocumentStore } from './persistence/document-store.ts';

const SENTENCE = 'Die Stadt plant einen Spielplatz.';

/** The suggestion marks of the action plan: [mark name, its text, the author id]. */
function suggestions(doc: Y.Doc): [string, string, string][] {
  const found: [string, string, string][] = [];
  const walk = (node: ReturnType<typeof actionPlanJson>) => {
    for (const mark of node.marks ?? []) {
      if (['insertion', 'deletion'].includes(mark.type))
        found.push([mark.type, node.text ?? '', (mark.attrs?.data as SuggestionAuthor).authorId]);
    }
    node.content?.forEach(walk);
  };
  walk(actionPlanJson(doc));
  return found;
}

const plainText = (doc: Y.Doc) => actionPlanText(doc).join('\n');

describe.each(testDatabases())('comment access on the sync socket on $name', (factory) => {
  const ctx = useTestServer(factory);
  let editor: ApiClient;
  let commenter: ApiClient;
  let viewer: ApiClient;
  let commenterAuthor: SuggestionAuthor;
  let editorId: string;
  let documents: { actionPlan: string; needs: string };
  const clients: SyncClient[] = [];

  const connect = (as: ApiClient, docId: string) => {
    const client = connectSyncClient(ctx.server, as, docId);
    clients.push(client);
    return client;
  };
  /** A fresh connection's view of the document once synced. */
  const fresh = async (docId = documents.actionPlan) => {
    const client = connect(editor, docId);
    await client.synced;
    return client;
  };
  const suggest = (client: SyncClient, author: SuggestionAuthor, edit: Parameters<typeof editAsEditor>[1]) =>
    editAsEditor(client.doc, edit, author);

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, body.adminEmail);
    const sozialraum = await createSozialraum(admin, {});
    documents = sozialraum.documents;
    const member = (access: 'edit' | 'comment' | 'view') =>
      createUser(admin, { role: 'member', memberships: [{ sozialraumId: sozialraum.id, access }] });
    const [editUser, commentUser, viewUser] = await Promise.all([
      member('edit'),
      member('comment'),
      member('view'),
    ]);
    editorId = editUser.id;
    commenterAuthor = {
      authorId: commentUser.id,
      authorName: 'Carla Kommentar',
      at: new Date().toISOString(),
    };
    [editor, commenter, viewer] = await Promise.all([
      loginAs(ctx.server, editUser.email),
      loginAs(ctx.server, commentUser.email),
      loginAs(ctx.server, viewUser.email),
    ]);
    // The editor writes the sentence the others work on.
    const writer = connect(editor, documents.actionPlan);
    await writer.synced;
    editAsEditor(writer.doc, (s) => s.tr.insertText(SENTENCE, 1));
    await eventually(async () => expect(plainText((await fresh()).doc)).toContain(SENTENCE));
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('applies nothing of a direct edit by a commenter and closes the socket with 4422', async () => {
    const watcher = connect(editor, documents.actionPlan);
    const carla = connect(commenter, documents.actionPlan);
    await Promise.all([watcher.synced, carla.synced]);
    editAsEditor(carla.doc, (s) => s.tr.insertText('Geheim: ', at(s, SENTENCE)));
    await eventually(() => expect(carla.closeCodes).toContain(CLOSE_CODES.directEditRefused));
    // A later edit of the editor arrives everywhere; the commenter's never does.
    editAsEditor(watcher.doc, (s) => s.tr.insertText(' Danach.', at(s, SENTENCE) + SENTENCE.length));
    const late = await fresh();
    await eventually(() => expect(plainText(late.doc)).toContain('Danach.'));
    expect(plainText(watcher.doc)).not.toContain('Geheim');
    expect(plainText(late.doc)).not.toContain('Geheim');
    const stored = await new DocumentStore(ctx.db.sql).load(documents.actionPlan);
    expect(plainText(stored.doc)).toContain('Danach.');
    expect(plainText(stored.doc)).not.toContain('Geheim');
  });

  it('refuses a direct edit a commenter made offline, sent when the socket opens', async () => {
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate((await fresh()).doc));
    editAsEditor(offline, (s) => s.tr.insertText('Offline geschrieben. ', at(s, SENTENCE)));
    const carla = connectSyncClient(ctx.server, commenter, documents.actionPlan, { doc: offline });
    clients.push(carla);
    await eventually(() => expect(carla.closeCodes).toContain(CLOSE_CODES.directEditRefused));
    expect(plainText((await fresh()).doc)).not.toContain('Offline geschrieben');
  });

  it('applies, relays and stores a commenter’s own suggestion, which the editor then accepts', async () => {
    const watcher = connect(editor, documents.actionPlan);
    const carla = connect(commenter, documents.actionPlan);
    await Promise.all([watcher.synced, carla.synced]);
    suggest(carla, commenterAuthor, (s) => s.tr.insertText(' neuen', at(s, ' Spielplatz')));
    const from = at(editorState(carla.doc), ' einen');
    suggest(carla, commenterAuthor, (s) => s.tr.delete(from, from + ' einen'.length));
    const expected = [
      ['deletion', ' einen', commenterAuthor.authorId],
      ['insertion', ' neuen', commenterAuthor.authorId],
    ];
    await eventually(() => expect(suggestions(watcher.doc)).toEqual(expected));
    expect(carla.closeCodes).toEqual([]);
    await eventually(async () =>
      expect(suggestions((await new DocumentStore(ctx.db.sql).load(documents.actionPlan)).doc)).toEqual(
        expected,
      ),
    );

    // Accepting is a direct edit: the editor may, and the commenter sees the result.
    editAsEditor(watcher.doc, acceptAll);
    await eventually(() => {
      expect(suggestions(carla.doc)).toEqual([]);
      expect(plainText(carla.doc)).toContain('Die Stadt plant neuen Spielplatz.');
    });
  });

  it('refuses a suggestion forged in another person’s name with 4422', async () => {
    const carla = connect(commenter, documents.actionPlan);
    await carla.synced;
    const forged = { ...commenterAuthor, authorId: editorId, authorName: 'Jemand anderes' };
    suggest(carla, forged, (s) => s.tr.insertText(' gefälscht', at(s, 'Spielplatz')));
    await eventually(() => expect(carla.closeCodes).toContain(CLOSE_CODES.directEditRefused));
    const late = await fresh();
    expect(plainText(late.doc)).not.toContain('gefälscht');
  });

  it('applies nothing of a viewer, suggestion or not, and keeps the viewer connected', async () => {
    const reader = connect(viewer, documents.actionPlan);
    await reader.synced;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    suggest(reader, commenterAuthor, (s) => s.tr.insertText(' Leser', at(s, 'Spielplatz')));
    await eventually(() => expect(String(warn.mock.calls[0]?.[0])).toContain('Nur Lesezugriff'));
    warn.mockRestore();
    expect(reader.closeCodes).toEqual([]);
    expect(plainText((await fresh()).doc)).not.toContain('Leser');
  });

  it('treats a commenter on the needs list like a viewer', async () => {
    const carla = connect(commenter, documents.needs);
    const watcher = connect(editor, documents.needs);
    await Promise.all([carla.synced, watcher.synced]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    needsArray(carla.doc).push([testNeed('vom-kommentar')]);
    await eventually(() => expect(String(warn.mock.calls[0]?.[0])).toContain('Nur Lesezugriff'));
    warn.mockRestore();
    needsArray(watcher.doc).push([testNeed('vom-editor')]);
    await eventually(() => expect(readNeeds(carla.doc).some((n) => n.id === 'vom-editor')).toBe(true));
    expect(readNeeds(watcher.doc).some((n) => n.id === 'vom-kommentar')).toBe(false);
    expect(carla.closeCodes).toEqual([]);
  });
});
