import { describe, expect, it } from 'vitest';
import { UnsentLedger } from './unsentLedger.js';

describe('UnsentLedger', () => {
  it('counts a change as sent only when a query sent after it is answered', () => {
    const ledger = new UnsentLedger<string>();
    ledger.socketOpened();
    const first = ledger.change();
    expect(ledger.follows(first)).toBe(true);
    ledger.sentThrough(first);
    expect(ledger.unsent).toBe(1);
    // The answer to the provider's own opening query says nothing about the change.
    expect(ledger.answered()).toBeNull();
    expect(ledger.unsent).toBe(1);
    expect(ledger.needsQuery()).toBe(true);
    ledger.queried('after first');
    expect(ledger.needsQuery()).toBe(false);
    const second = ledger.change();
    ledger.sentThrough(second);
    expect(ledger.answered()).toBe('after first');
    expect(ledger.unsent).toBe(1);
    ledger.queried('after second');
    expect(ledger.answered()).toBe('after second');
    expect(ledger.unsent).toBe(0);
  });

  it('forgets what a dropped socket was given, so it is sent again and confirmed on the next', () => {
    const ledger = new UnsentLedger();
    ledger.socketOpened();
    ledger.answered();
    ledger.sentThrough(ledger.change());
    ledger.queried('lost');
    ledger.socketClosed();
    expect(ledger.unsent).toBe(1);
    // Typed while offline: it cannot follow on a socket that has not had the earlier change.
    const offline = ledger.change();
    ledger.socketOpened();
    expect(ledger.follows(offline)).toBe(false);
    ledger.answered();
    expect(ledger.unsent).toBe(2);
    ledger.sentAll();
    ledger.queried('everything');
    expect(ledger.answered()).toBe('everything');
    expect(ledger.unsent).toBe(0);
  });

  it('counts changes restored from the browser as unsent, and gives no snapshot for a partial send', () => {
    const ledger = new UnsentLedger<string>();
    ledger.restore(3);
    ledger.socketOpened();
    ledger.answered();
    expect(ledger.unsent).toBe(3);
    const typed = ledger.change();
    // Sent on its own before the restored ones: the query covers nothing, and says so.
    ledger.sentThrough(typed);
    ledger.queried('partial');
    expect(ledger.answered()).toBeNull();
    expect(ledger.unsent).toBe(4);
  });
});
