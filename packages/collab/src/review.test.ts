import { randomUUID } from 'node:crypto';
import {
  applySuggestions,
  revertSuggestion,
  revertSuggestions,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionPlanSchema, writeActionPlanJson, type SuggestionAuthor } from './editor.ts';
import { reviewSuggestionUpdate, SuggestionReviewer } from './review.ts';
import { actionPlanContent, META_MAP, needsArray } from './schema.ts';
import { stampAuthor } from './testing.ts';

const schema = actionPlanSchema();
const ANNA: SuggestionAuthor = { authorId: 'anna', authorName: 'Anna Amt', at: '2026-12-03T10:00:00.000Z' };
const BERND: SuggestionAuthor = {
  authorId: 'bernd',
  authorName: 'Bernd Bau',
  at: '2026-12-03T11:00:00.000Z',
};

/** A browser's copy: its own Y.Doc synced from the server, a ProseMirror state, y-tiptap writing PM → Y. */
class Client {
  readonly ydoc = new Y.Doc();
  state: EditorState;
  private readonly meta = { mapping: new Map(), isOMark: new Map() };

  constructor(server: Y.Doc) {
    Y.applyUpdate(this.ydoc, Y.encodeStateAsUpdate(server));
    this.state = EditorState.create({
      doc: yXmlFragmentToProseMirrorRootNode(actionPlanContent(this.ydoc), schema),
    });
  }

  /** Applies a transaction as the editor would and returns the Yjs update y-tiptap writes for it. */
  commit(tr: Transaction): Uint8Array {
    this.state = this.state.apply(tr);
    return this.write();
  }

  /** Suggestion mode: the library's transform, then the author stamped on the new marks (as the editor does). */
  suggest(author: SuggestionAuthor, edit: (tr: Transaction) => void): Uint8Array {
    const tr = this.state.tr;
    edit(tr);
    this.state = this.state.apply(transformToSuggestionTransaction(tr, this.state, () => randomUUID()));
    this.state = this.state.apply(stampAuthor(this.state, author));
    return this.write();
  }

  /** Takes what the server has (as the provider would) and reads the document again. */
  pull(server: Y.Doc): void {
    Y.applyUpdate(this.ydoc, Y.encodeStateAsUpdate(server));
    this.meta.mapping.clear();
    this.state = EditorState.create({
      doc: yXmlFragmentToProseMirrorRootNode(actionPlanContent(this.ydoc), schema),
    });
  }

  run(command: (state: EditorState, dispatch: (tr: Transaction) => void) => boolean): Uint8Array {
    let update: Uint8Array = new Uint8Array();
    command(this.state, (tr) => {
      update = this.commit(tr);
    });
    return update;
  }

  private write(): Uint8Array {
    const updates: Uint8Array[] = [];
    const listen = (update: Uint8Array) => updates.push(update);
    this.ydoc.on('update', listen);
    updateYFragment(this.ydoc, actionPlanContent(this.ydoc), this.state.doc, this.meta);
    this.ydoc.off('update', listen);
    return Y.mergeUpdates(updates);
  }
}

function plan(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  writeActionPlanJson(doc, {
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })),
  });
  return doc;
}

/** Position of `needle` in the first paragraph holding it (ProseMirror counting). */
function at(state: EditorState, needle: string): number {
  let found = -1;
  state.doc.descendants((node, pos) => {
    if (found >= 0) return false;
    const index = node.isText ? (node.text ?? '').indexOf(needle) : -1;
    if (index >= 0) found = pos + index;
    return true;
  });
  if (found < 0) throw new Error(`${needle} not found`);
  return found;
}

function accept(server: Y.Doc, update: Uint8Array, sender: string) {
  const verdict = reviewSuggestionUpdate(server, update, sender);
  if (verdict.allowed) Y.applyUpdate(server, update);
  return verdict;
}

const allowed = { allowed: true };
const refused = { allowed: false, reason: expect.any(String) as string };

