import { accessibilityRepository, auditRepository, type AccessibilityFeedbackRow } from '@quartierplan/db';
import {
  DEFAULT_ACCESSIBILITY_STATEMENT,
  FEEDBACK_RETENTION_DAYS,
  type AccessibilityFeedbackDto,
  type AccessibilityStatementDto,
  type Principal,
} from '@quartierplan/domain';
import type { FeedbackThrottle } from '../auth/throttle.ts';
import type { AppContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { tooManyAttempts } from './auth.ts';

/**
 * The Erklärung zur Barrierefreiheit (BITV 2.0 § 7) and its feedback belong to the installation: the public
 * page has no body to choose. With several bodies, the oldest body's admins keep them (documented in
 * docs/CONTRACT.md); other admins get 403.
 */
export async function assertStatementAdmin({ sql }: AppContext, user: Principal): Promise<void> {
  if (user.role !== 'admin') throw forbidden();
  const owner = await accessibilityRepository(sql).owningBodyId();
  if (owner !== user.bodyId) {
    throw forbidden(
      'Die Erklärung zur Barrierefreiheit gilt für die ganze Installation; sie wird von der Administration der zuerst angelegten Kommune gepflegt.',
    );
  }
}

/** The saved statement, or the template while none was saved. */
export async function accessibilityStatement({ sql }: AppContext): Promise<AccessibilityStatementDto> {
  const saved = await accessibilityRepository(sql).statement();
  return saved
    ? { statement: saved.statement, updatedAt: saved.updatedAt.toISOString() }
    : { statement: DEFAULT_ACCESSIBILITY_STATEMENT, updatedAt: null };
}

/** Saves the statement and records `settings_changed` in the admin's body, in one transaction. */
export async function saveAccessibilityStatement(
  context: AppContext,
  admin: Principal,
  statement: string,
): Promise<AccessibilityStatementDto> {
  const saved = await context.sql.begin(async (tx) => {
    const row = await accessibilityRepository(tx).saveStatement(statement);
    await auditRepository(tx).record({
      bodyId: admin.bodyId,
      kind: 'settings_changed',
      actorId: admin.id,
      details: { setting: 'accessibility_statement' },
    });
    return row;
  });
  return { statement: saved.statement, updatedAt: saved.updatedAt.toISOString() };
}

/** Refuses an address that sent too much feedback lately (429 with the wait). */
export async function checkFeedbackThrottle(throttle: FeedbackThrottle, ip: string): Promise<void> {
  const locked = await throttle.lockedUntil(ip);
  if (locked) throw tooManyAttempts(locked, 'Sie haben in kurzer Zeit viele Rückmeldungen gesendet.');
}

/** Stores one message (counted against the address) and drops entries past the retention period. */
export async function submitAccessibilityFeedback(
  { sql }: AppContext,
  throttle: FeedbackThrottle,
  ip: string,
  input: {
    message: string;
    name?: string | undefined;
    email?: string | undefined;
    page?: string | undefined;
  },
): Promise<string> {
  await throttle.register(ip);
  const repo = accessibilityRepository(sql);
  const id = await repo.addFeedback(input);
  await repo.purgeFeedbackOlderThan(FEEDBACK_RETENTION_DAYS);
  return id;
}

function toFeedbackDto(row: AccessibilityFeedbackRow): AccessibilityFeedbackDto {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    message: row.message,
    name: row.name,
    email: row.email,
    page: row.page,
  };
}

export async function listAccessibilityFeedback({ sql }: AppContext): Promise<AccessibilityFeedbackDto[]> {
  const repo = accessibilityRepository(sql);
  await repo.purgeFeedbackOlderThan(FEEDBACK_RETENTION_DAYS);
  return (await repo.listFeedback()).map(toFeedbackDto);
}

export async function deleteAccessibilityFeedback({ sql }: AppContext, id: string): Promise<void> {
  if (!(await accessibilityRepository(sql).deleteFeedback(id))) throw notFound('Rückmeldung nicht gefunden.');
}
