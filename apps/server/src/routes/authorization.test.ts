import type { ErrorCode, SozialraumDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import { ApiClient, type ApiResponse } from '../testing/client.ts';
import {
  PASSWORD,
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  unique,
  uniqueEmail,
} from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';

// The authorisation matrix: role × which Sozialraum (or user) × route, over real HTTP.
type RoleName = 'admin' | 'clerk' | 'member-edit' | 'member-view';
type Target = 'own' | 'foreign' | 'other-body';
const ROLES: RoleName[] = ['admin', 'clerk', 'member-edit', 'member-view'];
const TARGETS: Target[] = ['own', 'foreign', 'other-body'];
const ERROR_CODES: Record<number, ErrorCode> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

type Expectation = Record<RoleName, Record<Target, number>>;
const all = (own: number, foreign: number, other: number) => ({ own, foreign, 'other-body': other });

/** Reading a Sozialraum: admin and clerk everything of their body, members their memberships. */
const READ: Expectation = {
  admin: all(200, 200, 404),
  clerk: all(200, 200, 404),
  'member-edit': all(200, 403, 404),
  'member-view': all(200, 403, 404),
};
/** Admin routes: the admin within the body, everybody else 403 whatever the target. */
const ADMIN_ONLY = (ok: number): Expectation => ({
  admin: all(ok, ok, 404),
  clerk: all(403, 403, 403),
  'member-edit': all(403, 403, 403),
  'member-view': all(403, 403, 403),
});

interface TargetedRoute {
  route: string;
  expected: Expectation;
  call(client: ApiClient, id: string): Promise<ApiResponse>;
}

const SOZIALRAUM_ROUTES: TargetedRoute[] = [
  { route: 'GET /api/sozialraeume/:id', expected: READ, call: (c, id) => c.get(`/api/sozialraeume/${id}`) },
  {
    route: 'GET /api/sozialraeume/:id/profile',
    expected: READ,
    call: (c, id) => c.get(`/api/sozialraeume/${id}/profile`),
  },
  {
    route: 'PATCH /api/sozialraeume/:id',
    expected: ADMIN_ONLY(200),
    call: (c, id) => c.patch(`/api/sozialraeume/${id}`, { stadtbezirk: 'Mitte' }),
  },
];

// For user routes, "own" and "foreign" are both users of the own body; "other-body" is not.
const USER_ROUTES: TargetedRoute[] = [
  { route: 'GET /api/users/:id', expected: ADMIN_ONLY(200), call: (c, id) => c.get(`/api/users/${id}`) },
  {
    route: 'PATCH /api/users/:id',
    expected: ADMIN_ONLY(200),
    call: (c, id) => c.patch(`/api/users/${id}`, { name: 'Zielperson' }),
  },
  {
    route: 'PUT /api/users/:id/memberships',
    expected: ADMIN_ONLY(200),
    call: (c, id) => c.put(`/api/users/${id}/memberships`, { memberships: [] }),
  },
  {
    route: 'POST /api/users/:id/password',
    expected: ADMIN_ONLY(204),
    call: (c, id) => c.post(`/api/users/${id}/password`, { password: 'neues-langes-passwort' }),
  },
  {
    route: 'DELETE /api/users/:id/sessions',
    expected: ADMIN_ONLY(204),
    call: (c, id) => c.delete(`/api/users/${id}/sessions`),
  },
];

function matrix(routes: TargetedRoute[]) {
  return routes.flatMap(({ route, expected, call }) =>
    ROLES.flatMap((role) =>
      TARGETS.map((target) => ({ route, role, target, status: expected[role][target], call })),
    ),
  );
}

/** Body-less routes: what each role may do. */
const UNTARGETED: {
  route: string;
  expected: Record<RoleName, number>;
  call(c: ApiClient): Promise<ApiResponse>;
}[] = [
  {
    route: 'GET /api/me',
    expected: { admin: 200, clerk: 200, 'member-edit': 200, 'member-view': 200 },
    call: (c) => c.get('/api/me'),
  },
  {
    route: 'GET /api/sozialraeume',
    expected: { admin: 200, clerk: 200, 'member-edit': 200, 'member-view': 200 },
    call: (c) => c.get('/api/sozialraeume'),
  },
  {
    route: 'POST /api/sozialraeume',
    expected: { admin: 201, clerk: 403, 'member-edit': 403, 'member-view': 403 },
    call: (c) => c.post('/api/sozialraeume', { code: unique('M-'), name: 'Neu' }),
  },
  {
    route: 'GET /api/users',
    expected: { admin: 200, clerk: 403, 'member-edit': 403, 'member-view': 403 },
    call: (c) => c.get('/api/users'),
  },
  {
    route: 'POST /api/users',
    expected: { admin: 201, clerk: 403, 'member-edit': 403, 'member-view': 403 },
    call: (c) =>
      c.post('/api/users', { email: uniqueEmail('neu'), name: 'Neu', password: PASSWORD, role: 'member' }),
  },
  {
    route: 'GET /api/committees',
    expected: { admin: 200, clerk: 200, 'member-edit': 200, 'member-view': 200 },
    call: (c) => c.get('/api/committees'),
  },
  {
    route: 'POST /api/committees',
    expected: { admin: 201, clerk: 403, 'member-edit': 403, 'member-view': 403 },
    call: (c) => c.post('/api/committees', { name: unique('Ausschuss '), kind: 'committee' }),
  },
];

const UUID = '00000000-0000-4000-8000-000000000000';
/** An empty JSON body for writes, none for reads (fetch refuses a GET with a body). */
const emptyBody = (method: string) => (method === 'GET' ? {} : { json: {} });
/** Every route of the API that needs a session, plus paths that do not exist at all. */
const PROTECTED: [method: string, path: string][] = [
  ['GET', '/api/me'],
  ['POST', '/api/me/password'],
  ['GET', '/api/sozialraeume'],
  ['POST', '/api/sozialraeume'],
  ['GET', `/api/sozialraeume/${UUID}`],
  ['PATCH', `/api/sozialraeume/${UUID}`],
  ['GET', '/api/sozialraeume/kein-uuid'],
  ['GET', '/api/users'],
  ['POST', '/api/users'],
  ['GET', `/api/users/${UUID}`],
  ['PATCH', `/api/users/${UUID}`],
  ['PUT', `/api/users/${UUID}/memberships`],
  ['POST', `/api/users/${UUID}/password`],
  ['DELETE', `/api/users/${UUID}/sessions`],
  ['GET', '/api/committees'],
  ['POST', '/api/committees'],
  ['GET', '/api/indicators'],
  ['POST', '/api/indicators'],
  ['POST', '/api/indicators/import'],
  ['PATCH', `/api/indicators/${UUID}`],
  ['DELETE', `/api/indicators/${UUID}`],
  ['GET', `/api/indicators/${UUID}/values`],
  ['POST', `/api/indicators/${UUID}/values`],
  ['GET', '/api'],
  ['GET', '/api/unbekannt'],
  ['POST', '/api/unbekannt/tief/verschachtelt'],
  ['DELETE', '/api/health'],
  ['GET', '/api/auth/login'],
  ['GET', '/api/auth/irgendwas'],
];

describe.each(testDatabases())('authorisation matrix on $name', (factory) => {
  const ctx = useTestServer(factory);
  const clients = new Map<RoleName, ApiClient>();
  const sozialraumIds = new Map<Target, string>();
  const userIds = new Map<Target, string>();
  const as = (role: RoleName) => clients.get(role)!;

  beforeAll(async () => {
    const hagen = await createTestBody(ctx.db.sql);
    const haan = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, hagen.adminEmail);
    const haanAdmin = await loginAs(ctx.server, haan.adminEmail);

    const own = await createSozialraum(admin);
    sozialraumIds.set('own', own.id);
    sozialraumIds.set('foreign', (await createSozialraum(admin)).id);
    sozialraumIds.set('other-body', (await createSozialraum(haanAdmin)).id);

    const clerk = await createUser(admin, { role: 'clerk' });
    const editor = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: own.id, access: 'edit' }],
    });
    const viewer = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: own.id, access: 'view' }],
    });
    clients.set('admin', admin);
    clients.set('clerk', await loginAs(ctx.server, clerk.email));
    clients.set('member-edit', await loginAs(ctx.server, editor.email));
    clients.set('member-view', await loginAs(ctx.server, viewer.email));

    userIds.set('own', (await createUser(admin, { role: 'member' })).id);
    userIds.set('foreign', (await createUser(admin, { role: 'clerk' })).id);
    userIds.set('other-body', (await createUser(haanAdmin, { role: 'member' })).id);
  });

  function expectStatus(response: ApiResponse, status: number) {
    if (status >= 400) expectError(response, status, ERROR_CODES[status]!);
    else
      expect({ status: response.status, text: response.text }).toEqual({ status, text: expect.any(String) });
  }

  it.each(matrix(SOZIALRAUM_ROUTES))('$route as $role on the $target Sozialraum → $status', async (row) => {
    expectStatus(await row.call(as(row.role), sozialraumIds.get(row.target)!), row.status);
  });

  it.each(matrix(USER_ROUTES))('$route as $role on a user of the $target kind → $status', async (row) => {
    expectStatus(await row.call(as(row.role), userIds.get(row.target)!), row.status);
  });

  it.each(
    UNTARGETED.flatMap(({ route, expected, call }) =>
      ROLES.map((role) => ({ route, role, status: expected[role], call })),
    ),
  )('$route as $role → $status', async (row) => {
    expectStatus(await row.call(as(row.role)), row.status);
  });

  it.each([
    ['admin', ['own', 'foreign'], 'edit'],
    ['clerk', ['own', 'foreign'], 'view'],
    ['member-edit', ['own'], 'edit'],
    ['member-view', ['own'], 'view'],
  ] as const)('lists for %s exactly the Sozialräume %j, with access %s', async (role, targets, access) => {
    const response = await as(role).get<SozialraumDto[]>('/api/sozialraeume');
    expect(response.status).toBe(200);
    const known = new Set(sozialraumIds.values());
    const visible = response.body.filter((s) => known.has(s.id));
    expect(visible.map((s) => s.id).sort()).toEqual(targets.map((t) => sozialraumIds.get(t)!).sort());
    expect(visible.map((s) => s.access)).toEqual(targets.map(() => access));
    // The other body's Sozialraum is never listed, even for admins.
    expect(response.body.map((s) => s.id)).not.toContain(sozialraumIds.get('other-body'));
  });

  it.each([
    ['admin', 'edit'],
    ['clerk', 'view'],
    ['member-edit', 'edit'],
    ['member-view', 'view'],
  ] as const)('tells %s their access %s on the own Sozialraum', async (role, access) => {
    const response = await as(role).get<SozialraumDto>(`/api/sozialraeume/${sozialraumIds.get('own')}`);
    expect(response.body.access).toBe(access);
  });

  it('refuses a member with 403 for a foreign Sozialraum with a German message', async () => {
    const response = await as('member-edit').get(`/api/sozialraeume/${sozialraumIds.get('foreign')}`);
    expect(expectError(response, 403, 'forbidden').message).toBe(
      'Sie haben keinen Zugriff auf diesen Sozialraum.',
    );
  });

  it.each(PROTECTED)('answers %s %s without a session with 401', async (method, path) => {
    const response = await new ApiClient(ctx.server.origin).request(method, path, emptyBody(method));
    expectError(response, 401, 'unauthenticated');
  });

  it.each(PROTECTED)('answers %s %s with an invalid session with 401', async (method, path) => {
    const client = new ApiClient(ctx.server.origin);
    client.setCookie('qp_session', 'abcdefghijklmnopqrstuvwxyz234567');
    expectError(await client.request(method, path, emptyBody(method)), 401, 'unauthenticated');
  });

  it.each([
    ['GET', '/api/unbekannt'],
    ['POST', '/api/unbekannt/tief'],
    ['DELETE', '/api/sozialraeume'],
    ['GET', '/api/sozialraeume/kein-uuid'],
  ])('answers %s %s with a session with 404', async (method, path) => {
    expectError(await as('member-view').request(method, path, emptyBody(method)), 404, 'not_found');
  });

  it('keeps the session of a user whose request was refused', async () => {
    expectError(await as('member-view').get('/api/users'), 403, 'forbidden');
    expect((await as('member-view').get('/api/me')).status).toBe(200);
  });

  it('applies a removed membership to a running session at once', async () => {
    const admin = as('admin');
    const ownId = sozialraumIds.get('own')!;
    const member = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: ownId, access: 'edit' }],
    });
    const client = await loginAs(ctx.server, member.email);
    expect((await client.get(`/api/sozialraeume/${ownId}`)).status).toBe(200);
    expect((await admin.put(`/api/users/${member.id}/memberships`, { memberships: [] })).status).toBe(200);
    // Memberships are read per request: the change applies to the running session at once.
    expectError(await client.get(`/api/sozialraeume/${ownId}`), 403, 'forbidden');
    expect((await client.get<SozialraumDto[]>('/api/sozialraeume')).body).toEqual([]);
  });
});