describe('reviewSuggestionUpdate: suggestions of the sender are allowed', () => {
  it('a suggested insertion, applied and read back with the insertion mark and its author', () => {
    const server = plan('Die Stadt plant einen Spielplatz.');
    const anna = new Client(server);
    const update = anna.suggest(ANNA, (tr) => tr.insertText(' neuen', at(anna.state, ' Spielplatz')));
    expect(accept(server, update, 'anna')).toEqual(allowed);
    const read = new Client(server).state.doc;
    expect(read.textContent).toBe('Die Stadt plant einen neuen Spielplatz.');
    const inserted = read.firstChild?.child(1);
    expect(inserted?.text).toBe(' neuen');
    expect(inserted?.marks[0]?.type.name).toBe('insertion');
    expect(inserted?.marks[0]?.attrs.data).toEqual(ANNA);
  });

  it('a suggested deletion keeps the text and marks it', () => {
    const server = plan('Die Stadt plant einen Spielplatz.');
    const anna = new Client(server);
    const from = at(anna.state, ' einen');
    expect(
      accept(
        server,
        anna.suggest(ANNA, (tr) => tr.delete(from, from + 6)),
        'anna',
      ),
    ).toEqual(allowed);
    const read = new Client(server).state.doc;
    expect(read.textContent).toBe('Die Stadt plant einen Spielplatz.');
    expect(read.firstChild?.child(1).marks.map((m) => m.type.name)).toEqual(['deletion']);
  });

  it('a suggested format change (bold) and a suggested link', () => {
    const server = plan('Die Stadt plant einen Spielplatz.');
    const anna = new Client(server);
    const from = at(anna.state, 'Spielplatz');
    const bold = anna.suggest(ANNA, (tr) => tr.addMark(from, from + 10, schema.marks.bold!.create()));
    expect(accept(server, bold, 'anna')).toEqual(allowed);
    const link = anna.suggest(ANNA, (tr) =>
      tr.addMark(1, 4, schema.marks.link!.create({ href: 'https://example.org' })),
    );
    expect(accept(server, link, 'anna')).toEqual(allowed);
    expect(new Client(server).state.doc.eq(anna.state.doc)).toBe(true);
  });

  it('a block split (a new paragraph) inside a paragraph, at its end and at its start', () => {
    const server = plan('Erster Satz. Zweiter Satz.', 'Dritter.');
    const anna = new Client(server);
    const split = (where: (state: EditorState) => number) =>
      accept(
        server,
        anna.suggest(ANNA, (tr) => tr.split(where(anna.state))),
        'anna',
      );
    expect(split((s) => at(s, ' Zweiter'))).toEqual(allowed);
    expect(split((s) => at(s, 'Dritter.') + 'Dritter.'.length)).toEqual(allowed);
    expect(split((s) => at(s, 'Erster'))).toEqual(allowed);
    expect(new Client(server).state.doc.childCount).toBe(5);
  });

  it("typing inside another person's insertion", () => {
    const server = plan('Die Stadt plant.');
    const bernd = new Client(server);
    Y.applyUpdate(
      server,
      bernd.suggest(BERND, (tr) => tr.insertText(' einen Park', at(bernd.state, '.'))),
    );
    const anna = new Client(server);
    const update = anna.suggest(ANNA, (tr) => tr.insertText(' großen', at(anna.state, ' Park')));
    expect(accept(server, update, 'anna')).toEqual(allowed);
    expect(new Client(server).state.doc.textContent).toBe('Die Stadt plant einen großen Park.');
  });

  it('withdrawing an own suggestion, and a no-op update', () => {
    const server = plan('Die Stadt plant.');
    const anna = new Client(server);
    Y.applyUpdate(
      server,
      anna.suggest(ANNA, (tr) => tr.insertText(' bald', at(anna.state, '.'))),
    );
    const id = anna.state.doc.firstChild?.child(1).marks[0]?.attrs.id as number;
    expect(accept(server, anna.run(revertSuggestion(id)), 'anna')).toEqual(allowed);
    expect(new Client(server).state.doc.textContent).toBe('Die Stadt plant.');
    expect(reviewSuggestionUpdate(server, Y.encodeStateAsUpdate(server), 'anna')).toEqual(allowed);
    expect(reviewSuggestionUpdate(server, new Uint8Array([0, 0]), 'anna')).toEqual(allowed);
  });
});

