import { formatGermanDate } from '@quartierplan/domain';
import { cleanText, type TextRun } from '../model.ts';

/** One comment of a thread: the first opens it, the rest are replies. */
export interface ExportComment {
  authorName: string;
  body: string;
  /** ISO 8601. */
  at: string;
}

/** A comment thread as the caller holds it (the threads live in PostgreSQL, their anchors in the text). */
export interface ExportCommentThread {
  id: string;
  resolved: boolean;
  comments: ExportComment[];
}

/** What an action-plan export needs: the issuing body, the Sozialraum, the date and the editor's JSON. */
export interface ActionPlanExportInput {
  body: { name: string; letterhead: readonly string[] };
  sozialraum: { code: string; name: string };
  /** `YYYY-MM-DD`, the day of the export. */
  date: string;
  /** ProseMirror JSON of the action plan (`actionPlanJson`), review marks included. */
  content: unknown;
  threads?: readonly ExportCommentThread[];
  /**
   * With markup: open threads as comments and suggestions as tracked changes. Without: the document as it
   * stands (suggested insertions left out, suggested deletions kept as text, no comments).
   */
  markup?: boolean;
}

/** A suggestion as a tracked change; `id` is unique among all annotations of the file. */
export interface TrackedChange {
  kind: 'insertion' | 'deletion';
  id: number;
  author: string;
  /** ISO 8601 to the second, as Word writes `w:date`. */
  date: string;
}

/** A run of text with the review markup that starts, covers or ends at it. */
export interface PlanRun extends TextRun {
  change?: TrackedChange;
  /** Comment ids whose range starts before this run. */
  commentStarts: number[];
  /** Comment ids whose range ends after this run. */
  commentEnds: number[];
}

export interface PlanCell {
  header: boolean;
  blocks: PlanBlock[];
}

export type PlanBlock =
  | { kind: 'heading'; level: number; runs: PlanRun[] }
  | { kind: 'paragraph'; runs: PlanRun[] }
  | { kind: 'list'; ordered: boolean; start: number; items: PlanBlock[][] }
  | { kind: 'table'; rows: PlanCell[][] };

/** A Word comment: replies point to the thread's first comment. */
export interface PlanComment {
  id: number;
  parentId?: number;
  author: string;
  initials: string;
  date: Date;
  text: string;
}

export interface ActionPlanModel {
  bodyName: string;
  letterhead: string[];
  title: string;
  sozialraum: string;
  date: string;
  blocks: PlanBlock[];
  comments: PlanComment[];
}

/** Guards against a document deeper than any editor produces; deeper content is left out. */
const MAX_DEPTH = 24;

interface JsonNode {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type?: unknown; attrs?: Record<string, unknown> }>;
  content?: unknown[];
}

const asNode = (value: unknown): JsonNode => (value && typeof value === 'object' ? (value as JsonNode) : {});
const children = (node: JsonNode): JsonNode[] =>
  Array.isArray(node.content) ? node.content.map(asNode) : [];

/** "Anna Amt" → "AA"; Word shows the initials in the margin. */
export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return letters.join('').slice(0, 3) || '?';
}

