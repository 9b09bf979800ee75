import { describe, expect, it } from 'vitest';
import { MAX_RELOADS_AFTER_REFUSAL, reloadDelayAfterRefusal } from './refusalPolicy.js';
import { SERVER_CLOSE } from './sectionConnection.js';

describe('reloadDelayAfterRefusal', () => {
  it('waits longer each time, a bounded number of times, then leaves it to the person', () => {
    const delays = Array.from({ length: MAX_RELOADS_AFTER_REFUSAL + 2 }, (_, index) =>
      reloadDelayAfterRefusal(index + 1, SERVER_CLOSE.writeRefused),
    );
    expect(delays).toEqual([500, 1000, 2000, null, null]);
  });

  it('does not fetch a section again that the server will not show at all', () => {
    expect(reloadDelayAfterRefusal(1, SERVER_CLOSE.forbidden)).toBeNull();
  });
});
