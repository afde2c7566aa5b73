import { actionPlanText, readNeeds } from '@quartierplan/collab';
import type { DocumentKind } from '@quartierplan/domain';
import { diffWords } from 'diff';
import type * as Y from 'yjs';

/** A run of text in a comparison: unchanged, added since the version, or removed since it. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A document as comparable text: one line per block of the action plan, one per need. */
export function documentText(kind: DocumentKind, doc: Y.Doc): string {
  if (kind === 'action_plan') return actionPlanText(doc).join('\n');
  return readNeeds(doc)
    .map((need) => (need.description ? `${need.title} – ${need.description}` : need.title))
    .join('\n');
}

/** Word-level comparison of a version (`before`) with the current state (`after`). */
export function compareTexts(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffWords(before, after)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = parts.at(-1);
    // Adjacent runs of one kind read better as one highlighted stretch.
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}

/** Whether a comparison found any difference. */
export const hasChanges = (parts: readonly DiffPart[]): boolean => parts.some((p) => p.kind !== 'same');

/** Decodes the base64 Yjs state of a version, as the API sends it. */
export function decodeState(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
