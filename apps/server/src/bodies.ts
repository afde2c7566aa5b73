import { randomBytes } from 'node:crypto';
import { auditRepository, bodyRepository, userRepository, type Queryable, type Sql } from '@quartierplan/db';
import { emailSchema, passwordSchema } from '@quartierplan/domain';
import type { z } from 'zod';
import { hashPassword } from './auth/password.ts';

export interface NewBody {
  bodyName: string;
  adminEmail: string;
  adminName?: string | undefined;
  /** When absent, a one-time password is generated and returned. */
  adminPassword?: string | undefined;
}

export interface CreatedBody {
  bodyId: string;
  bodyName: string;
  adminId: string;
  adminEmail: string;
  /** Only set when it was generated here: print it once, it is stored nowhere in clear. */
  generatedPassword: string | null;
}

/** 18 random bytes as base64url: 24 characters, ~144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Parses with a shared schema; a failure becomes a plain German sentence for the terminal. */
function parseOrExplain<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${what}: ${result.error.issues[0]?.message ?? 'ungültig'}`);
  return result.data;
}

/** Validates the input and hashes the password outside the transaction (hashing is slow). */
async function prepare(input: NewBody) {
  const bodyName = input.bodyName.trim();
  if (!bodyName) throw new Error('Der Name der Kommune fehlt.');
  const email = parseOrExplain(emailSchema, input.adminEmail, 'E-Mail-Adresse');
  const generatedPassword = input.adminPassword ? null : generatePassword();
  const password = parseOrExplain(passwordSchema, input.adminPassword ?? generatedPassword, 'Passwort');
  const passwordHash = await hashPassword(password);
  return { bodyName, email, generatedPassword, passwordHash, adminName: input.adminName ?? 'Administration' };
}

async function insert(tx: Queryable, p: Awaited<ReturnType<typeof prepare>>): Promise<CreatedBody> {
  const body = await bodyRepository(tx).create(p.bodyName);
  const admin = await userRepository(tx).create({
    bodyId: body.id,
    email: p.email,
    name: p.adminName,
    role: 'admin',
    passwordHash: p.passwordHash,
  });
  // The operator on the command line is nobody's account: the first entry of the log has no actor.
  await auditRepository(tx).record({
    bodyId: body.id,
    kind: 'user_created',
    actorId: null,
    subjectUserId: admin.id,
    details: { role: 'admin' },
  });
  return {
    bodyId: body.id,
    bodyName: body.name,
    adminId: admin.id,
    adminEmail: p.email,
    generatedPassword: p.generatedPassword,
  };
}

/** Creates a body (Kommune) with its first administrator, atomically. */
export async function createBodyWithAdmin(sql: Sql, input: NewBody): Promise<CreatedBody> {
  const prepared = await prepare(input);
  return sql.begin((tx) => insert(tx, prepared));
}

/**
 * On the very first start (no body yet) creates the body and its admin: from ADMIN_EMAIL /
 * ADMIN_PASSWORD / BODY_NAME when given, else with a generated one-time password.
 * Returns null when the installation already has a body.
 */
export async function ensureFirstBody(sql: Sql, input: NewBody): Promise<CreatedBody | null> {
  if ((await bodyRepository(sql).count()) > 0) return null;
  const prepared = await prepare(input);
  return sql.begin(async (tx) => {
    // Concurrent first starts of several instances: one creates, the others find a body.
    await tx`select pg_advisory_xact_lock(7414846925)`;
    if ((await bodyRepository(tx).count()) > 0) return null;
    return insert(tx, prepared);
  });
}