describe('reviewSuggestionUpdate: everything else is refused', () => {
  it("accepting or rejecting another person's suggestion", () => {
    const server = plan('Die Stadt plant.');
    const bernd = new Client(server);
    Y.applyUpdate(
      server,
      bernd.suggest(BERND, (tr) => tr.insertText(' bald', at(bernd.state, '.'))),
    );
    const from = at(bernd.state, ' Stadt');
    Y.applyUpdate(
      server,
      bernd.suggest(BERND, (tr) => tr.delete(from, from + 6)),
    );
    expect(reviewSuggestionUpdate(server, new Client(server).run(applySuggestions), 'anna')).toEqual(refused);
    expect(reviewSuggestionUpdate(server, new Client(server).run(revertSuggestions), 'anna')).toEqual(
      refused,
    );
    // The same commands are Bernd's own to run on his own suggestions.
    expect(reviewSuggestionUpdate(server, new Client(server).run(revertSuggestions), 'bernd')).toEqual(
      allowed,
    );
  });

  it('direct insert, delete and format', () => {
    const server = plan('Die Stadt plant einen Spielplatz.');
    const anna = () => new Client(server);
    const insert = anna();
    expect(reviewSuggestionUpdate(server, insert.commit(insert.state.tr.insertText('!', 5)), 'anna')).toEqual(
      refused,
    );
    const del = anna();
    expect(reviewSuggestionUpdate(server, del.commit(del.state.tr.delete(1, 5)), 'anna')).toEqual(refused);
    const bold = anna();
    expect(
      reviewSuggestionUpdate(
        server,
        bold.commit(bold.state.tr.addMark(1, 5, schema.marks.bold!.create())),
        'anna',
      ),
    ).toEqual(refused);
    const heading = anna();
    expect(
      reviewSuggestionUpdate(
        server,
        heading.commit(heading.state.tr.setBlockType(1, 1, schema.nodes.heading!, { level: 2 })),
        'anna',
      ),
    ).toEqual(refused);
  });

  it('a comment anchor written by the commenter', () => {
    const server = plan('Die Stadt plant.');
    const anna = new Client(server);
    const tr = anna.state.tr.addMark(1, 4, schema.marks.comment!.create({ threadId: 't1' }));
    expect(reviewSuggestionUpdate(server, anna.commit(tr), 'anna')).toEqual(refused);
  });

  it('changes to another root of the Y.Doc, even beside an allowed suggestion', () => {
    const server = plan('Die Stadt plant.');
    const anna = new Client(server);
    const suggestion = anna.suggest(ANNA, (tr) => tr.insertText(' bald', at(anna.state, '.')));
    const updates: Uint8Array[] = [suggestion];
    anna.ydoc.on('update', (u: Uint8Array) => updates.push(u));
    anna.ydoc.getMap(META_MAP).set('lastRestore', 'x');
    expect(reviewSuggestionUpdate(server, Y.mergeUpdates(updates), 'anna')).toEqual(refused);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const needs: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => needs.push(u));
    needsArray(other).push([new Y.Map()]);
    other.getText('elsewhere').insert(0, 'x');
    expect(reviewSuggestionUpdate(server, Y.mergeUpdates(needs), 'anna')).toEqual(refused);
  });

  it('a suggestion forged in the name of another person', () => {
    const server = plan('Die Stadt plant.');
    const anna = new Client(server);
    const forged = anna.suggest(BERND, (tr) => tr.insertText(' bald', at(anna.state, '.')));
    expect(reviewSuggestionUpdate(server, forged, 'anna')).toEqual(refused);
    const anonymous = new Client(server);
    const tr = anonymous.state.tr.insertText(' bald', 16);
    const unsigned = anonymous.commit(tr.addMark(16, 21, schema.marks.insertion!.create({ id: 'x' })));
    expect(reviewSuggestionUpdate(server, unsigned, 'anna')).toEqual(refused);
  });

  it('content outside the schema and updates that depend on missing changes', () => {
    const server = plan('Die Stadt plant.');
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    rogue.on('update', (u: Uint8Array) => updates.push(u));
    actionPlanContent(rogue).push([new Y.XmlElement('script')]);
    (actionPlanContent(rogue).get(0) as Y.XmlElement).setAttribute('onclick', 'x');
    expect(reviewSuggestionUpdate(server, updates[0]!, 'anna')).toEqual(refused);
    expect(reviewSuggestionUpdate(server, updates[1]!, 'anna')).toEqual(refused);
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(rogue));
    const gap: Uint8Array[] = [];
    later.on('update', (u: Uint8Array) => gap.push(u));
    (actionPlanContent(later).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('x')]);
    expect(reviewSuggestionUpdate(server, gap[0]!, 'anna')).toEqual(refused);
    expect(reviewSuggestionUpdate(server, new Uint8Array([1, 2, 3]), 'anna')).toEqual(refused);
  });
});