// `comment` access (docs/CONTRACT.md, Comments and suggestions): reads like `view`, writes nothing that needs `edit`.
describe.each(testDatabases())('comment access on $name', (factory) => {
  const ctx = useTestServer(factory);
  let commenter: ApiClient;
  let sozialraumId: string;
  let documents: { actionPlan: string; needs: string };
  let measure: { id: string; version: number };
  let versionId: string;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    const admin = await loginAs(ctx.server, body.adminEmail);
    const sozialraum = await createSozialraum(admin);
    sozialraumId = sozialraum.id;
    documents = sozialraum.documents;
    const user = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId, access: 'comment' }],
    });
    commenter = await loginAs(ctx.server, user.email);
    const created = await admin.post<{ id: string; version: number }>('/api/measures', {
      title: 'Quartiersbüro',
      sozialraumIds: [sozialraumId],
    });
    expect(created.status).toBe(201);
    measure = created.body;
    const version = await admin.post<{ id: string }>(`/api/documents/${documents.actionPlan}/versions`, {
      name: 'Entwurf',
    });
    expect(version.status).toBe(201);
    versionId = version.body.id;
  });

  const WRITES: [route: string, call: (c: ApiClient) => Promise<ApiResponse>][] = [
    ['POST /api/measures', (c) => c.post('/api/measures', { title: 'Neu', sozialraumIds: [sozialraumId] })],
    [
      'PATCH /api/measures/:id',
      (c) =>
        c.patch(
          `/api/measures/${measure.id}`,
          { title: 'Anders' },
          { headers: { 'if-match': `"${measure.version}"` } },
        ),
    ],
    ['POST /api/papers', (c) => c.post('/api/papers', { type: 'beschlussvorlage', subject: 'Vorlage' })],
    [
      'POST /api/sozialraeume/:id/workshops',
      (c) => c.post(`/api/sozialraeume/${sozialraumId}/workshops`, { title: 'W', date: '2026-12-03' }),
    ],
    [
      'PATCH /api/sozialraeume/:id',
      (c) => c.patch(`/api/sozialraeume/${sozialraumId}`, { stadtbezirk: 'Mitte' }),
    ],
    [
      'POST /api/documents/:docId/versions',
      (c) => c.post(`/api/documents/${documents.actionPlan}/versions`, { name: 'X' }),
    ],
    [
      'POST /api/documents/:docId/versions/:versionId/restore',
      (c) => c.post(`/api/documents/${documents.actionPlan}/versions/${versionId}/restore`, {}),
    ],
  ];

  it.each(WRITES)('refuses %s to a commenter with 403', async (_route, call) => {
    expectError(await call(commenter), 403, 'forbidden');
  });

  const READS: [route: string, call: (c: ApiClient) => Promise<ApiResponse>][] = [
    ['GET /api/sozialraeume/:id', (c) => c.get(`/api/sozialraeume/${sozialraumId}`)],
    ['GET /api/sozialraeume/:id/needs', (c) => c.get(`/api/sozialraeume/${sozialraumId}/needs`)],
    ['GET /api/sozialraeume/:id/workshops', (c) => c.get(`/api/sozialraeume/${sozialraumId}/workshops`)],
    ['GET /api/measures/:id', (c) => c.get(`/api/measures/${measure.id}`)],
    ['GET /api/documents/:docId', (c) => c.get(`/api/documents/${documents.actionPlan}`)],
    ['GET /api/documents/:docId/versions', (c) => c.get(`/api/documents/${documents.actionPlan}/versions`)],
    [
      'GET /api/documents/:docId/versions/:versionId',
      (c) => c.get(`/api/documents/${documents.actionPlan}/versions/${versionId}`),
    ],
    ['GET /api/documents/:docId/export', (c) => c.get(`/api/documents/${documents.needs}/export?format=csv`)],
  ];

  it.each(READS)('lets a commenter read %s', async (_route, call) => {
    expect((await call(commenter)).status).toBe(200);
  });

  it('tells the commenter their access', async () => {
    expect((await commenter.get<SozialraumDto>(`/api/sozialraeume/${sozialraumId}`)).body.access).toBe(
      'comment',
    );
  });
});
