import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eraseNameFromDocument, suggestionAuthorNames } from './erasure.ts';
import { actionPlanText, readLastRestore, writeActionPlanTemplate, writeLastRestore } from './schema.ts';
import { editAsEditor, textPosition } from './testing.ts';

const NAME = 'Zoë Quäntchen-Müller';
const bytesOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc));

function documentWithSuggestion() {
  const doc = new Y.Doc({ gc: true });
  writeActionPlanTemplate(doc);
  editAsEditor(doc, (s) => s.tr.insertText('Ein Spielplatz entsteht.', 1));
  const author = { authorId: 'u-1', authorName: NAME, at: '2026-01-01T00:00:00.000Z' };
  editAsEditor(doc, (s) => s.tr.insertText(' neuer', textPosition(s, ' Spielplatz')), author);
  editAsEditor(
    doc,
    (s) => s.tr.insertText(' Ende', textPosition(s, 'entsteht.') + 'entsteht.'.length),
    author,
  );
  editAsEditor(
    doc,
    (s) => s.tr.delete(textPosition(s, 'Spielplatz'), textPosition(s, 'Spielplatz') + 4),
    author,
  );
  editAsEditor(doc, (s) => s.tr.insertText(' Anderes', textPosition(s, ' entsteht')), {
    ...author,
    authorId: 'u-2',
    authorName: 'Bea Andere',
  });
  writeLastRestore(doc, {
    byId: 'u-1',
    byName: NAME,
    versionId: 'v1',
    versionName: `Stand vor Wiederherstellung durch ${NAME}, 01.01.2026 10:00`,
    automaticVersionId: 'v2',
    at: '2026-01-01T00:00:00.000Z',
  });
  return doc;
}

describe('eraseNameFromDocument', () => {
  it('replaces the name in suggestion marks and the last restore; the re-encoded state no longer holds it', () => {
    const doc = documentWithSuggestion();
    expect(bytesOf(doc).includes(Buffer.from(NAME))).toBe(true);
    const textBefore = actionPlanText(doc).join('\n');

    expect(eraseNameFromDocument(doc, { id: 'u-1', name: NAME }, 'Gelöschte Person')).toBe(true);

    expect([...new Set(suggestionAuthorNames(doc))].sort()).toEqual(['Bea Andere', 'Gelöschte Person']);
    expect(readLastRestore(doc)).toMatchObject({
      byName: 'Gelöschte Person',
      versionName: 'Stand vor Wiederherstellung durch Gelöschte Person, 01.01.2026 10:00',
    });
    expect(actionPlanText(doc).join('\n')).toBe(textBefore);
    expect(bytesOf(doc).includes(Buffer.from(NAME))).toBe(false);
    // A second run finds nothing to do.
    expect(eraseNameFromDocument(doc, { id: 'u-1', name: NAME }, 'Gelöschte Person')).toBe(false);
  });

  it('leaves the name in the old log rows until they are folded: a rebuilt collecting document drops it', () => {
    const doc = documentWithSuggestion();
    const log = [Y.encodeStateAsUpdate(doc)];
    doc.on('update', (update: Uint8Array) => log.push(update));
    eraseNameFromDocument(doc, { id: 'u-1', name: NAME }, 'Gelöschte Person');
    const rebuilt = new Y.Doc({ gc: true });
    rebuilt.transact(() => log.forEach((u) => Y.applyUpdate(rebuilt, u)));
    expect(bytesOf(rebuilt).includes(Buffer.from(NAME))).toBe(false);
    expect(suggestionAuthorNames(rebuilt)).toContain('Gelöschte Person');
  });
});
