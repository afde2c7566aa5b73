import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOidc } from 'oidc-provider';

/** A person at the test provider; `groups` may be changed between logins (the mapping is applied each time). */
export interface IssuerAccount {
  sub: string;
  username: string;
  password: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups: string[];
}

export interface IssuerClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestIssuerOptions {
  /** 0 (default): any free port of 127.0.0.1. */
  port?: number;
  /** Clients may also be pushed to `clients` later, until the first request reaches the provider. */
  clients?: IssuerClient[];
  accounts: IssuerAccount[];
}

/** A real OpenID provider for tests: `oidc-provider` with a login form, accounts with groups, RP-initiated logout. */
export interface TestIssuer {
  /** The issuer identifier, `http://127.0.0.1:<port>`. */
  issuer: string;
  accounts: Map<string, IssuerAccount>;
  /** The registered clients. */
  readonly clients: readonly IssuerClient[];
  /**
   * Registers a client, or more redirect URIs of a known client id (the provider is built anew; its sessions
   * live on in oidc-provider's memory store, which all instances of a process share).
   */
  addClient(client: IssuerClient): void;
  /** Lifetime of authorization codes in seconds (default 60), read whenever a code is issued. */
  codeTtlSeconds: number;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The provider's login page, in the manner of Keycloak's. */
function loginPage(uid: string, clientId: string, error?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to Test-IdP</title></head>
<body>
<main>
<h1>Sign in to your account</h1>
<p>Client: ${escapeHtml(clientId)}</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="username">Username or email</label>
<input id="username" name="username" type="text" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password">
<button type="submit">Sign In</button>
</form>
</main>
</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html);
}

/**
 * Starts a real OpenID provider (oidc-provider 8) on 127.0.0.1: discovery, authorization code flow with
 * PKCE required, ID tokens signed with a fresh RSA key, userinfo with `email`, `profile` and `groups`
 * scopes, the `iss` authorization response parameter, RP-initiated logout with its confirmation page, and
 * its own login form that checks username and password. Consent is implied (a first-party client), as
 * Keycloak does it for clients without "Consent required".
 */
export async function startTestIssuer(options: TestIssuerOptions): Promise<TestIssuer> {
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    handler ??= buildHandler();
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cookieKeys = [randomBytes(32).toString('hex')];
  const state: TestIssuer = {
    issuer,
    accounts,
    clients: [...(options.clients ?? [])],
    addClient(client) {
      const known = state.clients.find((c) => c.clientId === client.clientId);
      if (known) {
        known.redirectUris.push(...client.redirectUris);
        known.postLogoutRedirectUris.push(...client.postLogoutRedirectUris);
      } else {
        (state.clients as IssuerClient[]).push(structuredClone(client));
      }
      handler = undefined;
    },
    codeTtlSeconds: 60,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const buildHandler = () => {
    const provider = new Provider(issuer, {
      clients: state.clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: c.redirectUris,
        post_logout_redirect_uris: c.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: cookieKeys },
      async renderError(ctx: { type: string; body: string }, out: { error: string }) {
        ctx.type = 'html';
        ctx.body = `<!doctype html><title>Error</title><h1>Error</h1><p>${escapeHtml(out.error)}</p>`;
      },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name'],
        groups: ['groups'],
      },
      scopes: ['openid', 'email', 'profile', 'groups'],
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          async logoutSource(ctx: { body: string }, form: string) {
            ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head>
<body><main><h1>Do you want to sign out of Test-IdP?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button></main></body></html>`;
          },
          async postLogoutSuccessSource(ctx: { body: string }) {
            ctx.body = '<!doctype html><title>Signed out</title><h1>You are signed out.</h1>';
          },
        },
      },
      pkce: { required: () => true },
      ttl: {
        AuthorizationCode: () => state.codeTtlSeconds,
        AccessToken: 600,
        IdToken: 600,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      async findAccount(_ctx: KoaContextWithOidc, sub: string) {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: () => ({
            sub,
            ...(account.email
              ? { email: account.email, email_verified: account.emailVerified ?? false }
              : {}),
            ...(account.name ? { name: account.name } : {}),
            groups: [...account.groups],
          }),
        };
      },
      async loadExistingGrant(ctx: KoaContextWithOidc) {
        const { oidc } = ctx;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
        const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
        const grant =
          existing ??
          new oidc.provider.Grant({ accountId: oidc.account!.accountId, clientId: oidc.client.clientId });
        grant.addOIDCScope(String(oidc.params.scope ?? 'openid'));
        await grant.save();
        return grant;
      },
    });
    const callback = provider.callback();

    return (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', issuer);
      const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
      if (!match) return callback(req, res);
      void (async () => {
        try {
          const interaction = await provider.interactionDetails(req, res);
          const clientId = String(interaction.params.client_id ?? '');
          if (req.method === 'GET' && !match[2]) return send(res, 200, loginPage(interaction.uid, clientId));
          if (req.method !== 'POST' || !match[2]) return send(res, 405, 'method not allowed');
          const form = await readForm(req);
          const login = form.get('username') ?? '';
          const account = [...accounts.values()].find(
            (a) => (a.username === login || a.email === login) && a.password === form.get('password'),
          );
          if (!account)
            return send(res, 200, loginPage(interaction.uid, clientId, 'Invalid username or password.'));
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: account.sub } },
            { mergeWithLastSubmission: false },
          );
        } catch (error) {
          send(
            res,
            400,
            `interaction failed: ${escapeHtml(error instanceof Error ? error.message : String(error))}`,
          );
        }
      })();
    };
  };
  return state;
}
