import type { SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import { ApiClient, type RequestOptions } from '../testing/client.ts';
import { PASSWORD, createTestBody, createUser, loginAs, unique, type TestUser } from '../testing/fixtures.ts';
import { startTestServer, useTestServer } from '../testing/server.ts';

const EVIL = 'https://evil.example';

/** The bodies a cross-site form or fetch can send without a CORS preflight, and JSON, which needs one. */
const BODIES: [contentType: string, make: (fields: Record<string, string>) => RequestOptions][] = [
  ['application/json', (fields) => ({ json: fields })],
  ['application/x-www-form-urlencoded', (fields) => ({ body: new URLSearchParams(fields) })],
  [
    'multipart/form-data',
    (fields) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      return { body: form };
    },
  ],
  [
    'text/plain',
    (fields) => ({ body: JSON.stringify(fields), headers: { 'content-type': 'text/plain;charset=UTF-8' } }),
  ],
];

function withHeaders(options: RequestOptions, headers: Record<string, string>): RequestOptions {
  return { ...options, headers: { ...options.headers, ...headers } };
}

describe.each(testDatabases())('CSRF defence on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let member: TestUser;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    member = await createUser(admin, { role: 'member' });
  });

  async function sozialraumCodes(): Promise<string[]> {
    return (await admin.get<SozialraumDto[]>('/api/sozialraeume')).body.map((s) => s.code);
  }

  it.each(BODIES)('refuses a cross-origin login sent as %s', async (_type, make) => {
    const client = new ApiClient(ctx.server.origin);
    const response = await client.request(
      'POST',
      '/api/auth/login',
      withHeaders(make({ email: member.email, password: PASSWORD }), { origin: EVIL }),
    );
    const error = expectError(response, 403, 'cross_origin_request');
    expect(error.message).toBe('Anfragen von fremden Websites werden abgelehnt.');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it.each(BODIES)('refuses a cross-origin write with the victim’s cookie sent as %s', async (_type, make) => {
    const code = unique('CSRF-');
    const response = await admin.request(
      'POST',
      '/api/sozialraeume',
      withHeaders(make({ code, name: 'Untergeschoben' }), { origin: EVIL }),
    );
    expectError(response, 403, 'cross_origin_request');
    expect(await sozialraumCodes()).not.toContain(code);
  });

  it.each(BODIES)(
    'refuses a write marked Sec-Fetch-Site: cross-site without Origin, sent as %s',
    async (_type, make) => {
      const code = unique('CSRF-');
      const response = await admin.request(
        'POST',
        '/api/sozialraeume',
        withHeaders(make({ code, name: 'Untergeschoben' }), { 'sec-fetch-site': 'cross-site' }),
      );
      expectError(response, 403, 'cross_origin_request');
      expect(await sozialraumCodes()).not.toContain(code);
    },
  );

  it.each([
    ['PATCH', (): string => `/api/users/${member.id}`, { active: false }],
    ['PUT', (): string => `/api/users/${member.id}/memberships`, { memberships: [] }],
    ['DELETE', (): string => `/api/users/${member.id}/sessions`, undefined],
    ['POST', (): string => '/api/auth/logout', undefined],
  ] as const)('refuses cross-origin %s too', async (method, path, json) => {
    const response = await admin.request(method, path(), {
      ...(json === undefined ? {} : { json }),
      headers: { origin: EVIL },
    });
    expectError(response, 403, 'cross_origin_request');
    // Neither the target nor the admin's own session was touched.
    expect((await admin.get('/api/me')).status).toBe(200);
    expect((await admin.get<{ active: boolean }>(`/api/users/${member.id}`)).body.active).toBe(true);
  });

  it.each([
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin with Sec-Fetch-Site: same-origin', { origin: EVIL, 'sec-fetch-site': 'same-origin' }],
  ])('refuses a write with %s', async (_label, headers) => {
    expectError(
      await admin.request('POST', '/api/sozialraeume', { json: { code: unique('N-'), name: 'X' }, headers }),
      403,
      'cross_origin_request',
    );
  });

  it('accepts writes from the own origin', async () => {
    const code = unique('OK-');
    const sameOrigin = { origin: ctx.server.origin, 'sec-fetch-site': 'same-origin' };
    const created = await admin.request('POST', '/api/sozialraeume', {
      json: { code, name: 'Eigene Seite' },
      headers: sameOrigin,
    });
    expect(created.status).toBe(201);
    expect(await sozialraumCodes()).toContain(code);

    const login = await new ApiClient(ctx.server.origin).request('POST', '/api/auth/login', {
      json: { email: member.email, password: PASSWORD },
      headers: sameOrigin,
    });
    expect(login.status).toBe(200);
  });

  it('accepts writes from clients that are not browsers (no Origin, no Sec-Fetch-Site)', async () => {
    const created = await admin.post('/api/sozialraeume', { code: unique('CLI-'), name: 'Skript' });
    expect(created.status).toBe(201);
  });

  it.each(BODIES.filter(([type]) => type !== 'application/json'))(
    'answers a same-origin %s write with 415, not by guessing',
    async (_type, make) => {
      const response = await admin.request(
        'POST',
        '/api/sozialraeume',
        withHeaders(make({ code: unique('F-'), name: 'Formular' }), { origin: ctx.server.origin }),
      );
      expectError(response, 415, 'unsupported_media_type');
    },
  );

  it('lets cross-origin reads through: they change nothing', async () => {
    const response = await admin.get('/api/me', {
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(200);
  });

  it('compares against PUBLIC_ORIGIN when it is configured', async () => {
    const publicOrigin = 'https://quartierplan.example';
    const server = await startTestServer(ctx.db.sql, { env: { PUBLIC_ORIGIN: `${publicOrigin}/` } });
    try {
      const login = (origin: string) =>
        new ApiClient(server.origin).request('POST', '/api/auth/login', {
          json: { email: member.email, password: PASSWORD },
          headers: { origin },
        });
      expect((await login(publicOrigin)).status).toBe(200);
      // Behind the proxy, the address the server listens on is not an origin browsers use.
      expectError(await login(server.origin), 403, 'cross_origin_request');
    } finally {
      await server.close();
    }
  });
});
