import {
  auditRepository,
  ForeignSozialraumError,
  personalDataRepository,
  UniqueViolationError,
  userRepository,
  type Queryable,
  type UserWithMemberships,
} from '@quartierplan/db';
import type {
  Access,
  ChangeOwnPasswordInput,
  CreateUserInput,
  Membership,
  Principal,
  UpdateUserInput,
} from '@quartierplan/domain';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { AppContext } from '../context.ts';
import { tooManyAttempts } from './auth.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';

const emailTaken = () =>
  validationFailed([
    { path: 'email', message: 'Diese E-Mail-Adresse hat in Ihrer Kommune schon ein Konto.' },
  ]);
const foreignSozialraum = () =>
  validationFailed([{ path: 'memberships', message: 'Mindestens ein Sozialraum existiert nicht.' }]);

/** Runs a membership change and turns a foreign Sozialraum into a field error. */
async function withMembershipErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ForeignSozialraumError) throw foreignSozialraum();
    if (error instanceof UniqueViolationError && error.constraint === 'app_user_body_id_email_uq')
      throw emailTaken();
    throw error;
  }
}

/** An admin may not lock the body out of its own administration. */
async function assertAdminRemains(tx: Queryable, bodyId: string) {
  if ((await userRepository(tx).countActiveAdmins(bodyId)) === 0) {
    throw conflict('Die Kommune braucht mindestens eine aktive Administratorin oder einen Administrator.');
  }
}

/** Open sync sockets and live streams of that user are re-checked against the new rights. */
const rightsChanged = (context: AppContext, userId: string) => context.events.emit('user-changed', userId);

/** The admin acting: whose body, and who (for the audit log). */
export type Actor = Pick<Principal, 'id' | 'bodyId'>;

/**
 * Every Sozialraum whose access differs between two membership lists: granted (from null), changed, or
 * revoked (to null). One audit event each, so the log can be filtered and read per Sozialraum.
 */
export function membershipChanges(
  before: readonly Membership[],
  after: readonly Membership[],
): { sozialraumId: string; from: Access | null; to: Access | null }[] {
  const was = new Map(before.map((m) => [m.sozialraumId, m.access]));
  const now = new Map(after.map((m) => [m.sozialraumId, m.access]));
  const changes: { sozialraumId: string; from: Access | null; to: Access | null }[] = [];
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const from = was.get(id) ?? null;
    const to = now.get(id) ?? null;
    if (from !== to) changes.push({ sozialraumId: id, from, to });
  }
  return changes;
}

/** Records one `membership_changed` per changed Sozialraum. */
async function recordMembershipChanges(
  tx: Queryable,
  actor: Actor,
  userId: string,
  before: readonly Membership[],
  after: readonly Membership[],
): Promise<void> {
  for (const change of membershipChanges(before, after)) {
    await auditRepository(tx).record({
      bodyId: actor.bodyId,
      kind: 'membership_changed',
      actorId: actor.id,
      subjectUserId: userId,
      details: change,
    });
  }
}

/** A user of the body, or 404. */
export async function loadUser(sql: Queryable, bodyId: string, id: string): Promise<UserWithMemberships> {
  const user = await userRepository(sql).findById(bodyId, id);
  if (!user) throw notFound('Benutzer nicht gefunden.');
  return user;
}

/** An erased person's account only carries their contributions: it is never changed or reactivated. */
async function assertNotErased(sql: Queryable, bodyId: string, id: string) {
  if (await personalDataRepository(sql).erasedAt(bodyId, id))
    throw conflict('Diese Person wurde gelöscht (DSGVO); ihr Konto kann nicht mehr geändert werden.');
}

/** Every user of the body. */
export function listUsers({ sql }: AppContext, bodyId: string): Promise<UserWithMemberships[]> {
  return userRepository(sql).list(bodyId);
}

/** Creates a user with their memberships in one transaction, with its audit events. */
export async function createUser(context: AppContext, actor: Actor, input: CreateUserInput) {
  const { bodyId } = actor;
  const passwordHash = await hashPassword(input.password);
  return withMembershipErrors(() =>
    context.sql.begin(async (tx) => {
      const repo = userRepository(tx);
      const user = await repo.create({
        bodyId,
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
      });
      await repo.setMemberships(bodyId, user.id, input.memberships);
      await auditRepository(tx).record({
        bodyId,
        kind: 'user_created',
        actorId: actor.id,
        subjectUserId: user.id,
        details: { role: input.role },
      });
      await recordMembershipChanges(tx, actor, user.id, [], input.memberships);
      return user;
    }),
  );
}