describe('reviewSuggestionUpdate: properties', () => {
  const text = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[\u200b]/.test(s));
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), where: fc.nat(), text }),
    fc.record({
      kind: fc.constant('delete' as const),
      where: fc.nat(),
      length: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      kind: fc.constant('bold' as const),
      where: fc.nat(),
      length: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({ kind: fc.constant('split' as const), where: fc.nat() }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

  function apply(tr: Transaction, e: Edit, size: number): boolean {
    const textPositions: number[] = [];
    tr.doc.descendants((node, pos) => {
      if (node.isText) for (let i = 0; i <= node.nodeSize; i++) textPositions.push(pos + i);
      return true;
    });
    const from = textPositions[e.where % textPositions.length]!;
    const to = Math.min(from + ('length' in e ? e.length : 0), tr.doc.resolve(from).end(), size);
    if (e.kind === 'insert') tr.insertText(e.text, from);
    else if (e.kind === 'split') tr.split(from);
    else if (from === to) return false;
    else if (e.kind === 'delete') tr.delete(from, to);
    else tr.addMark(from, to, schema.marks.bold!.create());
    return true;
  }

  it('a sequence of suggestion-mode edits by the sender is allowed exactly when rejecting all of it restores the text', () => {
    // The library itself sometimes leaves a suggestion that rejecting cannot undo (e.g. bold on the invisible
    // marker of a new paragraph); such an update changes the text for good and is refused like a direct edit.
    let allowedCount = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const server = plan('Die Stadt plant einen Spielplatz.', 'Im Quartier fehlen Bänke.');
        const original = new Client(server).state.doc;
        let anna = new Client(server);
        for (const e of edits) {
          const update = anna.suggest(ANNA, (tr) => apply(tr, e, tr.doc.content.size));
          let rejected = anna.state.doc;
          revertSuggestions(anna.state, (tr) => (rejected = tr.doc));
          const verdict = accept(server, update, 'anna');
          expect(verdict.allowed).toBe(rejected.eq(original));
          total++;
          if (verdict.allowed) allowedCount++;
          else anna = new Client(server);
        }
        expect(new Client(server).state.doc.eq(anna.state.doc)).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(allowedCount / total).toBeGreaterThan(0.8);
  });

  it('a long-lived reviewer decides as the one-off rule while an editor changes the document in between', () => {
    const step = fc.record({ by: fc.constantFrom('anna', 'anna', 'bernd', 'anna-direct'), edit });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const server = plan('Die Stadt plant einen Spielplatz.', 'Im Quartier fehlen Bänke.');
        const reviewer = new SuggestionReviewer(server);
        const anna = new Client(server);
        const bernd = new Client(server);
        for (const { by, edit: e } of steps) {
          if (by === 'bernd') {
            // An editor's direct change, applied without review.
            const tr = bernd.state.tr;
            if (apply(tr, e, tr.doc.content.size)) Y.applyUpdate(server, bernd.commit(tr));
          } else {
            const update =
              by === 'anna'
                ? anna.suggest(ANNA, (tr) => apply(tr, e, tr.doc.content.size))
                : anna.commit(((tr) => (apply(tr, e, tr.doc.content.size), tr))(anna.state.tr));
            const expected = reviewSuggestionUpdate(server, update, 'anna').allowed;
            const verdict = reviewer.review(update, 'anna');
            expect(verdict.allowed).toBe(expected);
            if (verdict.allowed) Y.applyUpdate(server, update);
          }
          anna.pull(server);
          bernd.pull(server);
        }
        reviewer.dispose();
      }),
      { numRuns: 40 },
    );
  });

  it('any direct edit that changes the text is refused', () => {
    fc.assert(
      fc.property(edit, (e) => {
        const server = plan('Die Stadt plant einen Spielplatz.', 'Im Quartier fehlen Bänke.');
        const anna = new Client(server);
        const tr = anna.state.tr;
        fc.pre(apply(tr, e, tr.doc.content.size) && tr.docChanged);
        expect(reviewSuggestionUpdate(server, anna.commit(tr), 'anna')).toEqual(refused);
      }),
      { numRuns: 60 },
    );
  });
});

