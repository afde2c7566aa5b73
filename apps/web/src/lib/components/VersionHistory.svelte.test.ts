import { createNeedMap, needsArray, writeLastRestore } from '@quartierplan/collab';
import { writeActionPlanJson } from '@quartierplan/collab/editor';
import type { DocumentVersionDto } from '@quartierplan/domain';
import { afterEach, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import * as Y from 'yjs';
import VersionHistory from './VersionHistory.svelte';

const docId = '00000000-0000-4000-8000-000000000001';
const author = { id: 'u-anna', name: 'Anna Beispiel' };
const named: DocumentVersionDto = {
  id: 'v-named',
  name: 'Grundstand',
  author,
  createdAt: '2026-12-01T09:00:00.000Z',
  automatic: false,
  restoredFrom: null,
};
const automatic: DocumentVersionDto = {
  id: 'v-auto',
  name: 'Stand vor Wiederherstellung durch Anna Beispiel, 03.12.2026 10:15',
  author,
  createdAt: new Date().toISOString(),
  automatic: true,
  restoredFrom: named.id,
};

/** A needs document holding one need with this title, as the API sends a version's state. */
function needsState(title: string): string {
  const doc = new Y.Doc();
  needsArray(doc).push([
    createNeedMap({
      id: title,
      title,
      description: '',
      targetGroup: '',
      source: 'workshop',
      priority: 'high',
      status: 'open',
      createdBy: null,
      createdAt: null,
    }),
  ]);
  const state = Y.encodeStateAsUpdate(doc);
  return btoa(String.fromCharCode(...state));
}

/** The versions API of one document, answering like the server; records what was restored. */
function serveVersions(restored: string[]) {
  let versions = [automatic, named];
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (path === `/api/documents/${docId}/versions`) return json(versions);
    const restore = path.match(/\/versions\/([^/]+)\/restore$/);
    if (restore && init?.method === 'POST') {
      const before: DocumentVersionDto = {
        ...automatic,
        id: 'v-auto-2',
        name: 'Stand vor Wiederherstellung durch Anna Beispiel, 03.12.2026 10:20',
        restoredFrom: restore[1]!,
      };
      restored.push(restore[1]!);
      versions = [before, ...versions];
      return json({ restored: versions.find((v) => v.id === restore[1]), automatic: before });
    }
    const version = versions.find((v) => path.endsWith(`/versions/${v.id}`));
    if (version) return json({ ...version, kind: 'needs', state: needsState(`Inhalt von ${version.id}`) });
    return new Response('{"error":{"code":"not_found","message":"Nicht gefunden"}}', { status: 404 });
  });
}

afterEach(() => vi.unstubAllGlobals());

test('tells who restored which version and opens the automatic version of the state before', async () => {
  vi.stubGlobal('fetch', serveVersions([]));
  const current = new Y.Doc();
  render(VersionHistory, { docId, kind: 'needs', readOnly: false, current });

  // Another person restores while this one is on the document.
  writeLastRestore(current, {
    byId: author.id,
    byName: author.name,
    versionId: named.id,
    versionName: named.name,
    automaticVersionId: automatic.id,
    at: new Date().toISOString(),
  });
  const notice = page.getByRole('status').filter({ hasText: 'Anna Beispiel hat die Version „Grundstand“' });
  await expect.element(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Stand davor ansehen' }).click();

  const list = page.getByRole('list', { name: 'Gespeicherte Versionen' });
  await expect.element(list.getByText(automatic.name)).toBeVisible();
  await expect.element(list.getByText('automatisch')).toBeVisible();
  await expect
    .element(page.getByRole('heading', { name: `Version „${automatic.name}“ (nur lesen)` }))
    .toBeVisible();
  await expect.element(page.getByText('Inhalt von v-auto')).toBeVisible();

  await notice.getByRole('button', { name: 'Hinweis schließen' }).click();
  await expect.element(notice).not.toBeInTheDocument();
});

test('restoring asks first, says the current state is kept, and lists the new automatic version', async () => {
  const restored: string[] = [];
  vi.stubGlobal('fetch', serveVersions(restored));
  render(VersionHistory, { docId, kind: 'needs', readOnly: false, current: new Y.Doc() });

  await page.getByRole('button', { name: 'Versionsverlauf' }).click();
  await page.getByRole('button', { name: 'Wiederherstellen: Grundstand' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Version wiederherstellen?' });
  await expect.element(dialog.getByText(/als automatische Version im Verlauf gespeichert/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();

  await expect.element(page.getByText('Version „Grundstand“ wiederhergestellt.')).toBeVisible();
  expect(restored).toEqual([named.id]);
  const list = page.getByRole('list', { name: 'Gespeicherte Versionen' });
  await expect
    .element(list.getByText('Stand vor Wiederherstellung durch Anna Beispiel, 03.12.2026 10:20'))
    .toBeVisible();
});

test('an action-plan version shows the suggestions and comment anchors it held, with their author', async () => {
  const doc = new Y.Doc();
  const ben = { authorId: 'u-ben', authorName: 'Ben Büro', at: '2026-12-01T09:00:00.000Z' };
  writeActionPlanJson(doc, {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Spielplatz', marks: [{ type: 'comment', attrs: { threadId: 't-1' } }] },
          {
            type: 'text',
            text: ' mit Bänken',
            marks: [{ type: 'insertion', attrs: { id: 's-1', data: ben } }],
          },
          { type: 'text', text: ' sofort', marks: [{ type: 'deletion', attrs: { id: 's-2', data: ben } }] },
        ],
      },
    ],
  });
  const state = btoa(String.fromCharCode(...Y.encodeStateAsUpdate(doc)));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = String(input);
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      if (path === `/api/documents/${docId}/versions`) return json([named]);
      return json({ ...named, kind: 'action_plan', state });
    }),
  );
  render(VersionHistory, { docId, kind: 'action_plan', readOnly: true, current: new Y.Doc() });
  await page.getByRole('button', { name: 'Versionsverlauf' }).click();
  await page.getByRole('button', { name: 'Ansehen: Grundstand' }).click();

  const shown = page.getByRole('textbox', { name: /Grundstand/ });
  const insertion = shown.getByText('mit Bänken');
  await expect.element(insertion).toHaveClass(/suggestion-insertion/);
  await expect
    .element(insertion)
    .toHaveAttribute('title', expect.stringMatching(/^Vorschlag von Ben Büro, /));
  await expect.element(shown.getByText('sofort')).toHaveClass(/suggestion-deletion/);
  await expect.element(shown.getByText('Spielplatz')).toHaveClass(/comment-anchor/);
});
