import type { ServerResponse } from 'node:http';

/**
 * Headers every page, static file and fallback answer carries (the API gets the same from Hono's secureHeaders).
 * The pages' full Content-Security-Policy comes from SvelteKit (apps/web/svelte.config.js, with a nonce for its
 * own inline script) and replaces the baseline one here, which covers what SvelteKit does not answer itself:
 * static files and the plain-text answers while the web app starts or is not built.
 */
export function setPageSecurityHeaders(res: ServerResponse, https: boolean): void {
  res.setHeader('Content-Security-Policy', "default-src 'self'; object-src 'none'; frame-ancestors 'none'");
  // For browsers that predate frame-ancestors: no page of ours may be framed (clickjacking).
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  // Only meaningful (and only honoured) over https; sent when the public origin is https.
  if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