/** Changes name, role or active state; a deactivated user's sessions end at once. */
export async function updateUser(
  context: AppContext,
  actor: Actor,
  id: string,
  patch: UpdateUserInput,
): Promise<UserWithMemberships> {
  const { bodyId } = actor;
  await loadUser(context.sql, bodyId, id);
  await assertNotErased(context.sql, bodyId, id);
  await context.sql.begin(async (tx) => {
    const before = await loadUser(tx, bodyId, id);
    await userRepository(tx).update(bodyId, id, patch);
    await assertAdminRemains(tx, bodyId);
    const audit = auditRepository(tx);
    const event = { bodyId, actorId: actor.id, subjectUserId: id };
    if (patch.role !== undefined && patch.role !== before.role) {
      await audit.record({ ...event, kind: 'role_changed', details: { from: before.role, to: patch.role } });
    }
    if (patch.active !== undefined && patch.active !== before.active) {
      await audit.record({ ...event, kind: patch.active ? 'user_reactivated' : 'user_deactivated' });
    }
  });
  if (patch.active === false) await context.sessions.invalidateAllOf(id);
  rightsChanged(context, id);
  return loadUser(context.sql, bodyId, id);
}

/** Replaces a user's memberships. */
export async function setMemberships(
  context: AppContext,
  actor: Actor,
  id: string,
  memberships: readonly Membership[],
): Promise<UserWithMemberships> {
  const { bodyId } = actor;
  await loadUser(context.sql, bodyId, id);
  await assertNotErased(context.sql, bodyId, id);
  await withMembershipErrors(() =>
    context.sql.begin(async (tx) => {
      const repo = userRepository(tx);
      const before = await repo.memberships(id);
      await repo.setMemberships(bodyId, id, memberships);
      await recordMembershipChanges(tx, actor, id, before, memberships);
    }),
  );
  rightsChanged(context, id);
  return loadUser(context.sql, bodyId, id);
}

/** An admin sets a new password: whoever knew the old one is logged out everywhere. */
export async function resetPassword(
  context: AppContext,
  actor: Actor,
  id: string,
  password: string,
): Promise<void> {
  const { bodyId } = actor;
  const user = await loadUser(context.sql, bodyId, id);
  await assertNotErased(context.sql, bodyId, id);
  const passwordHash = await hashPassword(password);
  await context.sql.begin(async (tx) => {
    await userRepository(tx).setPasswordHash(bodyId, id, passwordHash);
    await auditRepository(tx).record({
      bodyId,
      kind: 'password_reset',
      actorId: actor.id,
      subjectUserId: id,
    });
  });
  await context.sessions.invalidateAllOf(id);
  // The person can use the new password at once, wherever a lockout came from.
  await context.throttle.releaseAccount(user.email);
  rightsChanged(context, id);
}

/** Ends every session of a user; returns how many. */
export async function endSessions(context: AppContext, bodyId: string, id: string): Promise<number> {
  await loadUser(context.sql, bodyId, id);
  const ended = await context.sessions.invalidateAllOf(id);
  rightsChanged(context, id);
  return ended;
}

/**
 * A user changes their own password (knowing the current one). Every other device must log in
 * again; the returned session replaces the one this device used.
 */
export async function changeOwnPassword(
  context: AppContext,
  user: Principal,
  { currentPassword, newPassword }: ChangeOwnPasswordInput,
): Promise<{ ended: number; session: { token: string; expiresAt: Date } }> {
  const users = userRepository(context.sql);
  // A stolen session must not become a way to guess the password: wrong current passwords are throttled.
  const locked = await context.throttle.passwordCheckLockedUntil(user.id);
  if (locked) throw tooManyAttempts(locked, 'Zu oft ein falsches bisheriges Passwort.');
  const stored = await users.findPasswordHash(user.bodyId, user.id);
  if (!stored || !(await verifyPassword(stored, currentPassword))) {
    const nowLocked = await context.throttle.registerPasswordCheckFailure(user.id);
    if (nowLocked) throw tooManyAttempts(nowLocked, 'Zu oft ein falsches bisheriges Passwort.');
    throw validationFailed([{ path: 'currentPassword', message: 'Das bisherige Passwort stimmt nicht.' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await context.sql.begin(async (tx) => {
    await userRepository(tx).setPasswordHash(user.bodyId, user.id, passwordHash);
    await auditRepository(tx).record({
      bodyId: user.bodyId,
      kind: 'password_changed',
      actorId: user.id,
      subjectUserId: user.id,
    });
  });
  await context.throttle.releaseAccount((await loadUser(context.sql, user.bodyId, user.id)).email);
  const ended = await context.sessions.invalidateAllOf(user.id);
  rightsChanged(context, user.id);
  return { ended, session: await context.sessions.create(user.id) };
}
