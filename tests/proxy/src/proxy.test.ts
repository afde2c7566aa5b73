import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, postJson, send, sessionCookie, upgrade, type Reply } from './http.ts';
import { NGINX, startNginx } from './nginx-config.ts';
import { RunningProcess, freePort, waitFor } from './processes.ts';
import { serverEnv } from './server-env.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const IN_CI = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI!.toLowerCase());

const ADMIN = { email: 'admin@proxy-test.example.de', password: `proxy-${randomBytes(12).toString('hex')}` };
const SERVER_START_TIMEOUT_MS = 150_000;

if (!existsSync(NGINX)) {
  if (IN_CI) {
    it('nginx is installed (required in CI)', () => {
      throw new Error(`${NGINX} is missing; .ci/run installs it with: apt-get install -y nginx-light`);
    });
  } else {
    const reason = `${NGINX} not found: proxy test skipped (install it with "apt-get install -y nginx-light")`;
    process.stderr.write(`\n${reason}\n`);
    it.skip(reason);
  }
} else {
  describe('infra/nginx in front of the real server', () => {
    let dir = '';
    let app: RunningProcess | undefined;
    let nginx: RunningProcess | undefined;
    const ports = { app: 0, site: 0, redirect: 0 };
    let origin = '';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'qp-proxy-'));
      // nginx workers drop root privileges: they must reach the temp folders below this one.
      chmodSync(dir, 0o755);
      ports.app = await freePort();
      ports.site = await freePort();
      ports.redirect = await freePort();
      origin = `http://127.0.0.1:${ports.site}`;

      if (!existsSync(join(REPO, 'apps/server/dist/main.js'))) {
        throw new Error('apps/server/dist/main.js is missing: run `pnpm build` first (it builds the server)');
      }
      app = new RunningProcess('quartierplan', process.execPath, ['dist/main.js'], {
        cwd: join(REPO, 'apps/server'),
        env: serverEnv(ports.app, ADMIN, { DATA_DIR: join(dir, 'data') }),
      });

      nginx = await startNginx(
        {
          mainFile: join(REPO, 'infra/nginx/quartierplan.conf'),
          locationsFile: join(REPO, 'infra/nginx/quartierplan-locations.conf'),
        },
        { upstream: [ports.app], site: ports.site, redirect: ports.redirect },
        dir,
      );
      // While CI runs every other suite on the same two cores, a cold start can take a minute.
      await waitFor(
        'the server to become healthy',
        app,
        async () => (await send(ports.app, '/api/health')).status === 200,
        SERVER_START_TIMEOUT_MS,
      );
    });

    afterAll(async () => {
      await Promise.all([nginx?.stop(), app?.stop()]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('proxies GET /api/health to the app', async () => {
      const reply = await send(ports.site, '/api/health');
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ status: 'ok' });
      expect(reply.headers['x-request-id']).toBeTruthy();
      // server_tokens off: nginx answered, without its version.
      expect(reply.headers.server).toBe('nginx');
    });

    it('redirects plain HTTP to https on the public host name', async () => {
      const reply = await send(ports.redirect, '/api/health?x=1');
      expect(reply.status).toBe(301);
      expect(reply.headers.location).toBe('https://quartierplan.example.de/api/health?x=1');
    });

    it('logs in through nginx as a same-origin browser and keeps the session', async () => {
      const login = await postJson(ports.site, '/api/auth/login', ADMIN, { origin });
      expect(login.status, login.body).toBe(200);
      const setCookie = (login.headers['set-cookie'] ?? []).join('\n');
      expect(setCookie).toMatch(/qp_session=[^;]+;.*HttpOnly/i);

      const me = await send(ports.site, '/api/me', { headers: { cookie: sessionCookie(login) } });
      expect(me.status, me.body).toBe(200);
      expect(me.body).toContain(ADMIN.email);
    });

    it('passes bodies up to the 1 MiB limit to the app and refuses larger ones in JSON', async () => {
      const login = (passwordLength: number) =>
        send(ports.site, '/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: ADMIN.email, password: 'x'.repeat(passwordLength) }),
        });

      const withinLimit = await login(1_000_000);
      expect(withinLimit.headers['x-request-id'], 'the app did not answer').toBeTruthy();
      expect([413, 502]).not.toContain(withinLimit.status);

      // Every time the same answer: nginx refuses before the app sees the body.
      for (let i = 0; i < 3; i++) {
        const oversized = await login(2 * 1024 * 1024);
        expect(oversized.status, oversized.body).toBe(413);
        expect(oversized.headers['content-type']).toMatch(/^application\/json/);
        expect(errorCode(oversized)).toBe('payload_too_large');
        expect(oversized.headers['x-request-id'], 'the app, not nginx, refused the body').toBeUndefined();
      }
      const after = await postJson(ports.site, '/api/auth/login', ADMIN);
      expect(after.status, after.body).toBe(200);
    });

    it('forwards the client address: login throttling is per client as nginx saw it', async () => {
      // Every attempt forges a different X-Forwarded-For; nginx appends the real address, which the
      // app (TRUST_PROXY) takes, so the forgeries do not spread the failures over many "clients".
      let throttled: Reply | undefined;
      for (let i = 0; i < 60 && !throttled; i++) {
        const reply = await postJson(
          ports.site,
          '/api/auth/login',
          { email: `unknown-${i}@proxy-test.example.de`, password: 'falsches-passwort-123' },
          { localAddress: '127.0.0.2', headers: { 'x-forwarded-for': `203.0.113.${i}` } },
        );
        if (reply.status === 429) throttled = reply;
        else expect(reply.status, reply.body).toBe(401);
      }
      expect(throttled, 'the address was never throttled').toBeDefined();
      expect(errorCode(throttled!)).toBe('too_many_requests');

      const sameClient = await postJson(ports.site, '/api/auth/login', ADMIN, {
        localAddress: '127.0.0.2',
        headers: { 'x-forwarded-for': '198.51.100.7' },
      });
      expect(sameClient.status).toBe(429);
      const otherClient = await postJson(ports.site, '/api/auth/login', ADMIN, { localAddress: '127.0.0.3' });
      expect(otherClient.status, otherClient.body).toBe(200);
    });

    it('passes the WebSocket upgrade on /sync/ to the app (401 without a session)', async () => {
      const path = `/sync/${randomUUID()}`;
      const proxied = await upgrade(ports.site, path, { origin });
      expect(proxied.status, proxied.body).toBe(401);
      expect(errorCode(proxied)).toBe('unauthenticated');

      const direct = await upgrade(ports.app, path, { origin: `http://127.0.0.1:${ports.app}` });
      expect({ status: proxied.status, code: errorCode(proxied) }).toEqual({
        status: direct.status,
        code: errorCode(direct),
      });

      // Without the Upgrade header the app answers differently, so the 401 above came from its
      // upgrade gate: nginx forwarded Upgrade and Connection.
      const plain = await send(ports.site, path, { headers: { origin } });
      expect({ status: plain.status, code: errorCode(plain) }).not.toEqual({
        status: 401,
        code: 'unauthenticated',
      });
    });

    it('opens a WebSocket to a real document through nginx and syncs over it', async () => {
      const login = await postJson(ports.site, '/api/auth/login', ADMIN, { origin });
      expect(login.status, login.body).toBe(200);
      const cookie = sessionCookie(login);
      const created = await postJson(
        ports.site,
        '/api/sozialraeume',
        { code: `PX-${randomBytes(3).toString('hex')}`, name: 'Proxy-Quartier' },
        { origin, headers: { cookie } },
      );
      expect(created.status, created.body).toBe(201);
      const docId = (JSON.parse(created.body) as { documents: { needs: string } }).documents.needs;

      const reply = await upgrade(ports.site, `/sync/${docId}`, { origin, cookie });
      // 401 = cookie lost, 403 = Host/Origin mangled, 404 = path mangled on the way through nginx.
      expect(reply.status, `${reply.status} ${reply.body}`).toBe(101);
      // Our sync step 1 went up through nginx and the server's sync step 2 came back down.
      const kinds = reply.messages!.map((m) => `${m[0]}:${m[1]}`);
      expect(kinds).toContain('0:1');
    });
  });
}
