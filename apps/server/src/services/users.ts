import {
  ForeignSozialraumError,
  personalDataRepository,
  UniqueViolationError,
  userRepository,
  type Queryable,
  type UserWithMemberships,
} from '@quartierplan/db';
import type {
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

/** Creates a user with their memberships in one transaction. */
export async function createUser(context: AppContext, bodyId: string, input: CreateUserInput) {
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
      return user;
    }),
  );
}

/** Changes name, role or active state; a deactivated user's sessions end at once. */
export async function updateUser(
  context: AppContext,
  bodyId: string,
  id: string,
  patch: UpdateUserInput,
): Promise<UserWithMemberships> {
  await loadUser(context.sql, bodyId, id);
  await assertNotErased(context.sql, bodyId, id);
  await context.sql.begin(async (tx) => {
    await userRepository(tx).update(bodyId, id, patch);
    await assertAdminRemains(tx, bodyId);
  });
  if (patch.active === false) await context.sessions.invalidateAllOf(id);
  rightsChanged(context, id);
  return loadUser(context.sql, bodyId, id);
}

/** Replaces a user's memberships. */
export async function setMemberships(
  context: AppContext,
  bodyId: string,
  id: string,
  memberships: readonly Membership[],
): Promise<UserWithMemberships> {
  await loadUser(context.sql, bodyId, id);
  await assertNotErased(context.sql, bodyId, id);
  await withMembershipErrors(() =>
    context.sql.begin((tx) => userRepository(tx).setMemberships(bodyId, id, memberships)),
  );
  rightsChanged(context, id);
  return loadUser(context.sql, bodyId, id);
}

/** An admin sets a new password: whoever knew the old one is logged out everywhere. */
export async function resetPassword(
  context: AppContext,
  bodyId: string,
  id: string,
  password: string,
): Promise<void> {
  const user = await loadUser(context.sql, bodyId, id);
  await assertNotErased(context.sql, bodyId, id);
  await userRepository(context.sql).setPasswordHash(bodyId, id, await hashPassword(password));
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
  await users.setPasswordHash(user.bodyId, user.id, await hashPassword(newPassword));
  await context.throttle.releaseAccount((await loadUser(context.sql, user.bodyId, user.id)).email);
  const ended = await context.sessions.invalidateAllOf(user.id);
  rightsChanged(context, user.id);
  return { ended, session: await context.sessions.create(user.id) };
}
