import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningProcess, canConnect, waitFor } from './processes.ts';

/** Debian's nginx; CI installs it (nginx-light). */
export const NGINX = '/usr/sbin/nginx';

/** Where the real, deployed configuration lives in the repository. */
export interface RealConfig {
  /** infra/nginx/quartierplan.conf (or -cluster.conf): http-level blocks and the two server blocks. */
  mainFile: string;
  /** infra/nginx/quartierplan-locations.conf: the locations the https server includes. */
  locationsFile: string;
}

export interface TestPorts {
  /** The Quartierplan processes, replacing the upstream's `server 127.0.0.1:<port>` lines in order. */
  upstream: number[];
  /** Plain HTTP standing in for the https server block (TLS lines removed). */
  site: number;
  /** Plain HTTP for the port-80 redirect server block. */
  redirect: number;
}

interface Block {
  head: string;
  body: string;
}

const LOCATIONS_SNIPPET = 'quartierplan-locations.conf';
const UPSTREAM_SERVER = /^(\s*server\s+)127\.0\.0\.1:\d+([^;\n]*;)/gm;

/** `name args { body }` blocks at the top level of an nginx file, comments removed. */
function topLevelBlocks(source: string): Block[] {
  const text = source.replace(/#[^\n]*/g, '');
  const blocks: Block[] = [];
  let depth = 0;
  let statementStart = 0;
  let bodyStart = 0;
  let head = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      if (depth === 0) {
        head = text.slice(statementStart, i).trim();
        bodyStart = i + 1;
      }
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth < 0) throw new Error('nginx config: unbalanced "}"');
      if (depth === 0) {
        blocks.push({ head, body: text.slice(bodyStart, i) });
        statementStart = i + 1;
      }
    } else if (ch === ';' && depth === 0) {
      throw new Error(
        `nginx config: unexpected top-level directive "${text.slice(statementStart, i).trim()}"`,
      );
    }
  }
  if (depth !== 0) throw new Error('nginx config: unbalanced "{"');
  return blocks;
}

/**
 * The server block for a test: the real block's directives without its `listen` and `ssl_*` lines
 * (the test speaks plain HTTP on a free loopback port) and with the snippet included from the repo.
 */
function testServer(block: Block, port: number, locationsFile: string): string {
  const lines = block.body
    .split('\n')
    .filter((line) => !/^\s*(listen|ssl_)\S*\s/.test(line))
    .map((line) =>
      line.includes(LOCATIONS_SNIPPET) ? line.replace(/include\s+[^;]+;/, `include ${locationsFile};`) : line,
    );
  return `server {\n    listen 127.0.0.1:${port};\n${lines.join('\n')}\n}`;
}

/**
 * Builds a complete, non-root nginx configuration around the real Quartierplan configuration, so
 * the test exercises the deployed map, upstream, redirect and location blocks unchanged.
 */
export function buildTestConfig(real: RealConfig, ports: TestPorts, runDir: string): string {
  const blocks = topLevelBlocks(readFileSync(real.mainFile, 'utf8'));
  const kept: string[] = [];
  for (const block of blocks) {
    const kind = block.head.split(/\s+/)[0];
    if (kind === 'map') {
      kept.push(`${block.head} {${block.body}}`);
    } else if (kind === 'upstream') {
      const servers = block.body.match(UPSTREAM_SERVER) ?? [];
      if (servers.length !== ports.upstream.length) {
        throw new Error(
          `nginx config: the upstream block has ${servers.length} "server 127.0.0.1:<port>" lines, ` +
            `the test runs ${ports.upstream.length} instances`,
        );
      }
      let next = 0;
      const body = block.body.replace(UPSTREAM_SERVER, (_line, head: string, tail: string) => {
        return `${head}127.0.0.1:${ports.upstream[next++]}${tail}`;
      });
      kept.push(`${block.head} {${body}}`);
    } else if (kind === 'server' && block.body.includes(LOCATIONS_SNIPPET)) {
      kept.push(testServer(block, ports.site, real.locationsFile));
    } else if (kind === 'server' && /return\s+301\s+https:/.test(block.body)) {
      kept.push(testServer(block, ports.redirect, real.locationsFile));
    } else {
      throw new Error(`nginx config: unexpected top-level block "${block.head}"`);
    }
  }
  const servers = kept.filter((b) => b.startsWith('server {'));
  if (servers.length !== 2) {
    throw new Error(
      'nginx config: expected the https server (with the locations snippet) and the redirect server',
    );
  }
  const at = (name: string) => join(runDir, name);
  return [
    'worker_processes 1;',
    `pid ${at('nginx.pid')};`,
    `error_log ${at('error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    `    access_log ${at('access.log')};`,
    `    client_body_temp_path ${at('client_body')};`,
    `    proxy_temp_path ${at('proxy')};`,
    `    fastcgi_temp_path ${at('fastcgi')};`,
    `    uwsgi_temp_path ${at('uwsgi')};`,
    `    scgi_temp_path ${at('scgi')};`,
    ...kept,
    '}',
    '',
  ].join('\n');
}

/**
 * Writes the test configuration into `runDir` and starts nginx on it in the foreground (no root
 * needed: every path is in `runDir`, which nginx's workers must be able to reach). Resolves once
 * the site port accepts connections; a failure carries nginx's error log and the configuration.
 */
export async function startNginx(
  real: RealConfig,
  ports: TestPorts,
  runDir: string,
): Promise<RunningProcess> {
  const confPath = join(runDir, 'nginx.conf');
  const config = buildTestConfig(real, ports, runDir);
  writeFileSync(confPath, config);
  const errorLog = join(runDir, 'error.log');
  const nginx = new RunningProcess(
    'nginx',
    NGINX,
    ['-p', `${runDir}/`, '-c', confPath, '-e', errorLog, '-g', 'daemon off;'],
    {
      cwd: runDir,
    },
  );
  await waitFor('nginx to listen', nginx, () => canConnect(ports.site), 15_000).catch((error: Error) => {
    const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
    throw new Error(`${error.message}\n${log}\n--- generated config ---\n${config}`);
  });
  return nginx;
}
