import {
  suggestChanges,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import type { Node as PmNode } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { actionPlanSchema } from './editor.ts';
import {
  listSuggestions,
  newSuggestionId,
  resolveSuggestions,
  suggestChangesKey,
  suggestionAuthorship,
  type Suggester,
} from './suggestions.ts';

const anna: Suggester = { authorId: 'u-anna', authorName: 'Anna Amt' };
const ben: Suggester = { authorId: 'u-ben', authorName: 'Ben Büro' };

function docOf(...paragraphs: string[]): PmNode {
  return actionPlanSchema().nodeFromJSON({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
}

/** One person's editor state in suggestion mode. */
function suggestingState(doc: PmNode, who: Suggester): EditorState {
  const state = EditorState.create({ doc, plugins: [suggestChanges(), suggestionAuthorship(() => who)] });
  return state.apply(state.tr.setMeta(suggestChangesKey, { enabled: true, skip: true }));
}

/** What the editor does with a typed or deleted change: the library's transform, then the plugins. */
function suggest(state: EditorState, change: (tr: Transaction) => Transaction): EditorState {
  const tracked = transformToSuggestionTransaction(change(state.tr), state, () => newSuggestionId());
  return state.applyTransaction(tracked).state;
}

/** Another person's state with the same document (what Yjs would deliver). */
function as(state: EditorState, who: Suggester): EditorState {
  return suggestingState(state.doc, who);
}

function marksOf(doc: PmNode) {
  const found: { text: string; type: string; id: string; authorId: string | undefined }[] = [];
  doc.descendants((node) => {
    for (const mark of node.marks) {
      if (['insertion', 'deletion', 'modification'].includes(mark.type.name)) {
        const data = mark.attrs.data as { authorId?: string } | null;
        found.push({
          text: node.text ?? '',
          type: mark.type.name,
          id: String(mark.attrs.id),
          authorId: data?.authorId,
        });
      }
    }
  });
  return found;
}

describe('suggestions', () => {
  it('stamps an insertion with its author, the time and a string id', () => {
    const state = suggest(suggestingState(docOf('Spielplatz bauen'), anna), (tr) =>
      tr.insertText(' neu', 11),
    );
    const [mark] = marksOf(state.doc);
    expect(mark).toMatchObject({ text: ' neu', type: 'insertion', authorId: 'u-anna' });
    expect(mark!.id).toMatch(/^s-[0-9a-f-]{36}$/);
    const node = state.doc.nodeAt(11)!;
    const data = node.marks[0]!.attrs.data as { authorName: string; at: string };
    expect(data.authorName).toBe('Anna Amt');
    expect(Date.parse(data.at)).not.toBeNaN();
  });

  it('marks a deletion instead of deleting, with the author', () => {
    const state = suggest(suggestingState(docOf('Spielplatz bauen'), ben), (tr) => tr.delete(1, 11));
    expect(state.doc.textContent).toBe('Spielplatz bauen');
    expect(marksOf(state.doc)).toEqual([
      expect.objectContaining({ text: 'Spielplatz', type: 'deletion', authorId: 'u-ben' }),
    ]);
  });

  it('gives two people typing at once different ids', () => {
    const doc = docOf('Eins Zwei');
    const a = suggest(suggestingState(doc, anna), (tr) => tr.insertText('A', 1));
    const b = suggest(suggestingState(doc, ben), (tr) => tr.insertText('B', 5));
    expect(marksOf(a.doc)[0]!.id).not.toBe(marksOf(b.doc)[0]!.id);
  });

  it('typing inside or right after another person’s insertion makes one’s own suggestion', () => {
    let state = suggest(suggestingState(docOf('Text'), anna), (tr) => tr.insertText('abcd', 5));
    const annaId = marksOf(state.doc)[0]!.id;
    state = as(state, ben);
    state = suggest(state, (tr) => tr.insertText('X', 7)); // inside "abcd"
    state = suggest(state, (tr) => tr.insertText('Y', 10)); // right after it
    const marks = marksOf(state.doc);
    expect(marks.map((m) => [m.text, m.authorId])).toEqual([
      ['ab', 'u-anna'],
      ['X', 'u-ben'],
      ['cd', 'u-anna'],
      ['Y', 'u-ben'],
    ]);
    expect(marks.filter((m) => m.authorId === 'u-anna').every((m) => m.id === annaId)).toBe(true);
    expect(marks.filter((m) => m.authorId === 'u-ben').every((m) => m.id !== annaId)).toBe(true);
  });

  it('continuing one’s own insertion keeps one suggestion', () => {
    let state = suggest(suggestingState(docOf('Text'), anna), (tr) => tr.insertText('ab', 5));
    state = suggest(state, (tr) => tr.insertText('c', 7));
    const summaries = listSuggestions(state.doc);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ inserted: 'abc', author: { authorId: 'u-anna' } });
  });

  it('deleting next to another person’s deletion leaves theirs untouched', () => {
    let state = suggest(suggestingState(docOf('abcdef'), anna), (tr) => tr.delete(3, 5)); // "cd"
    state = suggest(as(state, ben), (tr) => tr.delete(5, 6)); // "e"
    expect(marksOf(state.doc).map((m) => [m.text, m.authorId])).toEqual([
      ['cd', 'u-anna'],
      ['e', 'u-ben'],
    ]);
  });

  it('suggests a whole new paragraph as a block mark the schema accepts, stamped too', () => {
    const schema = actionPlanSchema();
    let state = suggestingState(docOf('Erster'), anna);
    const paragraph = schema.nodes.paragraph!.create(null, schema.text('Zweiter'));
    state = suggest(state, (tr) => tr.insert(state.doc.content.size, paragraph));
    state.doc.check();
    expect(state.doc.childCount).toBe(2);
    const [summary] = listSuggestions(state.doc);
    expect(summary).toMatchObject({ author: { authorId: 'u-anna' } });
    expect(summary!.inserted).toContain('Zweiter');
    const rejected = state.apply(resolveSuggestions(state, [summary!.id], 'reject')!);
    expect(rejected.doc.childCount).toBe(1);
  });

  it('leaves no invisible marker behind when a new paragraph typed with Enter is accepted or rejected', () => {
    let state = suggestingState(docOf('Erster'), anna);
    state = suggest(state, (tr) => tr.split(state.doc.child(0).nodeSize - 1));
    const end = state.doc.content.size - 1;
    state = suggest(state, (tr) => tr.insertText('Zweiter', end));
    expect(state.doc.textContent).toContain('\u200B');
    const ids = listSuggestions(state.doc).map((s) => s.id);
    const accepted = state.apply(resolveSuggestions(state, ids, 'accept')!);
    expect(accepted.doc.textContent).not.toContain('\u200B');
    expect(accepted.doc.childCount).toBe(2);
    expect(accepted.doc.child(1).textContent).toBe('Zweiter');
    const rejected = state.apply(resolveSuggestions(state, ids, 'reject')!);
    expect(rejected.doc.textContent).toBe('Erster');
  });

  it('suggests formatting: bold is a suggestion, not a direct change', () => {
    const schema = actionPlanSchema();
    const state = suggest(suggestingState(docOf('wichtig'), ben), (tr) =>
      tr.addMark(1, 8, schema.marks.bold!.create()),
    );
    const [summary] = listSuggestions(state.doc);
    expect(summary?.author?.authorId).toBe('u-ben');
    const rejected = state.apply(resolveSuggestions(state, [summary!.id], 'reject')!);
    expect(rejected.doc.eq(docOf('wichtig'))).toBe(true);
  });

  it('lists suggestions per id with what they insert and delete', () => {
    let state = suggest(suggestingState(docOf('Alt und gut'), anna), (tr) => tr.insertText('Neu ', 1));
    state = suggest(as(state, ben), (tr) => tr.delete(9, 13)); // "und "
    expect(
      listSuggestions(state.doc).map(({ author, inserted, deleted }) => [
        author?.authorName,
        inserted,
        deleted,
      ]),
    ).toEqual([
      ['Anna Amt', 'Neu ', ''],
      ['Ben Büro', '', 'und '],
    ]);
  });

  describe('accepting and rejecting', () => {
    function reviewed() {
      let state = suggest(suggestingState(docOf('Wir planen.'), anna), (tr) => tr.insertText(' bald', 11)); // insertion
      state = suggest(as(state, anna), (tr) => tr.delete(1, 5)); // "Wir " deleted
      state = suggest(as(state, ben), (tr) => tr.insertText('!', state.doc.content.size - 1)); // Ben's insertion
      return state;
    }
    const ids = (state: EditorState, authorId?: string) =>
      listSuggestions(state.doc)
        .filter((s) => !authorId || s.author?.authorId === authorId)
        .map((s) => s.id);
    const apply = (state: EditorState, tr: Transaction | null) => state.apply(tr!);

    it('accepts one insertion and rejects one deletion', () => {
      const state = reviewed();
      const [deletion, insertion] = listSuggestions(state.doc); // in document order
      expect(insertion!.inserted).toBe(' bald');
      expect(deletion!.deleted).toBe('Wir ');
      let next = apply(state, resolveSuggestions(state, [insertion!.id], 'accept'));
      next = apply(next, resolveSuggestions(next, [deletion!.id], 'reject'));
      expect(next.doc.textContent).toBe('Wir planen bald.!');
      expect(listSuggestions(next.doc).map((s) => s.author?.authorId)).toEqual(['u-ben']);
    });

    it('accepts everything of one person, and rejects everything', () => {
      const state = reviewed();
      const accepted = apply(state, resolveSuggestions(state, ids(state, 'u-anna'), 'accept'));
      expect(accepted.doc.textContent).toBe('planen bald.!');
      expect(ids(accepted)).toEqual(ids(state, 'u-ben'));
      const rejected = apply(state, resolveSuggestions(state, ids(state), 'reject'));
      expect(rejected.doc.textContent).toBe('Wir planen.');
      expect(listSuggestions(rejected.doc)).toEqual([]);
    });

    it('accepts all as one transaction that the suggestion mode lets through', () => {
      const state = reviewed();
      const tr = resolveSuggestions(state, ids(state), 'accept')!;
      expect((tr.getMeta(suggestChangesKey) as { skip?: boolean }).skip).toBe(true);
      expect(apply(state, tr).doc.textContent).toBe('planen bald.!');
    });

    it('gives nothing to do for ids no longer there', () => {
      const state = reviewed();
      expect(resolveSuggestions(state, ['s-gone'], 'accept')).toBeNull();
    });
  });
});
