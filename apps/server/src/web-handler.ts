import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { loadOnFirstUse } from './load-on-first-use.ts';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const DEFAULT_WEB_BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/build');

/** Header through which we tell the SvelteKit handler the public protocol (it defaults to https). */
const PROTOCOL_HEADER = 'x-quartierplan-proto';

/**
 * The built SvelteKit app (adapter-node), so pages, `/api` and `/sync` share one origin and one
 * process. Returns null when the web app has not been built (API-only mode). The app's server
 * modules (some 20 MB resident) load with the first page request, not at start: a server that only
 * syncs or answers the API never carries them.
 */
export function createWebHandler(config: Config, apiInternalUrl: string, logger: Logger): NodeHandler | null {
  const dir = config.webBuildDir ?? DEFAULT_WEB_BUILD;
  const file = join(dir, 'handler.js');
  if (!existsSync(file)) return null;
  // adapter-node reads these once, when the handler module initialises.
  process.env.API_INTERNAL_URL = apiInternalUrl;
  process.env.BODY_SIZE_LIMIT ??= String(config.bodyLimitBytes);
  if (config.publicOrigin) process.env.ORIGIN = config.publicOrigin;
  else process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  const load = loadOnFirstUse(
    async () => ((await import(pathToFileURL(file).href)) as { handler: NodeHandler }).handler,
  );
  return (req, res, next) => {
    // Never trust a client-sent value for this header: we are the ones serving plain http here.
    req.headers[PROTOCOL_HEADER] = 'http';
    load().then(
      (handler) => handler(req, res, next),
      (error: unknown) => {
        logger.error({ err: error }, 'loading the web app failed');
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('Die Weboberfläche konnte nicht geladen werden.');
      },
    );
  };
}
