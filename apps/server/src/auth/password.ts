import { loadOnFirstUse } from '../load-on-first-use.ts';

/** The native argon2 binding (some 6 MB resident), loaded by the first login or password change. */
const loadArgon2 = loadOnFirstUse(() => import('@node-rs/argon2'));

// OWASP Password Storage Cheat Sheet, argon2id: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Hashes a password with argon2id (the library's default algorithm) and the OWASP parameters. */
export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no user to verify against, so response
 * times do not reveal which e-mail addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('quartierplan-dummy-password');
  await verifyPassword(await dummyHash, password);
  return false;
}
