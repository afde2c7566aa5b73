import postgres from 'postgres';

/** A unique constraint was violated; `constraint` names which (e.g. `app_user_email_uq`). */
export class UniqueViolationError extends Error {
  constructor(readonly constraint: string) {
    super(`unique violation: ${constraint}`);
    this.name = 'UniqueViolationError';
  }
}

/** A foreign key pointed nowhere; `constraint` names which. */
export class ForeignKeyViolationError extends Error {
  constructor(readonly constraint: string) {
    super(`foreign key violation: ${constraint}`);
    this.name = 'ForeignKeyViolationError';
  }
}

/** The one place where PostgreSQL error codes become typed errors. */
export function mapConstraintError(error: unknown): unknown {
  if (error instanceof postgres.PostgresError) {
    const constraint = error.constraint_name ?? '';
    if (error.code === '23505') return new UniqueViolationError(constraint);
    if (error.code === '23503') return new ForeignKeyViolationError(constraint);
  }
  return error;
}

/** Runs a query and rethrows constraint violations as typed errors. */
export async function withConstraintErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapConstraintError(error);
  }
}