/** An ISO instant as Word's `w:date` (no fraction); an unreadable one as the epoch rather than an error. */
function wordDate(iso: unknown): string {
  const time = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return new Date(Number.isNaN(time) ? 0 : time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function suggestionAuthor(data: unknown): { author: string; date: string } {
  const d = asNode(data) as { authorName?: unknown; at?: unknown };
  const author =
    typeof d.authorName === 'string' && d.authorName.trim() ? cleanText(d.authorName) : 'Unbekannt';
  return { author, date: wordDate(d.at) };
}

/**
 * Builds the layout both renderers draw. Annotation ids are handed out in document order: the comments of
 * each open thread first (Word pairs `w:comment` with its range by id), tracked changes after them.
 */
export function actionPlanModel(input: ActionPlanExportInput): ActionPlanModel {
  const markup = input.markup === true;
  const threads = new Map(
    markup
      ? (input.threads ?? []).filter((t) => !t.resolved && t.comments.length > 0).map((t) => [t.id, t])
      : [],
  );
  const comments: PlanComment[] = [];
  const threadIds = new Map<string, number[]>();
  let nextId = 0;
  const allRuns: Array<{ run: PlanRun; threads: string[] }> = [];

  const inline = (nodes: JsonNode[]): PlanRun[] => {
    const runs: PlanRun[] = [];
    let pendingBreak = false;
    for (const node of nodes) {
      if (node.type === 'hardBreak') {
        pendingBreak = true;
        continue;
      }
      if (node.type !== 'text' || typeof node.text !== 'string') continue;
      const marks = Array.isArray(node.marks) ? node.marks.map(asNode) : [];
      const mark = (type: string) => marks.find((m) => m.type === type);
      const insertion = mark('insertion');
      const deletion = mark('deletion');
      if (insertion && !markup) continue;
      const suggestion = insertion ?? deletion;
      const change: TrackedChange | undefined =
        markup && suggestion
          ? {
              kind: insertion ? 'insertion' : 'deletion',
              id: -1,
              ...suggestionAuthor(suggestion.attrs?.['data']),
            }
          : undefined;
      const href = mark('link')?.attrs?.['href'];
      // Links as "text (address)": no exported file carries a clickable link made from user input.
      const text =
        typeof href === 'string' && href && href !== node.text ? `${node.text} (${href})` : node.text;
      const onThreads = marks
        .filter((m) => m.type === 'comment')
        .map((m) => m.attrs?.['threadId'])
        .filter((id): id is string => typeof id === 'string' && threads.has(id));
      // Zero-width spaces are suggestion mode's paragraph-break markers, not text.
      cleanText(text.replaceAll('\u200B', ''))
        .split(/\r?\n/)
        .forEach((line, index) => {
          const run: PlanRun = {
            text: line,
            bold: Boolean(mark('bold')),
            italic: Boolean(mark('italic')),
            break: pendingBreak || index > 0,
            ...(change ? { change: { ...change } } : {}),
            commentStarts: [],
            commentEnds: [],
          };
          pendingBreak = false;
          runs.push(run);
          allRuns.push({ run, threads: onThreads });
        });
    }
    if (pendingBreak) runs.push({ text: '', break: true, commentStarts: [], commentEnds: [] });
    return runs;
  };

  const blocks = (nodes: JsonNode[], depth: number): PlanBlock[] => {
    if (depth > MAX_DEPTH) return [];
    const out: PlanBlock[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
          out.push({ kind: 'paragraph', runs: inline(children(node)) });
          break;
        case 'heading': {
          const level = Number(node.attrs?.['level']);
          out.push({ kind: 'heading', level: level === 3 ? 3 : 2, runs: inline(children(node)) });
          break;
        }
        case 'bulletList':
        case 'orderedList': {
          const start = Number(node.attrs?.['start']);
          out.push({
            kind: 'list',
            ordered: node.type === 'orderedList',
            start: Number.isInteger(start) && start >= 0 ? start : 1,
            items: children(node).map((item) => blocks(children(item), depth + 1)),
          });
          break;
        }
        case 'table':
          out.push({
            kind: 'table',
            rows: children(node).map((row) =>
              children(row).map((cell) => ({
                header: cell.type === 'tableHeader',
                blocks: blocks(children(cell), depth + 1),
              })),
            ),
          });
          break;
      }
    }
    return out;
  };

  const content = blocks(children(asNode(input.content)), 0);

  // Threads in the order their anchors appear; a thread whose text is gone has no place in the file.
  for (const { threads: on } of allRuns) {
    for (const threadId of on) {
      if (threadIds.has(threadId)) continue;
      const thread = threads.get(threadId);
      if (!thread) continue;
      const ids: number[] = [];
      thread.comments.forEach((comment, index) => {
        const id = nextId++;
        ids.push(id);
        const author = cleanText(comment.authorName);
        comments.push({
          id,
          ...(index > 0 ? { parentId: ids[0] } : {}),
          author,
          initials: initials(author),
          date: new Date(wordDate(comment.at)),
          text: cleanText(comment.body),
        });
      });
      threadIds.set(threadId, ids);
    }
  }
  for (const [threadId, ids] of threadIds) {
    const covered = allRuns.filter((entry) => entry.threads.includes(threadId));
    covered[0]?.run.commentStarts.push(...ids);
    covered.at(-1)?.run.commentEnds.push(...ids);
  }
  for (const { run } of allRuns) if (run.change) run.change.id = nextId++;

  const sozialraum = `${cleanText(input.sozialraum.code)} ${cleanText(input.sozialraum.name)}`.trim();
  return {
    bodyName: cleanText(input.body.name),
    letterhead: input.body.letterhead.map(cleanText),
    title: `Aktionsplan ${cleanText(input.sozialraum.name)}`,
    sozialraum,
    date: formatGermanDate(input.date),
    blocks: content,
    comments,
  };
}
