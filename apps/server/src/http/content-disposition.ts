/**
 * `Content-Disposition` for a download, per RFC 6266: an ASCII `filename` fallback (ß spelled out,
 * accents dropped, anything else unsafe replaced) and the exact name as `filename*=UTF-8''…`
 * (RFC 5987 percent-encoding).
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
