import { testDatabases } from '@quartierplan/db/testing';
import type { AuthConfigDto, LogoutResponseDto, MeDto } from '@quartierplan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  type TestBody,
} from '../../testing/fixtures.ts';
import { startTestIssuer, type IssuerAccount, type TestIssuer } from '../../testing/oidc-issuer.ts';
import { startTestServer, type TestServer } from '../../testing/server.ts';
import { TestBrowser, type BrowserPage } from '../../testing/test-browser.ts';

const CLIENT = { clientId: 'quartierplan', clientSecret: 'test-secret-of-the-quartierplan-client' };

/** Points both issuers at the product (the redirect URIs an operator registers at Keycloak). */
function register(issuer: TestIssuer, origin: string) {
  issuer.addClient({
    ...CLIENT,
    redirectUris: [`${origin}/api/auth/oidc/callback`],
    postLogoutRedirectUris: [`${origin}/login`],
  });
}

const oidcEnv = (issuer: TestIssuer, extra: Record<string, string> = {}) => ({
  OIDC_ISSUER_URL: issuer.issuer,
  OIDC_CLIENT_ID: CLIENT.clientId,
  OIDC_CLIENT_SECRET: CLIENT.clientSecret,
  OIDC_PROVIDER_NAME: 'Test-IdP',
  OIDC_SCOPES: 'openid email profile groups',
  ...extra,
});

const account = (username: string, extra: Partial<IssuerAccount> = {}): IssuerAccount => ({
  sub: `sub-${username}-${Math.random().toString(36).slice(2)}`,
  username,
  password: `pw-${username}`,
  email: `${username}@sso.example.org`,
  emailVerified: true,
  name: `${username[0]!.toUpperCase()}${username.slice(1)} Beispiel`,
  groups: [],
  ...extra,
});

