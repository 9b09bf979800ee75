import { CLOSE_CODES } from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import { MAX_RELOADS_AFTER_REFUSAL, reloadDelayAfterRefusal, storageRetryDelay } from './refusalPolicy.js';

describe('reloadDelayAfterRefusal', () => {
  it('waits longer each time, a bounded number of times, then leaves it to the person', () => {
    const delays = Array.from({ length: MAX_RELOADS_AFTER_REFUSAL + 2 }, (_, index) =>
      reloadDelayAfterRefusal(index + 1, CLOSE_CODES.writeRefused),
    );
    expect(delays).toEqual([500, 1000, 2000, null, null]);
  });

  it('does not fetch a section again that the server will not show at all', () => {
    expect(reloadDelayAfterRefusal(1, CLOSE_CODES.forbidden)).toBeNull();
  });
});

describe('storageRetryDelay', () => {
  it('waits twice as long after each outage refusal, up to ten seconds, spread around the base', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => storageRetryDelay(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000,
    ]);
    expect(storageRetryDelay(1, () => 0)).toBe(375);
    expect(storageRetryDelay(1, () => 0.999)).toBeLessThanOrEqual(625);
  });
});
