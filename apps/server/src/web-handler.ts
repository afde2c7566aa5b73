import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from './config.ts';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const DEFAULT_WEB_BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/build');

/** Header through which we tell the SvelteKit handler the public protocol (it defaults to https). */
const PROTOCOL_HEADER = 'x-quartierplan-proto';

/**
 * Loads the built SvelteKit app (adapter-node) so pages, `/api` and `/sync` share one origin and
 * one process. Returns null when the web app has not been built (API-only mode).
 */
export async function loadWebHandler(config: Config, apiInternalUrl: string): Promise<NodeHandler | null> {
  const dir = config.webBuildDir ?? DEFAULT_WEB_BUILD;
  const file = join(dir, 'handler.js');
  if (!existsSync(file)) return null;
  // adapter-node reads these once, when the handler module initialises.
  process.env.API_INTERNAL_URL = apiInternalUrl;
  process.env.BODY_SIZE_LIMIT ??= String(config.bodyLimitBytes);
  if (config.publicOrigin) process.env.ORIGIN = config.publicOrigin;
  else process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  const mod = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  const handler = mod.handler;
  return (req, res, next) => {
    // Never trust a client-sent value for this header: we are the ones serving plain http here.
    req.headers[PROTOCOL_HEADER] = 'http';
    handler(req, res, next);
  };
}
