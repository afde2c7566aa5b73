const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOriginFacts {
  method: string;
  /** The `Origin` header, if any. */
  origin: string | null | undefined;
  /** The `Sec-Fetch-Site` header, if any. */
  secFetchSite: string | null | undefined;
  /** The product's own origin, e.g. `https://quartierplan.hagen.de`. */
  expectedOrigin: string;
}

/**
 * Whether a request is a state-changing request sent by a browser from another origin (CSRF).
 * Used by both the API and the web app, so the two refuse exactly the same requests.
 */
export function isCrossOriginWrite(facts: RequestOriginFacts): boolean {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return false;
  if (facts.origin) return facts.origin !== facts.expectedOrigin;
  if (facts.secFetchSite) return facts.secFetchSite !== 'same-origin' && facts.secFetchSite !== 'none';
  return false;
}
