import type { Collaborator } from './sync-connection.svelte';

/** A person present on a page, however many documents, tabs or devices they have open. */
export interface PresentPerson {
  userId: string;
  name: string;
  color: string;
  /** Only reads along: the server stamps this from the membership, the client cannot claim to edit. */
  readOnly: boolean;
}

/**
 * Everyone present, once each: the connections of all documents of the page (a person in both the
 * action plan and the needs list is one person), `me` first, then by name. Someone who may edit
 * anywhere edits.
 */
export function peopleHere(connections: Collaborator[][], me: PresentPerson): PresentPerson[] {
  const people = new Map<string, PresentPerson>([[me.userId, me]]);
  for (const collaborators of connections) {
    for (const { userId, name, color, readOnly } of collaborators) {
      const known = people.get(userId);
      if (!known) people.set(userId, { userId, name, color, readOnly });
      else if (known.readOnly && !readOnly) people.set(userId, { ...known, readOnly: false });
    }
  }
  people.delete(me.userId);
  return [me, ...[...people.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

/** How many of the people present edit and how many only read along. */
export function countPresence(people: PresentPerson[]): { editing: number; reading: number } {
  const reading = people.filter((person) => person.readOnly).length;
  return { editing: people.length - reading, reading };
}
