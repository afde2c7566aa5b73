import { z } from 'zod';
import { ACCESS_LEVELS, type Access, type Role } from '../roles.ts';

/** `GET /api/auth/config`: what the login page offers. */
export const authConfigDtoSchema = z
  .object({
    /** Whether e-mail and password log in (`LOCAL_PASSWORDS=off` turns it off). */
    localPasswords: z.boolean(),
    /** Single sign-on, when configured: the provider's name for "Mit <Name> anmelden". */
    oidc: z.object({ name: z.string() }).nullable(),
  })
  .meta({ id: 'AuthConfig' });
export type AuthConfigDto = z.infer<typeof authConfigDtoSchema>;

/** `POST /api/auth/logout` of a single sign-on session: where the browser goes to end it at the provider too. */
export const logoutResponseDtoSchema = z.object({ endSessionUrl: z.string() }).meta({ id: 'LogoutResponse' });
export type LogoutResponseDto = z.infer<typeof logoutResponseDtoSchema>;

/**
 * Why a single sign-on failed: `/login?fehler=<code>` after the callback, shown as a German sentence. `state`:
 * the answer belongs to no login started in this browser (forged, missing or older than 10 minutes); `issuer`:
 * it came from another provider; `code`: the provider refused the code (expired or already used); `provider`:
 * the provider reported an error (e.g. the person cancelled); `deactivated`: the account is deactivated;
 * `unknown`: no account and automatic creation is off; `email`: the address belongs to another account and
 * cannot be linked (not verified by the provider, or held elsewhere); `unavailable`: the provider did not
 * answer; `failed`: anything else.
 */
export const SSO_FAILURES = [
  'state',
  'issuer',
  'code',
  'provider',
  'deactivated',
  'unknown',
  'email',
  'unavailable',
  'failed',
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

export function isSsoFailure(value: string | null): value is SsoFailure {
  return (SSO_FAILURES as readonly string[]).includes(value ?? '');
}

/** Which provider groups mean which rights (the defaults are `qp-admin`, `qp-clerk`, `qp-sr-`). */
export interface GroupMapping {
  adminGroup: string;
  clerkGroup: string;
  /** `<prefix><Sozialraum code>-<edit|comment|view>` grants that access to that Sozialraum. */
  sozialraumPrefix: string;
}

/** Rights as a provider's groups give them: the role and the access per Sozialraum code. */
export interface GroupRights {
  role: Role;
  /** Sozialraum code → access; the strongest access wins when several groups name one code. */
  access: Map<string, Access>;
}

const STRENGTH: Record<Access, number> = { view: 0, comment: 1, edit: 2 };

/**
 * The one reading of provider groups: the admin group makes an admin, else the clerk group a clerk, else a
 * member; every `<prefix><code>-<access>` group a membership. Groups may come as paths (`/qp-admin`, as
 * Keycloak sends them with "full group path"): only the last segment counts. Anything else is ignored.
 */
export function rightsFromGroups(groups: readonly string[], mapping: GroupMapping): GroupRights {
  const names = new Set(groups.map((g) => g.slice(g.lastIndexOf('/') + 1)));
  const role: Role = names.has(mapping.adminGroup)
    ? 'admin'
    : names.has(mapping.clerkGroup)
      ? 'clerk'
      : 'member';
  const access = new Map<string, Access>();
  const pattern = new RegExp(`^(.+)-(${ACCESS_LEVELS.join('|')})$`);
  for (const name of names) {
    if (!mapping.sozialraumPrefix || !name.startsWith(mapping.sozialraumPrefix)) continue;
    const match = pattern.exec(name.slice(mapping.sozialraumPrefix.length));
    if (!match) continue;
    const code = match[1]!;
    const level = match[2] as Access;
    const held = access.get(code);
    if (!held || STRENGTH[level] > STRENGTH[held]) access.set(code, level);
  }
  return { role, access };
}

// A base no real page has: whatever `next` says, resolving it against this tells whether it stays on our site.
const PROBE_ORIGIN = 'http://quartierplan.invalid';

/**
 * Only same-site paths are followed after login, so neither the login page nor the single sign-on callback
 * can redirect elsewhere. The path is read as the browser will read it (the WHATWG URL parser drops tabs and
 * newlines and treats `\` as `/`, so `/%09/evil.example` means `//evil.example`) and answered in that
 * normalised form, never as sent.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  return url.pathname + url.search + url.hash;
}

/** `GET /api/auth/oidc/login?next=`: the page to return to (followed only through `safeNext`). */
export const oidcLoginQuerySchema = z.object({
  next: z.string().max(2048, { message: 'Die Zieladresse ist zu lang.' }).optional(),
});
