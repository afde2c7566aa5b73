import { Transform } from '@tiptap/pm/transform';
import { updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { actionPlanProseMirror } from './comment-anchors.ts';
import { SUGGESTION_MARKS } from './marks.ts';
import { actionPlanContent, readLastRestore, writeLastRestore } from './schema.ts';

/** The person whose name leaves a document (DSGVO Art. 17). */
export interface ErasedPerson {
  id: string;
  name: string;
}

const SUGGESTION_NAMES = new Set<string>(SUGGESTION_MARKS);

/**
 * Replaces a person's name wherever the document keeps it: the authorship of their suggestion marks
 * (`data.authorName`, matched by id or name) and the last restore's record. Their text and the marks' ids,
 * author ids and times stay. Call inside the change of a live document; the replaced values are deleted
 * items afterwards, which a garbage-collecting document (and so the next compaction) drops. Returns whether
 * anything changed.
 */
export function eraseNameFromDocument(doc: Y.Doc, person: ErasedPerson, replacement: string): boolean {
  let changed = false;
  const { doc: pm, meta } = actionPlanProseMirror(doc);
  const tr = new Transform(pm);
  pm.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (!SUGGESTION_NAMES.has(mark.type.name)) continue;
      const data = mark.attrs.data as Record<string, unknown> | null;
      if (!data || (data.authorId !== person.id && data.authorName !== person.name)) continue;
      if (data.authorName === replacement) continue;
      tr.removeMark(pos, pos + node.nodeSize, mark);
      tr.addMark(
        pos,
        pos + node.nodeSize,
        mark.type.create({ ...mark.attrs, data: { ...data, authorName: replacement } }),
      );
    }
  });
  if (tr.docChanged) {
    doc.transact(() => {
      updateYFragment(doc, actionPlanContent(doc), tr.doc, meta);
      removeOverriddenFormats(actionPlanContent(doc));
    });
    changed = true;
  }
  const restore = readLastRestore(doc);
  if (restore) {
    const scrub = (text: string) => (person.name ? text.split(person.name).join(replacement) : text);
    const next = {
      ...restore,
      byName: restore.byId === person.id ? replacement : scrub(restore.byName),
      versionName: scrub(restore.versionName),
    };
    if (next.byName !== restore.byName || next.versionName !== restore.versionName) {
      writeLastRestore(doc, next);
      changed = true;
    }
  }
  return changed;
}

/**
 * Changing a mark's attributes leaves the old value in the text as a format item that a later one in the same
 * gap between characters overrides at once (Yjs cleans such items up only after remote changes, and its full
 * cleanup misses them). Deleting them makes them garbage, so the old value leaves the document's state.
 */
function removeOverriddenFormats(fragment: Y.XmlFragment): void {
  const texts: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(fragment);
  fragment.doc!.transact((transaction) => {
    for (const text of texts) {
      // Walking backwards: within a gap, a format item whose key a later item sets again is dead.
      let item = (text as unknown as { _start: Y.Item | null })._start;
      while (item?.right) item = item.right;
      let later = new Set<string>();
      for (; item; item = item.left) {
        if (item.deleted) continue;
        if (!(item.content instanceof Y.ContentFormat)) {
          if (item.countable) later = new Set();
          continue;
        }
        if (later.has(item.content.key)) item.delete(transaction);
        else later.add(item.content.key);
      }
    }
  });
}

/** Whether any suggestion mark of the action plan still names the person (tests, checks). */
export function suggestionAuthorNames(doc: Y.Doc): string[] {
  const names: string[] = [];
  actionPlanProseMirror(doc).doc.descendants((node) => {
    for (const mark of node.marks) {
      const data = mark.attrs.data as { authorName?: unknown } | null;
      if (SUGGESTION_NAMES.has(mark.type.name) && typeof data?.authorName === 'string')
        names.push(data.authorName);
    }
  });
  return names;
}