describe('reviewSuggestionUpdate: cost', () => {
  it('checks a keystroke on a ~60 KB action plan quickly', () => {
    const sentence = 'Die Stadt plant im Quartier einen neuen Spielplatz mit Bänken und Bäumen. ';
    const paragraphs = Array.from({ length: 400 }, (_, i) => `${i}. ${sentence}${sentence}`);
    const server = plan(...paragraphs);
    const anna = new Client(server);
    // Suggestions already spread over the document make the revert do real work.
    for (let i = 0; i < 20; i++) {
      Y.applyUpdate(
        server,
        anna.suggest(BERND, (tr) => tr.insertText(' ergänzt', at(anna.state, `${i * 20}. Die`) + 2)),
      );
    }
    expect(anna.state.doc.textContent.length).toBeGreaterThan(60_000);
    const keystrokes = Array.from({ length: 20 }, (_, i) =>
      anna.suggest(ANNA, (tr) => tr.insertText('x', at(anna.state, `${i * 10 + 5}. Die`) + 4)),
    );
    const oneOff = new Y.Doc();
    Y.applyUpdate(oneOff, Y.encodeStateAsUpdate(server));
    let started = performance.now();
    for (const update of keystrokes) expect(accept(oneOff, update, 'anna')).toEqual(allowed);
    const perUpdateOneOff = (performance.now() - started) / keystrokes.length;
    // The server's way: one reviewer per document, updates applied right after their review.
    const reviewer = new SuggestionReviewer(server);
    started = performance.now();
    for (const update of keystrokes) {
      expect(reviewer.review(update, 'anna')).toEqual(allowed);
      Y.applyUpdate(server, update);
    }
    const perUpdate = (performance.now() - started) / keystrokes.length;
    expect(new Client(server).state.doc.eq(new Client(oneOff).state.doc)).toBe(true);
    // eslint-disable-next-line no-console -- the measured cost goes into the report
    console.info(
      `review of a keystroke on ${anna.state.doc.textContent.length} characters: ${perUpdate.toFixed(1)} ms with a SuggestionReviewer, ${perUpdateOneOff.toFixed(1)} ms one-off`,
    );
    expect(perUpdate).toBeLessThan(50);
    expect(perUpdateOneOff).toBeLessThan(250);
  });
});
