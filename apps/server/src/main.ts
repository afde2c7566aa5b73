import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { migrate, openDatabase, sessionRepository } from '@quartierplan/db';
import { buildApp } from './app.ts';
import { ensureFirstBody } from './bodies.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createServices } from './services.ts';
import { admitSyncUpgrade, refuseUpgrade } from './sync/upgrade-gate.ts';
import { loadWebHandler, type NodeHandler } from './web-handler.ts';

const SHUTDOWN_GRACE_MS = 8_000;

function isServerPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/sync/');
}

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { applied } = await migrate(db.sql);
  logger.info({ database: db.description, applied }, 'database ready');

  const first = await ensureFirstBody(db.sql, {
    bodyName: config.bodyName ?? 'Meine Kommune',
    adminEmail: config.firstAdmin?.email ?? 'admin@quartierplan.local',
    adminPassword: config.firstAdmin?.password,
  });

  const services = createServices(db.sql, config, logger);
  const app = buildApp(services);
  const api = getRequestListener(app.fetch);
  // Filled once listening: the web handler needs the API's address. null = not built.
  const pages: { handler: NodeHandler | null | undefined } = { handler: undefined };

  const server = createServer((req, res) => {
    if (isServerPath(req.url)) return void api(req, res);
    const web = pages.handler;
    if (web) return web(req, res);
    res.statusCode = web === undefined ? 503 : 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(
      web === undefined ? 'Quartierplan startet …' : 'Die Weboberfläche ist nicht gebaut (pnpm build).',
    );
  });
  server.on('upgrade', (req, socket) => {
    socket.on('error', () => socket.destroy());
    admitSyncUpgrade(services, req, socket)
      .then((admitted) => {
        // The sync engine (y-websocket rooms) plugs in here; until then admitted clients are told so.
        if (admitted) {
          refuseUpgrade(
            socket,
            503,
            'unavailable',
            'Die Echtzeit-Synchronisierung ist noch nicht verfügbar.',
          );
        }
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'upgrade failed');
        refuseUpgrade(socket, 500, 'internal', 'Ein interner Fehler ist aufgetreten.');
      });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address() as AddressInfo;
  const internalHost =
    address.family === 'IPv6'
      ? `[${address.address === '::' ? '::1' : address.address}]`
      : address.address === '0.0.0.0'
        ? '127.0.0.1'
        : address.address;
  pages.handler = await loadWebHandler(config, `http://${internalHost}:${address.port}`);
  if (!pages.handler) logger.warn('web app not built: serving the API only');

  const url =
    config.publicOrigin ?? `http://${config.host === '0.0.0.0' ? 'localhost' : internalHost}:${address.port}`;
  logger.info({ url, port: address.port }, 'listening');
  printWelcome(url, first);

  const sessions = sessionRepository(db.sql);
  const sweep = setInterval(() => void sessions.deleteExpired().catch(() => {}), 3_600_000);
  sweep.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Printed to the terminal once: the URL and, on a first start, how to log in. */
function printWelcome(url: string, first: Awaited<ReturnType<typeof ensureFirstBody>>) {
  const lines = [`Quartierplan läuft: ${url}`];
  if (first) {
    lines.push(`Neue Kommune „${first.bodyName}“ angelegt. Anmeldung als ${first.adminEmail}`);
    lines.push(
      first.generatedPassword
        ? `Einmal-Passwort (wird nicht erneut angezeigt): ${first.generatedPassword}`
        : 'Passwort: wie in ADMIN_PASSWORD angegeben.',
    );
  }
  process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Quartierplan konnte nicht starten: ${(error as Error).message}\n`);
  process.exit(1);
});