describe.each(testDatabases())('single sign-on with OpenID Connect on $name', (factory) => {
  let db: Awaited<ReturnType<typeof factory.open>>;
  let issuer: TestIssuer;
  let otherIssuer: TestIssuer;
  let server: TestServer;
  let body: TestBody;
  let admin: ApiClient;
  const sr: Record<string, string> = {};

  beforeAll(async () => {
    db = await factory.open();
    issuer = await startTestIssuer({ accounts: [] });
    otherIssuer = await startTestIssuer({ accounts: [] });
    server = await startTestServer(db.sql, { env: oidcEnv(issuer) });
    register(issuer, server.origin);
    register(otherIssuer, server.origin);
    body = await createTestBody(db.sql, 'Stadt Hagen');
    admin = await loginAs(server, body.adminEmail);
    for (const code of ['712', '713', '714']) sr[code] = (await createSozialraum(admin, { code })).id;
  });

  afterAll(async () => {
    await server?.close();
    await issuer?.close();
    await otherIssuer?.close();
    await db?.close();
  });

  const isProductPage = (url: URL) => url.origin === server.origin && !url.pathname.startsWith('/api/');
  const isCallback = (url: URL) => url.origin === server.origin && url.pathname === '/api/auth/oidc/callback';

  /** Starts a login at the product and answers the provider's form; stops where the browser lands on a page. */
  async function signIn(browser: TestBrowser, person: IssuerAccount, next = '/sozialraeume') {
    const form = (await browser.visit(
      `${server.origin}/api/auth/oidc/login?next=${encodeURIComponent(next)}`,
      {
        stopBefore: isProductPage,
      },
    )) as BrowserPage;
    expect(form.url.origin).toBe(issuer.issuer);
    expect(form.text).toContain('Sign in to your account');
    return browser.submit(
      form,
      { username: person.username, password: person.password },
      { stopBefore: isProductPage },
    );
  }

  /** Logs in at the provider but stops before the browser goes back to the product: the callback URL. */
  async function callbackUrlFor(browser: TestBrowser, person: IssuerAccount, at: TestIssuer = issuer) {
    const start = await browser.visit(`${server.origin}/api/auth/oidc/login`, {
      stopBefore: (url) => url.origin === issuer.issuer,
    });
    const authorization = new URL(start.url);
    authorization.host = new URL(at.issuer).host;
    const form = (await browser.visit(authorization)) as BrowserPage;
    const back = await browser.submit(
      form,
      { username: person.username, password: person.password },
      { stopBefore: isCallback },
    );
    expect(back.status).toBe(0);
    return back.url;
  }

  const me = async (browser: TestBrowser) => {
    const c = new ApiClient(server.origin, { address: browser.address });
    c.setCookie('qp_session', browser.cookie('qp_session') ?? '');
    return c.get<MeDto>('/api/me');
  };

  const auditKinds = async (userId: string) =>
    (
      await db.sql<{ kind: string; details: Record<string, unknown> }[]>`
        select kind, details from audit_event where subject_user_id = ${userId} order by id`
    ).map((r) => ({ kind: r.kind, ...r.details }));

  it('offers the provider on the login page', async () => {
    const config = await new ApiClient(server.origin).get<AuthConfigDto>('/api/auth/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ localPasswords: true, oidc: { name: 'Test-IdP' } });
  });

  it('sends the browser to the provider with PKCE S256, state and nonce kept in a short-lived cookie', async () => {
    const browser = new TestBrowser(server.origin);
    const response = await browser.request(`${server.origin}/api/auth/oidc/login?next=/massnahmen`);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(issuer.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('redirect_uri')).toBe(`${server.origin}/api/auth/oidc/callback`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('qp_oidc='))!;
    const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/api/auth/oidc', 'max-age=600']),
    );
    // Neither the verifier nor anything else of the pending login is in the URL the provider sees.
    expect(location.href).not.toContain(
      JSON.parse(Buffer.from(browser.cookie('qp_oidc')!, 'base64url').toString()).codeVerifier,
    );
  });

  it('creates an unknown person just in time with the role and memberships their groups give', async () => {
    const anna = account('anna', {
      groups: ['qp-clerk', 'qp-sr-712-edit', 'qp-sr-713-view', 'qp-sr-999-edit', 'andere'],
    });
    issuer.accounts.set(anna.sub, anna);
    const browser = new TestBrowser(server.origin);
    const landed = await signIn(browser, anna);
    expect(landed.url.href).toBe(`${server.origin}/sozialraeume`);
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ email: 'anna@sso.example.org', name: 'Anna Beispiel', role: 'clerk' });
    const [identity] = await db.sql<{ userId: string; issuer: string }[]>`
      select user_id, issuer from user_identity where subject = ${anna.sub}`;
    expect(identity).toEqual({ userId: who.body.id, issuer: issuer.issuer });
    const memberships = await db.sql<{ sozialraumId: string; access: string }[]>`
      select sozialraum_id, access from membership where user_id = ${who.body.id} order by access`;
    expect(memberships).toEqual([
      { sozialraumId: sr['712'], access: 'edit' },
      { sozialraumId: sr['713'], access: 'view' },
    ]);
    const events = await auditKinds(who.body.id);
    expect(events.map((e) => e.kind)).toEqual([
      'user_created',
      'role_changed',
      'membership_changed',
      'membership_changed',
      'login',
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'login', method: 'oidc', account: 'created' });
    // The session keeps the ID token (for logout), not the person's password: SSO accounts have none.
    const [session] = await db.sql<{ oidcIdToken: string }[]>`
      select oidc_id_token from session where user_id = ${who.body.id}`;
    expect(session!.oidcIdToken.split('.')).toHaveLength(3);
    expect((await new ApiClient(server.origin).login('anna@sso.example.org', anna.password)).status).toBe(
      401,
    );
  });

  it('applies the groups again at every login: a group taken away takes the role and membership with it', async () => {
    const bea = account('bea', { groups: ['qp-admin', 'qp-sr-712-edit', 'qp-sr-713-edit'] });
    issuer.accounts.set(bea.sub, bea);
    const first = new TestBrowser(server.origin);
    await signIn(first, bea);
    const before = await me(first);
    expect(before.body.role).toBe('admin');

    bea.groups = ['qp-sr-713-comment', 'qp-sr-714-view'];
    const second = new TestBrowser(server.origin);
    await signIn(second, bea);
    const after = await me(second);
    expect(after.body.id).toBe(before.body.id);
    expect(after.body.role).toBe('member');
    expect(after.body.memberships).toEqual(
      expect.arrayContaining([
        { sozialraumId: sr['713'], access: 'comment' },
        { sozialraumId: sr['714'], access: 'view' },
      ]),
    );
    expect(after.body.memberships).toHaveLength(2);
    const events = (await auditKinds(after.body.id)).slice(-5);
    expect(events[0]).toEqual({ kind: 'role_changed', from: 'admin', to: 'member', method: 'oidc' });
    expect(events.slice(1, 4)).toEqual(
      expect.arrayContaining(
        [
          { sozialraumId: sr['712'], from: 'edit', to: null },
          { sozialraumId: sr['713'], from: 'edit', to: 'comment' },
          { sozialraumId: sr['714'], from: null, to: 'view' },
        ].map((change) => ({ kind: 'membership_changed', method: 'oidc', ...change })),
      ),
    );
    expect(events[4]).toMatchObject({ kind: 'login', method: 'oidc', account: 'identity' });
    // The first browser's session now holds the new rights too.
    expect((await me(first)).body.role).toBe('member');
  });

  it('links an existing account by an e-mail address the provider has verified', async () => {
    const existing = await createUser(admin, { role: 'member', email: 'carl@sso.example.org' });
    const carl = account('carl', { groups: ['qp-sr-714-edit'] });
    issuer.accounts.set(carl.sub, carl);
    const browser = new TestBrowser(server.origin);
    await signIn(browser, carl);
    const who = await me(browser);
    expect(who.body.id).toBe(existing.id);
    expect(who.body.memberships).toEqual([{ sozialraumId: sr['714'], access: 'edit' }]);
    expect((await auditKinds(existing.id)).at(-1)).toMatchObject({ kind: 'login', account: 'linked' });
    // The password still works while local passwords are on.
    expect((await new ApiClient(server.origin).login(existing.email, existing.password)).status).toBe(200);
  });

  it('does not link an existing account by an unverified e-mail address', async () => {
    const existing = await createUser(admin, { role: 'admin', email: 'dora@sso.example.org' });
    const dora = account('dora', { emailVerified: false, groups: ['qp-admin'] });
    issuer.accounts.set(dora.sub, dora);
    const browser = new TestBrowser(server.origin);
    const landed = await signIn(browser, dora);
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=email&next=%2Fsozialraeume');
    expect(browser.cookie('qp_session')).toBeUndefined();
    expect(await db.sql`select 1 from user_identity where user_id = ${existing.id}`).toHaveLength(0);
    const [failed] = await db.sql<{ details: Record<string, unknown>; address: string }[]>`
      select details, address from audit_event where kind = 'login_failed' order by id desc limit 1`;
    expect(failed).toEqual({ details: { method: 'oidc', reason: 'email' }, address: browser.address });
  });

  it('refuses a deactivated account', async () => {
    const emil = account('emil', { groups: [] });
    issuer.accounts.set(emil.sub, emil);
    await signIn(new TestBrowser(server.origin), emil);
    const [user] = await db.sql<
      { id: string }[]
    >`select user_id as id from user_identity where subject = ${emil.sub}`;
    expect((await admin.patch(`/api/users/${user!.id}`, { active: false })).status).toBe(200);
    const browser = new TestBrowser(server.origin);
    const landed = await signIn(browser, emil);
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=deactivated');
    expect(browser.cookie('qp_session')).toBeUndefined();
  });

  it('refuses a forged state, and a callback without the pending login of this browser', async () => {
    const fritz = account('fritz');
    issuer.accounts.set(fritz.sub, fritz);
    const victim = new TestBrowser(server.origin);
    const callback = await callbackUrlFor(victim, fritz);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'von-einer-angreiferin');
    const landed = await victim.visit(forged, { stopBefore: isProductPage });
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=state');
    expect(victim.cookie('qp_session')).toBeUndefined();
    expect(victim.cookie('qp_oidc')).toBeUndefined();

    // An attacker's genuine callback URL opened in another browser (login CSRF): no pending login there.
    const other = new TestBrowser(server.origin);
    const attackerCallback = await callbackUrlFor(new TestBrowser(server.origin), fritz);
    const refused = await other.visit(attackerCallback, { stopBefore: isProductPage });
    expect(refused.url.pathname + refused.url.search).toBe('/login?fehler=state');
    expect(other.cookie('qp_session')).toBeUndefined();
  });

  it('refuses an answer from another issuer', async () => {
    const gina = account('gina');
    issuer.accounts.set(gina.sub, gina);
    otherIssuer.accounts.set(gina.sub, gina);
    const browser = new TestBrowser(server.origin);
    // The product's authorization request, answered by a second provider that knows the same client.
    const callback = await callbackUrlFor(browser, gina, otherIssuer);
    expect(callback.searchParams.get('iss')).toBe(otherIssuer.issuer);
    const landed = await browser.visit(callback, { stopBefore: isProductPage });
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=issuer');
    expect(browser.cookie('qp_session')).toBeUndefined();
    // Without the `iss` parameter the ID token's issuer and signature give it away just the same.
    const again = new TestBrowser(server.origin);
    const second = await callbackUrlFor(again, gina, otherIssuer);
    second.searchParams.delete('iss');
    const refused = await again.visit(second, { stopBefore: isProductPage });
    expect(refused.url.pathname).toBe('/login');
    expect(refused.url.searchParams.get('fehler')).toMatch(/^(issuer|code|failed)$/);
    expect(again.cookie('qp_session')).toBeUndefined();
  });

  it('refuses a code that was used already', async () => {
    const hans = account('hans');
    issuer.accounts.set(hans.sub, hans);
    const browser = new TestBrowser(server.origin);
    const callback = await callbackUrlFor(browser, hans);
    const pending = browser.cookie('qp_oidc')!;
    const first = await browser.visit(callback, { stopBefore: isProductPage });
    expect(first.url.pathname).toBe('/');
    // Replayed with the same pending login (as an attacker who copied both would).
    const replay = new TestBrowser(server.origin);
    replay.setCookie('qp_oidc', pending, '/api/auth/oidc');
    const landed = await replay.visit(callback, { stopBefore: isProductPage });
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=code');
    expect(replay.cookie('qp_session')).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const ida = account('ida');
    issuer.accounts.set(ida.sub, ida);
    const browser = new TestBrowser(server.origin);
    issuer.codeTtlSeconds = 1;
    let callback: URL;
    try {
      callback = await callbackUrlFor(browser, ida);
    } finally {
      issuer.codeTtlSeconds = 60;
    }
    // The provider counts in whole seconds: past two, the code has expired whatever the rounding.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const landed = await browser.visit(callback, { stopBefore: isProductPage });
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=code');
  });

  it('shows an error the provider reports (the person cancelled) on the login page', async () => {
    const browser = new TestBrowser(server.origin);
    const start = await browser.visit(`${server.origin}/api/auth/oidc/login`, {
      stopBefore: (url) => url.origin === issuer.issuer,
    });
    const state = new URL(start.url).searchParams.get('state')!;
    const landed = await browser.visit(
      `${server.origin}/api/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer.issuer)}`,
      { stopBefore: isProductPage },
    );
    expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=provider');
  });

  it('logs out at the provider too (RP-initiated logout) and the provider ends its session', async () => {
    const jana = account('jana');
    issuer.accounts.set(jana.sub, jana);
    const browser = new TestBrowser(server.origin);
    await signIn(browser, jana);
    // While the provider's session lasts, another login goes through without its form.
    const silent = await browser.visit(`${server.origin}/api/auth/oidc/login?next=/vorlagen`, {
      stopBefore: isProductPage,
    });
    expect(silent.url.href).toBe(`${server.origin}/vorlagen`);

    const logout = await browser.request(`${server.origin}/api/auth/logout`, { method: 'POST' });
    expect(logout.status).toBe(200);
    const { endSessionUrl } = JSON.parse(logout.text) as LogoutResponseDto;
    const end = new URL(endSessionUrl);
    expect(end.origin).toBe(issuer.issuer);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${server.origin}/login`);
    expect((await me(browser)).status).toBe(401);

    const confirm = (await browser.visit(end)) as BrowserPage;
    expect(confirm.status).toBe(200);
    const back = await browser.submit(confirm, { logout: 'yes' }, { stopBefore: isProductPage });
    expect(back.url.href).toBe(`${server.origin}/login`);
    // The provider asks for the password again.
    const form = (await browser.visit(`${server.origin}/api/auth/oidc/login`, {
      stopBefore: isProductPage,
    })) as BrowserPage;
    expect(form.url.origin).toBe(issuer.issuer);
    expect(form.text).toContain('Sign in to your account');
  });

  it('answers a password session logout with 204 as before', async () => {
    const client = await loginAs(server, body.adminEmail);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
  });

  it('validates next before anything else and never leaves the site', async () => {
    const browser = new TestBrowser(server.origin);
    const tooLong = await new ApiClient(server.origin).get(`/api/auth/oidc/login?next=/${'a'.repeat(3000)}`);
    expectError(tooLong, 400, 'validation_failed');
    const kira = account('kira');
    issuer.accounts.set(kira.sub, kira);
    // `/<tab>/evil.example` is `//evil.example` to a browser: another site, so the callback goes to `/`.
    const landed = await signIn(browser, kira, '/\t/evil.example');
    expect(landed.url.href).toBe(`${server.origin}/`);
  });

  it('leaves rights alone when the provider sends no groups claim at all', async () => {
    const plain = await startTestServer(db.sql, {
      env: oidcEnv(issuer, { OIDC_SCOPES: 'openid email profile' }),
    });
    try {
      register(issuer, plain.origin);
      const existing = await createUser(admin, {
        role: 'admin',
        email: 'mara@sso.example.org',
      });
      const mara = account('mara', { groups: ['qp-sr-712-view'] });
      issuer.accounts.set(mara.sub, mara);
      const browser = new TestBrowser(plain.origin);
      const form = (await browser.visit(`${plain.origin}/api/auth/oidc/login`)) as BrowserPage;
      const landed = await browser.submit(
        form,
        { username: mara.username, password: mara.password },
        { stopBefore: (url) => url.origin === plain.origin && !url.pathname.startsWith('/api/') },
      );
      expect(landed.url.href).toBe(`${plain.origin}/`);
      const [user] = await db.sql<{ role: string }[]>`select role from app_user where id = ${existing.id}`;
      expect(user!.role).toBe('admin');
      expect((await auditKinds(existing.id)).map((e) => e.kind)).toEqual(['user_created', 'login']);
    } finally {
      await plain.close();
    }
  });

  describe('with just-in-time creation off and local passwords off', () => {
    let strict: TestServer;
    beforeAll(async () => {
      strict = await startTestServer(db.sql, {
        env: oidcEnv(issuer, { OIDC_JIT: 'false', LOCAL_PASSWORDS: 'off' }),
      });
      register(issuer, strict.origin);
    });
    afterAll(() => strict?.close());

    it('refuses a person without an account', async () => {
      const lena = account('lena');
      issuer.accounts.set(lena.sub, lena);
      const browser = new TestBrowser(strict.origin);
      const form = (await browser.visit(`${strict.origin}/api/auth/oidc/login`)) as BrowserPage;
      const landed = await browser.submit(
        form,
        { username: lena.username, password: lena.password },
        {
          stopBefore: (url) => url.origin === strict.origin && !url.pathname.startsWith('/api/'),
        },
      );
      expect(landed.url.pathname + landed.url.search).toBe('/login?fehler=unknown');
    });

    it('turns password login and password changes off with a clear message', async () => {
      const config = await new ApiClient(strict.origin).get<AuthConfigDto>('/api/auth/config');
      expect(config.body).toEqual({ localPasswords: false, oidc: { name: 'Test-IdP' } });
      const refused = await new ApiClient(strict.origin).login(body.adminEmail, body.adminPassword);
      expect(expectError(refused, 403, 'password_login_disabled').message).toBe(
        'Die Anmeldung mit Passwort ist abgeschaltet. Bitte melden Sie sich über Single Sign-on an.',
      );
      // Refused before the body is read: malformed input gets the same answer.
      expectError(
        await new ApiClient(strict.origin).post('/api/auth/login', { email: 1 }),
        403,
        'password_login_disabled',
      );
      const session = await loginAs(server, body.adminEmail);
      const change = await new ApiClient(strict.origin).post(
        '/api/me/password',
        { currentPassword: body.adminPassword, newPassword: 'ein-ganz-neues-passwort' },
        { headers: { cookie: `qp_session=${session.cookie('qp_session')}` } },
      );
      expectError(change, 403, 'password_login_disabled');
    });
  });
});

