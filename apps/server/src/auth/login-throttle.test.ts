import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, LoginThrottle, delayAfter } from './login-throttle.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Fails one admitted attempt, or returns the refusal. */
function fail(throttle: LoginThrottle, account: string, address: string) {
  const decision = throttle.begin(account, address);
  if (decision.admitted) decision.attempt.finished();
  return decision;
}

describe('login throttle', () => {
  it('doubles the wait with each failure beyond the free ones, up to 15 minutes', () => {
    const p = DEFAULT_THROTTLE.accountAtAddress;
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => delayAfter(p, n))).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 16_000]);
    expect(delayAfter(p, 40)).toBe(15 * 60_000);
  });

  it('refuses the next attempt until the growing wait has passed, and forgets after an hour', () => {
    const time = clock();
    const throttle = new LoginThrottle(DEFAULT_THROTTLE, time.now);
    for (let i = 0; i < 3; i++) expect(fail(throttle, 'a@x', '1.1.1.1').admitted).toBe(true);
    expect(fail(throttle, 'a@x', '1.1.1.1')).toMatchObject({
      admitted: false,
      retryAfterSeconds: 2,
      reason: 'waiting',
    });
    time.advance(2_000);
    expect(fail(throttle, 'a@x', '1.1.1.1').admitted).toBe(true);
    expect(fail(throttle, 'a@x', '1.1.1.1')).toMatchObject({ admitted: false, retryAfterSeconds: 4 });
    time.advance(60 * 60_000);
    expect(fail(throttle, 'a@x', '1.1.1.1').admitted).toBe(true);
  });

  it('counts the wait from the failed answer, not from when the check began', () => {
    const time = clock();
    const throttle = new LoginThrottle(DEFAULT_THROTTLE, time.now);
    for (let i = 0; i < 2; i++) fail(throttle, 'a@x', '1.1.1.1');
    const slow = throttle.begin('a@x', '1.1.1.1');
    if (!slow.admitted) throw new Error('refused');
    time.advance(3_000);
    slow.attempt.finished();
    expect(fail(throttle, 'a@x', '1.1.1.1')).toMatchObject({ admitted: false, retryAfterSeconds: 2 });
  });

  it('admits one check per account at a time', () => {
    const throttle = new LoginThrottle();
    const first = throttle.begin('a@x', '1.1.1.1');
    expect(first.admitted).toBe(true);
    expect(throttle.begin('a@x', '2.2.2.2')).toMatchObject({ admitted: false, reason: 'in-flight' });
    expect(throttle.begin('b@x', '1.1.1.1').admitted).toBe(true);
    if (first.admitted) first.attempt.finished();
    expect(throttle.begin('a@x', '2.2.2.2').admitted).toBe(true);
  });

  it('resets the account only on success, and lets its usual address past failures from elsewhere', () => {
    const throttle = new LoginThrottle(DEFAULT_THROTTLE, clock().now);
    const owner = throttle.begin('a@x', 'home');
    if (!owner.admitted) throw new Error('refused');
    owner.attempt.succeeded();
    owner.attempt.finished();
    // Ten addresses, one failure each: the account as seen from strangers must now wait.
    for (let i = 0; i < 10; i++) expect(fail(throttle, 'a@x', `elsewhere-${i}`).admitted).toBe(true);
    expect(fail(throttle, 'a@x', 'elsewhere-new')).toMatchObject({ admitted: false, reason: 'waiting' });
    expect(throttle.begin('a@x', 'home').admitted).toBe(true);
  });
});
