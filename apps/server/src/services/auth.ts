import { auditRepository, userRepository } from '@quartierplan/db';
import type { ChooseBodyDetails, LoginInput, Role } from '@quartierplan/domain';
import type { Logger } from 'pino';
import { verifyAgainstDummy, verifyPassword } from '../auth/password.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';

/**
 * 429 with the wait in words and, in `details.retryAfterSeconds`, for the `Retry-After` header. `what` names
 * what failed too often (login attempts by default).
 */
export function tooManyAttempts(
  until: Date,
  what = 'Zu viele fehlgeschlagene Anmeldeversuche.',
  now = new Date(),
): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    429,
    'too_many_requests',
    `${what} Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
    { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) },
  );
}

/**
 * A failed login is recorded in the audit log of the account's body when the address belongs to an account
 * (wrong password or deactivated account; `locked` when this failure started a lockout). An unknown address
 * belongs to no body and is not recorded: there is no Kommune whose admins should see it, and storing the
 * address tried would keep personal data of someone unknown (often a typo of a real person's address); the
 * server log has it. Attempts refused by a running lockout check no password and are not recorded either:
 * answering them with and without a write would tell a locked-out guesser which addresses have accounts.
 */
async function recordFailedLogin(
  { sql }: AppContext,
  user: { id: string; bodyId: string },
  ip: string,
  reason: 'wrong_password' | 'inactive',
  locked: boolean,
): Promise<void> {
  await auditRepository(sql).record({
    bodyId: user.bodyId,
    kind: 'login_failed',
    actorId: null,
    subjectUserId: user.id,
    address: ip,
    details: { method: 'password', reason, ...(locked ? { locked: true } : {}) },
  });
}

/**
 * Checks the credentials under the login throttle (apps/server/src/auth/throttle.ts) and opens a
 * session. Unknown address, wrong password and deactivated account fail alike (to the client; the audit
 * log of the account's body tells them apart). An address is unique per body, so it may hold accounts in
 * several bodies: the password is checked against each; when it opens more than one and the input names no
 * body, the answer is 409 `choose_body` with those bodies (the person has just proved the password of each, so
 * naming them tells nothing new).
 */
export async function login(
  context: AppContext,
  { email, password, bodyId }: LoginInput,
  ip: string,
  log: Logger,
): Promise<{ user: { id: string; name: string; role: Role }; session: { token: string; expiresAt: Date } }> {
  const { sql, sessions, throttle } = context;
  const locked = await throttle.lockedUntil(email, ip);
  if (locked) throw tooManyAttempts(locked);
  const accounts = await userRepository(sql).findCredentialsByEmail(email);
  if (accounts.length === 0) await verifyAgainstDummy(password);
  const checked = [];
  for (const account of accounts) {
    checked.push({ account, passwordOk: await verifyPassword(account.passwordHash, password) });
  }
  const candidates = checked.filter(({ account }) => !bodyId || account.bodyId === bodyId);
  const chosen = candidates.filter(({ account, passwordOk }) => passwordOk && account.active);
  const user = chosen[0]?.account;
  if (!user) {
    const nowLocked = await throttle.registerFailure(email, ip);
    log.info({ event: 'login_failed', email, ip }, 'login failed');
    for (const { account, passwordOk } of candidates) {
      await recordFailedLogin(
        context,
        account,
        ip,
        passwordOk ? 'inactive' : 'wrong_password',
        nowLocked !== null,
      );
    }
    if (nowLocked) throw tooManyAttempts(nowLocked);
    throw new AppError(401, 'invalid_credentials', 'E-Mail-Adresse oder Passwort ist falsch.');
  }
  if (chosen.length > 1) {
    throw new AppError(409, 'choose_body', 'Sie haben Konten bei mehreren Kommunen: Bitte wählen Sie eine.', {
      bodies: chosen.map(({ account }) => ({ id: account.bodyId, name: account.bodyName })),
    } satisfies ChooseBodyDetails);
  }
  // One transaction with its statements sent together: one commit (one WAL flush) instead of four.
  const session = await sql.begin(async (tx) => {
    const [, created] = await Promise.all([
      throttle.registerSuccess(tx, email, ip),
      sessions.create(user.id, new Date(), { within: tx }),
      auditRepository(tx).record({
        bodyId: user.bodyId,
        kind: 'login',
        actorId: user.id,
        subjectUserId: user.id,
        address: ip,
        details: { method: 'password' },
      }),
    ]);
    return created;
  });
  return { user: { id: user.id, name: user.name, role: user.role }, session };
}

/** Ends the session of this token (if it is one); open sync sockets of its user are re-checked. */
export async function logout({ sql, sessions, events }: AppContext, token: string): Promise<void> {
  const session = await sessions.validate(token);
  if (!session) return;
  await sessions.invalidate(session.user.sessionId);
  await auditRepository(sql).record({
    bodyId: session.user.bodyId,
    kind: 'logout',
    actorId: session.user.id,
    subjectUserId: session.user.id,
  });
  events.emit('user-changed', session.user.id);
}