describe.each(testDatabases())('without single sign-on on $name', (factory) => {
  let db: Awaited<ReturnType<typeof factory.open>>;
  let server: TestServer;
  beforeAll(async () => {
    db = await factory.open();
    server = await startTestServer(db.sql);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('offers passwords only and has no SSO routes', async () => {
    const client = new ApiClient(server.origin);
    expect((await client.get<AuthConfigDto>('/api/auth/config')).body).toEqual({
      localPasswords: true,
      oidc: null,
    });
    expectError(await client.get('/api/auth/oidc/login'), 404, 'not_found');
    expectError(await client.get('/api/auth/oidc/callback?code=x&state=y'), 404, 'not_found');
  });
});

describe.each(testDatabases())('with the provider down on $name', (factory) => {
  let db: Awaited<ReturnType<typeof factory.open>>;
  let server: TestServer;
  beforeAll(async () => {
    db = await factory.open();
    // A port nobody listens on any more.
    const gone = await startTestIssuer({ accounts: [] });
    await gone.close();
    server = await startTestServer(db.sql, { env: oidcEnv(gone) });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('sends the browser back to the login page with the reason, and password login still works', async () => {
    const body = await createTestBody(db.sql);
    const browser = new TestBrowser(server.origin);
    const response = await browser.request(`${server.origin}/api/auth/oidc/login?next=/vorlagen`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?fehler=unavailable&next=%2Fvorlagen');
    expect(browser.cookie('qp_oidc')).toBeUndefined();
    const [failed] = await db.sql<{ details: Record<string, unknown> }[]>`
      select details from audit_event where kind = 'login_failed' and body_id = ${body.bodyId}`;
    expect(failed!.details).toEqual({ method: 'oidc', reason: 'unavailable' });
    expect((await new ApiClient(server.origin).login(body.adminEmail, body.adminPassword)).status).toBe(200);
  });
});
