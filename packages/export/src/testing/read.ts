import JSZip from 'jszip';
import mammoth from 'mammoth';

/** The XML parts of a .docx that matter for the checks: body, footers, styles, relationships. */
export async function docxParts(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      parts[name] = await (zip.file(name)?.async('string') ?? '');
  }
  return parts;
}

/** Text and HTML of a .docx as mammoth (a real DOCX reader) sees them. */
export async function readDocx(buffer: Buffer): Promise<{ text: string; html: string }> {
  const [text, html] = await Promise.all([
    mammoth.extractRawText({ buffer }),
    mammoth.convertToHtml({ buffer }),
  ]);
  return { text: text.value, html: html.value };
}

/** Asserts that each needle occurs, in this order, and returns their positions. */
export function positionsInOrder(haystack: string, needles: readonly string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = haystack.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" missing or out of order (searched from ${from})`);
    from = at + needle.length;
    return at;
  });
}

/** The section order of source document 001 (the Hagen Beschlussvorlage), shared by the DOCX and PDF checks. */
export const SECTION_ORDER = [
  'ÖFFENTLICHE BESCHLUSSVORLAGE',
  'Drucksachennummer:',
  '0123/2021',
  'Datum:',
  '05.01.2021',
  'Amt/Eigenbetrieb:',
  '55 Fachbereich Jugend und Soziales',
  'Beteiligt:',
  'Betreff:',
  'Beratungsfolge:',
  'Bezirksvertretung Eilpe/Dahl',
  'Jugendhilfeausschuss',
  'Rat der Stadt Hagen',
  'Beschlussfassung:',
  'Beschlussvorschlag',
  'Der Bericht wird zur Kenntnis genommen.',
  'Kurzfassung',
  'Begründung',
  'Beteiligung vor Ort',
  'Abschließender Absatz der Begründung.',
  'Inklusion von Menschen mit Behinderung',
  'sind betroffen (hierzu ist eine kurze Erläuterung abzugeben)',
  'Inklusion ist ein Querschnittsthema',
  'Auswirkungen auf den Klimaschutz und die Klimafolgenanpassung',
  'keine Auswirkungen (o)',
  'Finanzielle Auswirkungen',
  '12.500,00 €',
  'Verknüpfte Maßnahmen',
  'Netzwerkkoordination Altenhagen',
  'gez. Erik O. Schulz',
  'Oberbürgermeister',
] as const;

/** User text that tries to smuggle Word fields or hyperlinks into the file. */
export const INJECTIONS = [
  '{ HYPERLINK "http://x" }',
  '<w:fldSimple w:instr="HYPERLINK http://evil.example"/>',
  '</w:t></w:r><w:hyperlink r:id="rId99"><w:r><w:t>klick',
  '{ INCLUDETEXT "C:\\\\secret.txt" }',
] as const;
