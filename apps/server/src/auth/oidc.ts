import type { SsoFailure } from '@quartierplan/domain';
import type * as OpenIdClient from 'openid-client';
import type { OidcConfig } from '../config.ts';
import { loadOnFirstUse } from '../load-on-first-use.ts';

/** openid-client, loaded by the first single sign-on (most installations have none configured). */
const loadOpenIdClient: () => Promise<typeof OpenIdClient> = loadOnFirstUse(() => import('openid-client'));

/** What the browser must bring back to the callback: kept in the short-lived state cookie. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after login (already through `safeNext`). */
  next: string;
  /** When the login started (ms since epoch): the cookie is refused after 10 minutes whatever its expiry. */
  startedAt: number;
}

/** The person as the provider describes them after a successful code exchange. */
export interface ProviderPerson {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
  /** Null when the provider sends no groups claim at all (rights are then managed in Quartierplan). */
  groups: string[] | null;
  /** For RP-initiated logout (`id_token_hint`). */
  idToken: string;
}

/** A failed single sign-on with the reason the login page shows (`/login?fehler=`) and what the log says. */
export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SsoError';
  }
}

/**
 * The relying party: discovery (once, retried after a failure), the authorization URL with PKCE S256, state
 * and nonce, the code exchange with every check openid-client makes (state, `iss`, nonce, signature,
 * audience, expiry) and the end-session URL. Plain http only for a loopback issuer (config decides).
 */
export class OidcClient {
  private discovered: Promise<OpenIdClient.Configuration> | undefined;

  constructor(readonly config: OidcConfig) {}

  private configuration(): Promise<OpenIdClient.Configuration> {
    this.discovered ??= loadOpenIdClient()
      .then((client) =>
        client.discovery(
          new URL(this.config.issuer),
          this.config.clientId,
          { client_secret: this.config.clientSecret },
          client.ClientSecretBasic(this.config.clientSecret),
          {
            // Loopback http only (config.ts refuses http elsewhere); https everywhere else.
            ...(this.config.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
            timeout: 10,
          },
        ),
      )
      .catch((error: unknown) => {
        // The provider may come up after us: try again at the next login instead of failing for good.
        this.discovered = undefined;
        throw new SsoError('unavailable', `discovery failed: ${describe(error)}`);
      });
    return this.discovered;
  }

  /** The issuer identifier as the provider's discovery document states it (stored with each identity). */
  async issuer(): Promise<string> {
    return (await this.configuration()).serverMetadata().issuer;
  }

  /** Starts a login: the provider's authorization URL and what the callback must check against. */
  async start(redirectUri: string, next: string): Promise<{ url: URL; pending: PendingLogin }> {
    const configuration = await this.configuration();
    const client = await loadOpenIdClient();
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      next,
      startedAt: Date.now(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.config.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Finishes a login from the callback URL; throws `SsoError` with the reason when anything is off. */
  async finish(callbackUrl: URL, pending: PendingLogin): Promise<ProviderPerson> {
    const configuration = await this.configuration();
    const client = await loadOpenIdClient();
    const issuer = configuration.serverMetadata().issuer;
    const params = callbackUrl.searchParams;
    // Checked here first so each failure gets its own reason; openid-client checks all of it again.
    if (params.get('state') !== pending.state) throw new SsoError('state', 'state does not match');
    const iss = params.get('iss');
    if (iss !== null && iss !== issuer) throw new SsoError('issuer', `iss ${iss} is not ${issuer}`);
    const providerError = params.get('error');
    if (providerError) throw new SsoError('provider', `provider answered ${providerError}`);

    let tokens: Awaited<ReturnType<typeof OpenIdClient.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw toSsoError(error, client);
    }
    const idToken = tokens.id_token;
    const claims = tokens.claims();
    if (!idToken || !claims) throw new SsoError('failed', 'no ID token');
    let merged: Record<string, unknown> = { ...claims };
    // Keycloak and Entra ID put e-mail and groups into the ID token when configured to; providers that
    // follow the specification to the letter give them only at the userinfo endpoint.
    if (!(this.config.groupsClaim in claims) || !('email' in claims)) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        merged = { ...info, ...merged };
      } catch (error) {
        throw toSsoError(error, client);
      }
    }
    return {
      issuer,
      subject: claims.sub,
      email: typeof merged.email === 'string' ? merged.email.trim().toLowerCase() : undefined,
      emailVerified: merged.email_verified === true,
      name: displayName(merged),
      groups: this.config.groupsClaim in merged ? groupsOf(merged[this.config.groupsClaim]) : null,
      idToken,
    };
  }

  /** RP-initiated logout: the provider's end-session URL, or null when it offers none. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return (await loadOpenIdClient())
      .buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      })
      .toString();
  }
}

function displayName(claims: Record<string, unknown>): string | undefined {
  for (const key of ['name', 'preferred_username'] as const) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  }
  const given = [claims.given_name, claims.family_name].filter((v) => typeof v === 'string' && v.trim());
  return given.length > 0 ? given.join(' ').slice(0, 200) : undefined;
}

/** A list of group names; a single string (some providers send one group so) counts as one group. */
function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Maps what openid-client throws to a reason: refused codes, issuer mismatches, unreachable providers. */
function toSsoError(error: unknown, client: typeof OpenIdClient): SsoError {
  if (error instanceof SsoError) return error;
  const message = describe(error);
  if (error instanceof client.ResponseBodyError) {
    // invalid_grant: the code expired, was used already or belongs to another client or verifier.
    return new SsoError(error.error === 'invalid_grant' ? 'code' : 'failed', message);
  }
  if (error instanceof client.AuthorizationResponseError) return new SsoError('provider', message);
  if (/"iss"|issuer/i.test(message)) return new SsoError('issuer', message);
  if (/"state"/.test(message)) return new SsoError('state', message);
  if (error instanceof TypeError || /fetch failed|ECONNREFUSED|timed? ?out|abort/i.test(message)) {
    return new SsoError('unavailable', message);
  }
  return new SsoError('failed', message);
}
