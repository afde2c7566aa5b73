import { describe, expect, it } from 'vitest';
import { countPresence, peopleHere, type PresentPerson } from './presence';

const me: PresentPerson = { userId: 'me', name: 'Ich', color: '#000', readOnly: false };
const at = (clientId: number, userId: string, readOnly = false) => ({
  clientId,
  userId,
  name: `Person ${userId}`,
  color: '#123456',
  readOnly,
});

describe('peopleHere', () => {
  it('counts a person in both documents, or with two tabs, once', () => {
    const actionPlan = [at(1, 'anna'), at(2, 'rita', true)];
    const needs = [at(3, 'anna'), at(4, 'anna'), at(5, 'rita', true), at(6, 'me')];
    const people = peopleHere([actionPlan, needs], me);
    expect(people.map((p) => p.userId)).toEqual(['me', 'anna', 'rita']);
    expect(countPresence(people)).toEqual({ editing: 2, reading: 1 });
  });

  it('sees the same people from either document of the page', () => {
    const actionPlan = [at(1, 'anna')];
    const needs = [at(2, 'rita', true)];
    expect(peopleHere([actionPlan, needs], me)).toEqual(peopleHere([needs, actionPlan], me));
  });

  it('counts a reading viewer as reading, and only me when no one else is here', () => {
    const reader = { ...me, readOnly: true };
    expect(countPresence(peopleHere([[at(1, 'anna')]], reader))).toEqual({ editing: 1, reading: 1 });
    expect(countPresence(peopleHere([[], []], me))).toEqual({ editing: 1, reading: 0 });
  });
});
