import { randomBytes } from 'node:crypto';
import {
  auditRepository,
  bodyRepository,
  sozialraumRepository,
  UniqueViolationError,
  userIdentityRepository,
  userRepository,
  type BodyRow,
  type Queryable,
  type UserRow,
} from '@quartierplan/db';
import { rightsFromGroups, type Access, type Membership, type Role } from '@quartierplan/domain';
import type { Logger } from 'pino';
import { SsoError, type ProviderPerson } from '../auth/oidc.ts';
import type { OidcConfig } from '../config.ts';
import type { AppContext } from '../context.ts';

/** The body single sign-on accounts belong to: `OIDC_BODY` by name, else the installation's only body. */
export async function ssoBody(sql: Queryable, config: OidcConfig): Promise<BodyRow | null> {
  const bodies = bodyRepository(sql);
  return config.bodyName ? bodies.findByName(config.bodyName) : bodies.findOnly();
}

/**
 * A password hash no password matches (it is no argon2 hash at all, so verification fails at once): accounts
 * created by single sign-on have no password until an admin sets one.
 */
const unusablePasswordHash = () => `!sso:${randomBytes(24).toString('base64url')}`;

interface Resolved {
  user: UserRow;
  /** How the account was found: by its identity, linked now by verified e-mail, or created now. */
  how: 'identity' | 'linked' | 'created';
}

/** (issuer, subject) → account; else a verified e-mail in the body → link; else create when JIT is on. */
async function resolveAccount(tx: Queryable, config: OidcConfig, body: BodyRow, person: ProviderPerson) {
  const identities = userIdentityRepository(tx);
  const users = userRepository(tx);
  const linkedId = await identities.findUserId(person.issuer, person.subject);
  if (linkedId) {
    const user = await users.findById(body.id, linkedId);
    if (!user) throw new SsoError('failed', 'the linked account is not in the SSO body');
    return { user, how: 'identity' } satisfies Resolved;
  }
  if (person.email) {
    const existing = await users.findByEmail(body.id, person.email);
    if (existing) {
      // Only an address the provider vouches for may take over an existing account.
      if (!person.emailVerified) throw new SsoError('email', 'e-mail of an existing account, not verified');
      if (await identities.findSubject(person.issuer, existing.id)) {
        throw new SsoError('email', 'the account with this e-mail is linked to another subject');
      }
      await identities.link(person.issuer, person.subject, existing.id);
      return { user: existing, how: 'linked' } satisfies Resolved;
    }
  }
  if (!config.jit) throw new SsoError('unknown', 'no account and just-in-time creation is off');
  if (!person.email) throw new SsoError('failed', 'the provider sent no e-mail address');
  let user: UserRow;
  try {
    user = await users.create({
      bodyId: body.id,
      email: person.email,
      name: person.name ?? person.email.split('@')[0]!,
      role: 'member',
      passwordHash: unusablePasswordHash(),
    });
  } catch (error) {
    // The address belongs to an account of another body (addresses are unique in the installation).
    if (error instanceof UniqueViolationError) throw new SsoError('email', 'e-mail held by another account');
    throw error;
  }
  await identities.link(person.issuer, person.subject, user.id);
  return { user, how: 'created' } satisfies Resolved;
}

/**
 * Sets role and memberships exactly as the groups say (Sozialräume not named lose their membership), with an
 * audit event per change. The provider is authoritative, also for the last admin: whoever is in the admin
 * group becomes admin at their next login, so the provider can always give the body an admin again, while
 * keeping a right the provider has withdrawn would not be safe. Returns whether anything changed.
 */
