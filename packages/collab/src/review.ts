import { revertSuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import type { Mark, MarkType, Node, Schema } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { Transform } from '@tiptap/pm/transform';
import * as Y from 'yjs';
import { actionPlanSchema } from './editor.ts';
import { SUGGESTION_MARKS } from './marks.ts';
import { actionPlanContent } from './schema.ts';

/** What the sync server does with a commenter's update: apply it, or refuse all of it (and why, for the log). */
export type SuggestionReview = { allowed: true } | { allowed: false; reason: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type YType = Y.AbstractType<any>;

class Refusal extends Error {}

const SUGGESTION_NAMES = new Set<string>(SUGGESTION_MARKS);
/** y-tiptap stores marks that may overlap (comments) under `<name>--<hash>`. */
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

/**
 * The one rule of `comment` access (docs/CONTRACT.md, Comments and suggestions): a commenter's Yjs update is
 * allowed iff it changes nothing outside the action plan's `content` root, the content with every suggestion
 * reverted (as an editor rejecting all would see it; comment marks included) is the same before and after,
 * every suggestion that is new, changed or gone carries `data.authorId === senderId`, and no comment anchor
 * appears that was not there (the server writes those). An update that changes nothing is allowed.
 *
 * Pure: `before` is not touched (the update is tried on a copy). Reads the documents as the editor does
 * (y-tiptap encoding through actionPlanSchema()); parts the update touches must be valid in that schema.
 * A server reviewing many updates of one document uses a SuggestionReviewer, which keeps its copy.
 */
export function reviewSuggestionUpdate(
  before: Y.Doc,
  update: Uint8Array,
  senderId: string,
): SuggestionReview {
  const reviewer = new SuggestionReviewer(before);
  try {
    return reviewer.review(update, senderId);
  } finally {
    reviewer.dispose();
  }
}

/**
 * Reviews updates of one live document with reviewSuggestionUpdate's rule, faster: it keeps a copy of the
 * document (brought up to date with what changed since, instead of copied whole each time) and the
 * ProseMirror reading of it (only changed blocks are read again). The caller applies an allowed update to the
 * document right after the review, as the sync room does; a refused one leaves the copy to be made anew.
 */
export class SuggestionReviewer {
  private copy: Y.Doc | null = null;
  private reader = new Reader();
  /** The copy read as ProseMirror with its suggestions, while no change since has made it stale. */
  private current: Reading | null = null;
  private sourceChanged = true;
  /** The source's next transaction is the allowed update, which the copy already holds. */
  private expected = false;

  private readonly onSourceChange = () => {
    if (this.expected) this.expected = false;
    else this.sourceChanged = true;
  };

  constructor(private readonly source: Y.Doc) {
    source.on('afterTransaction', this.onSourceChange);
  }

  /** Stops following the source. */
  dispose(): void {
    this.source.off('afterTransaction', this.onSourceChange);
    this.copy?.destroy();
    this.copy = null;
  }

  review(update: Uint8Array, senderId: string): SuggestionReview {
    this.expected = false;
    try {
      this.check(update, senderId);
      this.expected = true;
      return { allowed: true };
    } catch (error) {
      // The copy holds the refused update (or is in doubt): it is made anew next time.
      this.copy = null;
      if (error instanceof Refusal) return { allowed: false, reason: error.message };
      return {
        allowed: false,
        reason: `unreadable: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  /** The copy, brought up to date with the source. */
  private upToDate(): Y.Doc {
    // A copy ahead of the source (an allowed update the room then failed to integrate) is made anew.
    if (this.copy && !this.sourceChanged && !sameState(this.copy, this.source)) this.copy = null;
    if (!this.copy) {
      this.copy = new Y.Doc({ gc: false });
      actionPlanContent(this.copy);
      Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(this.source));
      this.reader = new Reader();
      this.current = null;
    } else if (this.sourceChanged) {
      const changed = this.track(this.copy, () =>
        Y.applyUpdate(this.copy!, Y.encodeStateAsUpdate(this.source, Y.encodeStateVector(this.copy!))),
      );
      if (changed.types.size > 0) {
        for (const type of changed.types) this.reader.invalidate(type);
        this.current = null;
      }
    }
    this.sourceChanged = false;
    return this.copy;
  }

  private track(doc: Y.Doc, run: () => void) {
    const types = new Set<YType>();
    let beforeState = new Map<number, number>();
    const listen = (tr: Y.Transaction) => {
      beforeState = tr.beforeState;
      for (const type of tr.changed.keys()) types.add(type);
    };
    doc.on('afterTransaction', listen);
    try {
      run();
    } finally {
      doc.off('afterTransaction', listen);
    }
    return { types, beforeState };
  }

  private check(update: Uint8Array, senderId: string): void {
    const copy = this.upToDate();
    const content = actionPlanContent(copy);
    const schema = actionPlanSchema();
    const was = (this.current ??= reading(this.reader.read(content, schema, () => false)));

    const { types: changed, beforeState } = this.track(copy, () => Y.applyUpdate(copy, update));
    // Structs waiting for missing ones would be integrated later, by someone else's update, unchecked.
    if (copy.store.pendingStructs || copy.store.pendingDs)
      throw new Refusal('depends on changes the server lacks');
    if (changed.size === 0) return;
    for (const type of changed) {
      if (rootOf(type) !== content) throw new Refusal('changes another part of the document');
      this.reader.invalidate(type);
    }
    const isNew = (type: YType) => {
      const item = type._item;
      return item !== null && item.id.clock >= (beforeState.get(item.id.client) ?? 0);
    };
    const is = reading(this.reader.read(content, schema, (type) => changed.has(type) || isNew(type)));
    this.current = null;

    for (const threadId of is.threads) {
      if (!was.threads.has(threadId)) throw new Refusal('adds a comment anchor');
    }
    for (const [key, group] of is.groups) {
      if (was.groups.get(key)?.signature !== group.signature && group.authorId !== senderId)
        throw new Refusal(`changes a suggestion of ${describe(group.authorId)}`);
    }
    for (const [key, group] of was.groups) {
      if (!is.groups.has(key) && group.authorId !== senderId)
        throw new Refusal(`removes a suggestion of ${describe(group.authorId)}`);
    }
    if (!was.reverted().eq(is.reverted())) throw new Refusal('changes the text beyond suggestions');
    this.current = is;
  }
}

interface Reading extends ReturnType<typeof suggestionsOf> {
  doc: Node;
  /** The document with every suggestion rejected (computed once, when first needed). */
  reverted(): Node;
}

function reading(doc: Node): Reading {
  const found = suggestionsOf(doc);
  let reverted: Node | null = null;
  return { ...found, doc, reverted: () => (reverted ??= revert(doc, found.marked)) };
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const x = Y.encodeStateVector(a);
  const y = Y.encodeStateVector(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

const describe = (authorId: string | null) => (authorId === null ? 'nobody' : 'another person');

function rootOf(type: YType): YType {
  let current = type;
  while (current._item !== null) current = current._item.parent as YType;
  return current;
}

/**
 * Reads a fragment as ProseMirror does. Types where `strict` holds (what the update wrote) must be valid in
 * the schema; elsewhere invalid parts are left out as y-tiptap leaves them out (without deleting them). Keeps
 * what it read per Y type, so a read after a change converts only the changed types and their ancestors.
 */
class Reader {
  private cache = new Map<YType, Node | null | Node[]>();

  /** Forgets what was read of `type` and every type around it. */
  invalidate(type: YType): void {
    for (
      let current: YType | null = type;
      current;
      current = (current._item?.parent as YType | undefined) ?? null
    )
      this.cache.delete(current);
  }

  read(fragment: Y.XmlFragment, schema: Schema, strict: (type: YType) => boolean): Node {
    // Only what this read reached is kept: deleted types drop out instead of piling up.
    const previous = this.cache;
    const cache = new Map<YType, Node | null | Node[]>();
    const cached = <T extends Node | null | Node[]>(type: YType, make: () => T): T => {
      const hit = previous.get(type);
      const value = (hit !== undefined ? hit : make()) as T;
      cache.set(type, value);
      return value;
    };
    const fail = (type: YType, what: string): null => {
      if (strict(type)) throw new Refusal(`writes ${what}`);
      return null;
    };
    const children = (parent: Y.XmlFragment | Y.XmlElement): Node[] => {
      const nodes: Node[] = [];
      for (const child of parent.toArray()) {
        if (child instanceof Y.XmlElement) {
          const node = cached(child, () => element(child));
          if (node) nodes.push(node);
        } else if (child instanceof Y.XmlText && parent instanceof Y.XmlElement) {
          nodes.push(...cached(child, () => text(child)));
        } else {
          fail(parent, 'content outside the schema');
        }
      }
      return nodes;
    };
    const element = (el: Y.XmlElement): Node | null => {
      const type = schema.nodes[el.nodeName];
      if (!type || type.isText || type === schema.topNodeType)
        return fail(el, `an unknown node ${el.nodeName}`);
      const attrs = el.getAttributes();
      if (strict(el) && Object.keys(attrs).some((key) => !(key in (type.spec.attrs ?? {}))))
        return fail(el, 'an unknown attribute');
      let content: Node[];
      try {
        content = children(el);
      } catch (error) {
        if (error instanceof Refusal) throw error;
        return fail(el, 'unreadable content');
      }
      try {
        return strict(el) ? type.createChecked(attrs, content) : type.create(attrs, content);
      } catch {
        return fail(el, `an invalid ${el.nodeName}`);
      }
    };
    const text = (ytext: Y.XmlText): Node[] => {
      const nodes: Node[] = [];
      try {
        for (const delta of ytext.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
          if (typeof delta.insert !== 'string' || delta.insert === '') throw new Error('embed');
          nodes.push(schema.text(delta.insert, marksOf(delta.attributes ?? {}, strict(ytext))));
        }
      } catch (error) {
        if (error instanceof Refusal) throw error;
        fail(ytext, 'text outside the schema');
        return [];
      }
      return nodes;
    };
    const marksOf = (attributes: Record<string, unknown>, checked: boolean): Mark[] =>
      Object.entries(attributes).map(([key, value]) => {
        const type: MarkType | undefined = schema.marks[HASHED_MARK.exec(key)?.[1] ?? key];
        if (!type) throw new Error(`mark ${key}`);
        if (
          checked &&
          (value === null ||
            typeof value !== 'object' ||
            Object.keys(value).some((k) => !(k in (type.spec.attrs ?? {}))))
        )
          throw new Refusal(`an invalid mark ${type.name}`);
        return type.create(value as Record<string, unknown>);
      });
    try {
      return schema.topNodeType.createChecked(null, children(fragment));
    } finally {
      this.cache = cache;
    }
  }
}

interface SuggestionGroup {
  authorId: string | null;
  /** The group's text in document order with the other marks on it (bold, comment anchors, …). */
  signature: string;
}

/**
 * Suggestions of a document grouped by their mark (type, id and data: whoever wrote it): a group "changes" when
 * its text or the marks on that text change; text typed into it by someone else carries that person's mark and
 * forms their own group, so the signature joins the runs of a group whatever lies between them.
 */
function suggestionsOf(doc: Node) {
  const runs = new Map<string, { authorId: string | null; parts: string[] }>();
  const threads = new Set<string>();
  let marked = false;
  doc.descendants((node) => {
    if (!node.isText) return true;
    let suggestion: Mark | undefined;
    for (const mark of node.marks) {
      if (SUGGESTION_NAMES.has(mark.type.name)) suggestion = mark;
      else if (mark.type.name === 'comment') threads.add(String(mark.attrs.threadId));
    }
    if (!suggestion) return false;
    marked = true;
    const key = JSON.stringify(suggestion.toJSON());
    const others = JSON.stringify(node.marks.filter((m) => m !== suggestion).map((m) => m.toJSON()));
    let group = runs.get(key);
    if (!group) {
      group = { authorId: authorOf(suggestion), parts: [] };
      runs.set(key, group);
    }
    const last = group.parts.length - 1;
    if (last >= 1 && group.parts[last - 1] === others) group.parts[last] += node.text ?? '';
    else group.parts.push(others, node.text ?? '');
    return false;
  });
  const groups = new Map<string, SuggestionGroup>();
  for (const [key, { authorId, parts }] of runs)
    groups.set(key, { authorId, signature: JSON.stringify(parts) });
  return { groups, threads, marked };
}

function authorOf(mark: Mark): string | null {
  const data: unknown = mark.attrs.data;
  if (data === null || typeof data !== 'object') return null;
  const authorId = (data as { authorId?: unknown }).authorId;
  return typeof authorId === 'string' ? authorId : null;
}

/**
 * The document with every suggestion rejected, through the library's own revertSuggestions (what an editor's
 * "reject all" does). Modification marks only exist as text marks here (Yjs keeps no node marks) and carry
 * nothing to revert, so they are dropped first.
 */
function revert(doc: Node, marked: boolean): Node {
  if (!marked) return doc;
  const modification = doc.type.schema.marks.modification;
  const plain = modification ? new Transform(doc).removeMark(0, doc.content.size, modification).doc : doc;
  let reverted = plain;
  revertSuggestions(EditorState.create({ doc: plain }), (tr) => {
    reverted = tr.doc;
  });
  return reverted;
}
