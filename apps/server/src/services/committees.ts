import { UniqueViolationError, committeeRepository } from '@quartierplan/db';
import type { Committee, CreateCommitteeInput } from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { validationFailed } from '../http/errors.ts';

/** The committees (Gremien) of the body. */
export function listCommittees({ sql }: AppContext, bodyId: string): Promise<Committee[]> {
  return committeeRepository(sql).list(bodyId);
}

/** Creates a committee; a name is used once per body. */
export async function createCommittee(
  { sql }: AppContext,
  bodyId: string,
  input: CreateCommitteeInput,
): Promise<Committee> {
  try {
    return await committeeRepository(sql).create(bodyId, input);
  } catch (error) {
    if (error instanceof UniqueViolationError) {
      throw validationFailed([{ path: 'name', message: 'Ein Gremium mit diesem Namen gibt es bereits.' }]);
    }
    throw error;
  }
}
