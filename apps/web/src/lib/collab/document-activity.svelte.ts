import type { Collaborator } from './sync-connection.svelte';

/**
 * What the open documents of this page report, for summaries outside the editors: who is in
 * each document (by document id) and when each last changed here (local or remote edit).
 * Browser only: the sync connections that fill it never run on the server.
 */
export const documentActivity = $state<{
  presence: Record<string, Collaborator[]>;
  changedAt: Record<string, number>;
}>({ presence: {}, changedAt: {} });
