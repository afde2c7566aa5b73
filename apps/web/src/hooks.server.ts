import { env } from '$env/dynamic/private';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { isCrossOriginWrite } from '@quartierplan/domain';
import type { Handle, HandleFetch } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';

/** Same CSRF rule as the API, for every content type (SvelteKit's own check covers forms only). */
const refuseCrossOriginWrites: Handle = ({ event, resolve }) => {
  const refused = isCrossOriginWrite({
    method: event.request.method,
    origin: event.request.headers.get('origin'),
    secFetchSite: event.request.headers.get('sec-fetch-site'),
    expectedOrigin: event.url.origin,
  });
  if (refused) {
    const body = {
      error: {
        code: 'cross_origin_request',
        message: 'Anfragen von fremden Websites werden abgelehnt.',
        details: null,
      },
    };
    return new Response(JSON.stringify(body), {
      status: 403,
      headers: { 'content-type': 'application/json' },
    });
  }
  return resolve(event);
};

const localise: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
      // Paged lists read the next page from the Link header, also when the first page was loaded on the server.
      filterSerializedResponseHeaders: (name) => name === 'link',
    });
  });

export const handle = sequence(refuseCrossOriginWrites, localise);

/**
 * Server-side loads call `/api` on the public origin; send those straight to the API process
 * with the user's cookie instead of out through the proxy and back.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);
  const target = new URL(url.pathname + url.search, env.API_INTERNAL_URL ?? 'http://127.0.0.1:3000');
  const headers = new Headers(request.headers);
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  const forwarded = event.getClientAddress();
  headers.set('x-forwarded-for', forwarded);
  // The global fetch, not SvelteKit's: the target is another server, whatever its host name.
  return globalThis.fetch(target, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
  });
};
