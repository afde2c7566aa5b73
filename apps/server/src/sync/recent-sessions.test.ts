import { describe, expect, it } from 'vitest';
import type { ValidatedSession } from '../auth/sessions.ts';
import { RecentSessions } from './recent-sessions.ts';

const HOUR = 3_600_000;

function sessionOf(userId: string, expiresInMs = HOUR): ValidatedSession {
  return {
    expiresAt: new Date(Date.now() + expiresInMs),
    renewed: false,
    user: {
      id: userId,
      bodyId: 'body',
      bodyName: 'Hagen',
      email: `${userId}@hagen.de`,
      name: userId,
      role: 'member',
      memberships: [],
      sessionId: `session-of-${userId}`,
    },
  };
}

/** A validator that counts its calls and answers from `known` (token → user id). */
function validator(known: Record<string, string>) {
  const calls: string[] = [];
  const validate = async (token: string) => {
    calls.push(token);
    const userId = known[token];
    return userId ? sessionOf(userId) : null;
  };
  return { calls, validate };
}

/** A clock that moves only when told: what is remembered must not depend on how busy the machine is. */
function manualClock() {
  let now = Date.now();
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('RecentSessions', () => {
  it('validates a session once for the sockets that arrive together, and again once remembered long enough', async () => {
    const { calls, validate } = validator({ anna: 'anna-id' });
    const clock = manualClock();
    const recent = new RecentSessions(validate, 5_000, clock.now);
    const answers = await Promise.all([
      recent.session('anna'),
      recent.session('anna'),
      recent.session('anna'),
    ]);
    expect(answers.map((a) => a?.user.id)).toEqual(['anna-id', 'anna-id', 'anna-id']);
    clock.advance(4_999);
    expect(await recent.session('anna')).not.toBeNull();
    expect(calls).toEqual(['anna']);
    clock.advance(1);
    await recent.session('anna');
    expect(calls).toEqual(['anna', 'anna']);
  });

  it('does not remember unknown sessions', async () => {
    const { calls, validate } = validator({});
    const recent = new RecentSessions(validate, 10_000);
    expect(await recent.session('nobody')).toBeNull();
    expect(await recent.session('nobody')).toBeNull();
    expect(calls).toEqual(['nobody', 'nobody']);
  });

  it('forgets a user at once, including a validation still running, and no one else', async () => {
    const { calls, validate } = validator({ anna: 'anna-id', 'anna-other-tab': 'anna-id', bert: 'bert-id' });
    const recent = new RecentSessions(validate, 10_000);
    await recent.session('anna');
    await recent.session('bert');
    const running = recent.session('anna-other-tab');
    recent.forgetUser('anna-id');
    await running;
    await recent.session('anna');
    await recent.session('bert');
    await recent.session('anna-other-tab');
    expect(calls).toEqual(['anna', 'bert', 'anna-other-tab', 'anna', 'anna-other-tab']);
  });

  it('remembers a session no longer than it lasts', async () => {
    const calls: string[] = [];
    const clock = manualClock();
    const lasting = async (token: string) => {
      calls.push(token);
      return sessionOf('anna-id', 1_000);
    };
    const recent = new RecentSessions(lasting, 10_000, clock.now);
    await recent.session('anna');
    clock.advance(500);
    await recent.session('anna');
    expect(calls).toEqual(['anna']);
    // Past the session's end (1 s after it was validated), long before the 10 s would be up.
    clock.advance(1_500);
    await recent.session('anna');
    expect(calls).toEqual(['anna', 'anna']);
  });
});