async function applyGroups(
  tx: Queryable,
  config: OidcConfig,
  body: BodyRow,
  user: UserRow,
  groups: readonly string[],
): Promise<{ role: Role; changed: boolean }> {
  const users = userRepository(tx);
  const audit = auditRepository(tx);
  const rights = rightsFromGroups(groups, {
    adminGroup: config.adminGroup,
    clerkGroup: config.clerkGroup,
    sozialraumPrefix: config.sozialraumGroupPrefix,
  });
  const ids = await sozialraumRepository(tx).idsByCode(body.id, [...rights.access.keys()]);
  const wanted = new Map<string, Access>();
  for (const [code, access] of rights.access) {
    const id = ids.get(code);
    if (id) wanted.set(id, access);
  }
  let changed = false;
  if (rights.role !== user.role) {
    await users.update(body.id, user.id, { role: rights.role });
    await audit.record({
      bodyId: body.id,
      kind: 'role_changed',
      actorId: null,
      subjectUserId: user.id,
      details: { from: user.role, to: rights.role, method: 'oidc' },
    });
    changed = true;
  }
  const held = new Map((await users.memberships(user.id)).map((m) => [m.sozialraumId, m.access]));
  const touched = new Set([...held.keys(), ...wanted.keys()]);
  const differences = [...touched].filter((id) => held.get(id) !== wanted.get(id));
  if (differences.length > 0) {
    const memberships: Membership[] = [...wanted].map(([sozialraumId, access]) => ({ sozialraumId, access }));
    await users.setMemberships(body.id, user.id, memberships);
    for (const sozialraumId of differences) {
      await audit.record({
        bodyId: body.id,
        kind: 'membership_changed',
        actorId: null,
        subjectUserId: user.id,
        details: {
          sozialraumId,
          from: held.get(sozialraumId) ?? null,
          to: wanted.get(sozialraumId) ?? null,
          method: 'oidc',
        },
      });
    }
    changed = true;
  }
  return { role: rights.role, changed };
}

/**
 * Logs a person in whom the provider has just authenticated: finds, links or creates the account, applies
 * the groups, opens a session that keeps the ID token (for RP-initiated logout) and records the login.
 * Throws `SsoError` (deactivated, unknown, e-mail conflicts); the caller records the failure.
 */
export async function ssoLogin(
  context: AppContext,
  config: OidcConfig,
  person: ProviderPerson,
  address: string,
  log: Logger,
): Promise<{ user: { id: string; role: Role }; session: { token: string; expiresAt: Date } }> {
  const { sql, sessions, events } = context;
  const body = await ssoBody(sql, config);
  if (!body) throw new SsoError('failed', 'no SSO body: set OIDC_BODY when the installation has several');
  const outcome = await sql.begin(async (tx) => {
    const { user, how } = await resolveAccount(tx, config, body, person);
    if (!user.active) return { refused: true, user } as const;
    if (how === 'created') {
      await auditRepository(tx).record({
        bodyId: body.id,
        kind: 'user_created',
        actorId: null,
        subjectUserId: user.id,
        details: { method: 'oidc' },
      });
    }
    // No groups claim at all (a provider without the group mapper): rights stay as Quartierplan's admins set
    // them, rather than every account falling back to a member without memberships.
    const { role, changed } = person.groups
      ? await applyGroups(tx, config, body, user, person.groups)
      : { role: user.role, changed: false };
    await userIdentityRepository(tx).touch(person.issuer, person.subject);
    return { refused: false, user, how, role, changed } as const;
  });
  if (outcome.refused) {
    await recordSsoFailure(context, config, 'deactivated', address, outcome.user.id);
    throw new SsoError('deactivated', 'the account is deactivated');
  }
  const { user, how, role, changed } = outcome;
  // Open sync sockets and live streams re-check the new rights at once.
  if (changed) events.emit('user-changed', user.id);
  const session = await sessions.create(user.id, new Date(), { oidcIdToken: person.idToken });
  await auditRepository(sql).record({
    bodyId: body.id,
    kind: 'login',
    actorId: user.id,
    subjectUserId: user.id,
    address,
    details: { method: 'oidc', account: how },
  });
  log.info(
    { event: 'login', userId: user.id, method: 'oidc', account: how, rightsChanged: changed },
    'login',
  );
  return { user: { id: user.id, role }, session };
}

/** Records a failed single sign-on in the SSO body's audit log (when there is such a body). */
export async function recordSsoFailure(
  { sql }: AppContext,
  config: OidcConfig,
  reason: string,
  address: string,
  subjectUserId: string | null = null,
): Promise<void> {
  const body = await ssoBody(sql, config);
  if (!body) return;
  await auditRepository(sql).record({
    bodyId: body.id,
    kind: 'login_failed',
    actorId: null,
    subjectUserId,
    address,
    details: { method: 'oidc', reason },
  });
}
