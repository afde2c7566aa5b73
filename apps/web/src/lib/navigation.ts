// A base no real page has: whatever `next` says, resolving it against this tells whether it stays on our site.
const PROBE_ORIGIN = 'http://quartierplan.invalid';

/**
 * Only same-site paths are followed after login, so the login page cannot redirect elsewhere. The path is read
 * as the browser will read it (the WHATWG URL parser drops tabs and newlines and treats `\` as `/`, so
 * `/%09/evil.example` means `//evil.example`) and answered in that normalised form, never as sent.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  return url.pathname + url.search + url.hash;
}
