import type { DocumentDto } from '@quartierplan/domain';

export type LastChange = NonNullable<DocumentDto['lastChange']>;

/** The most recent change over several documents (a Sozialraum has two). */
export function latestChange(documents: readonly DocumentDto[]): LastChange | null {
  let latest: LastChange | null = null;
  for (const { lastChange } of documents) {
    if (lastChange && (!latest || lastChange.at > latest.at)) latest = lastChange;
  }
  return latest;
}
