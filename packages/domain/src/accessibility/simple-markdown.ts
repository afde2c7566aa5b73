/**
 * A small, safe reading of "simple markdown" for texts admins write (the Erklärung zur Barrierefreiheit):
 * headings (`#`, `##`, `###`), lists (`- ` or `* `), paragraphs, `**bold**` and links `[Text](Adresse)`.
 * The result is data, not HTML: the web renders it with elements, so no markup in the text ever runs.
 * Anything else stays as written.
 */
export type SimpleInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; text: string }
  | { type: 'link'; text: string; href: string };

export type SimpleBlock =
  | { type: 'heading'; level: 1 | 2 | 3; content: SimpleInline[] }
  | { type: 'paragraph'; lines: SimpleInline[][] }
  | { type: 'list'; items: SimpleInline[][] };

/** Links may go to the web, to an e-mail address or a phone number, or to a page of this site. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:|tel:)[^\s]+$/i.test(href) || /^\/(?!\/)[^\s]*$/.test(href);
}

const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** Bold and links within one line; an unsafe link stays as its plain text. */
export function parseInline(line: string): SimpleInline[] {
  const out: SimpleInline[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out.at(-1);
    if (last?.type === 'text') last.text += text;
    else out.push({ type: 'text', text });
  };
  let at = 0;
  for (const match of line.matchAll(INLINE)) {
    pushText(line.slice(at, match.index));
    if (match[1] !== undefined) out.push({ type: 'strong', text: match[1] });
    else if (isSafeHref(match[3]!)) out.push({ type: 'link', text: match[2]!, href: match[3]! });
    else pushText(match[2]!);
    at = match.index + match[0].length;
  }
  pushText(line.slice(at));
  return out;
}

/** Splits a text into blocks: a blank line ends a paragraph or list. */
export function parseSimpleMarkdown(text: string): SimpleBlock[] {
  const blocks: SimpleBlock[] = [];
  let current: SimpleBlock | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      current = null;
    } else if (heading) {
      blocks.push({
        type: 'heading',
        level: heading[1]!.length as 1 | 2 | 3,
        content: parseInline(heading[2]!),
      });
      current = null;
    } else if (item) {
      if (current?.type !== 'list') {
        current = { type: 'list', items: [] };
        blocks.push(current);
      }
      current.items.push(parseInline(item[1]!));
    } else {
      if (current?.type !== 'paragraph') {
        current = { type: 'paragraph', lines: [] };
        blocks.push(current);
      }
      current.lines.push(parseInline(line.trim()));
    }
  }
  return blocks;
}
