import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';

/**
 * The page's own policy. Swagger UI runs from files we serve (no CDN, no inline script: the start
 * script below is a file too), so scripts and styles stay `'self'`. It draws its icons as
 * `data:` SVGs from its stylesheet, hence `img-src data:`; `connect-src 'self'` lets it fetch
 * /api/openapi.json and run the GET requests of "Try it out".
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API-Dokumentation – Quartierplan</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><noscript>Die API-Dokumentation braucht JavaScript. Das Dokument selbst: <a href="/api/openapi.json">/api/openapi.json</a></noscript></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`;

// Only reading requests can be tried from the page: it documents the API, it is not an admin tool.
const START = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // Sections start closed: Swagger UI draws at most about 130 operations open at once and silently stops.
  docExpansion: 'none',
  displayOperationId: true,
  supportedSubmitMethods: ['get'],
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const require = createRequire(import.meta.url);
const fromPackage = (name: string) => () => readFile(require.resolve(`swagger-ui-dist/${name}`), 'utf8');

/** The page's files: Swagger UI's, read from the installed package once and kept, and our start script. */
const ASSETS = new Map<string, { type: string; load: () => Promise<string>; body?: Promise<string> }>([
  ['swagger-ui.css', { type: 'text/css; charset=utf-8', load: fromPackage('swagger-ui.css') }],
  [
    'swagger-ui-bundle.js',
    { type: 'text/javascript; charset=utf-8', load: fromPackage('swagger-ui-bundle.js') },
  ],
  ['start.js', { type: 'text/javascript; charset=utf-8', load: () => Promise.resolve(START) }],
]);

/**
 * `GET /api/docs`: the API reference for integrators, Swagger UI rendering /api/openapi.json.
 * Public like the document it renders: it holds no data, and "Try it out" runs as whoever is
 * logged in (or answers 401).
 */
export function docsRoutes() {
  const routes = new Hono<AppEnv>().get('/', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(PAGE);
  });
  for (const [name, asset] of ASSETS) {
    routes.get(`/${name}`, async (c) => {
      asset.body ??= asset.load();
      return c.body(await asset.body, 200, {
        'Content-Type': asset.type,
        // 1.7 MB of script that changes only with a release of ours.
        'Cache-Control': 'public, max-age=86400',
      });
    });
  }
  return routes;
}
