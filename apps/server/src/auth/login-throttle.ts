/**
 * Slows password guessing without handing an attacker a way to lock the owner out.
 *
 * - An attempt is counted as a failure *before* its password is checked (and forgiven if it
 *   succeeds), so guesses sent all at once cannot slip in while earlier ones are still being
 *   checked; and only one check per account runs at a time.
 * - Instead of a hard lock, each failure makes the next attempt wait longer (2 s, 4 s, 8 s …
 *   up to 15 minutes, counted from the failed answer), kept separately for the account at one address, the account as seen
 *   from addresses it never logged in from, and one address across accounts (spraying).
 * - An address the account has logged in from before is not held back by failures made
 *   elsewhere: an attacker abroad slows only himself, not the owner at the office.
 *
 * Counts live in this process; with several instances each keeps its own (see SECURITY.md).
 */

export interface DelayPolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** Wait after the first failure beyond `free`; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one. */
  forgetAfterMs: number;
}

export interface ThrottlePolicies {
  /** One account from one address: the owner's typos and a single guesser. */
  accountAtAddress: DelayPolicy;
  /** One account from every address it has not logged in from: a guesser with many addresses. */
  account: DelayPolicy;
  /** One address across accounts: someone trying one password on many accounts. */
  address: DelayPolicy;
  /** How long a successful login makes an address "usual" for the account. */
  knownAddressMs: number;
}

const MINUTE = 60_000;
const policy = (free: number): DelayPolicy => ({
  free,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
});

export const DEFAULT_THROTTLE: ThrottlePolicies = {
  accountAtAddress: policy(3),
  account: policy(10),
  // Many people share an office's address.
  address: policy(20),
  knownAddressMs: 30 * 24 * 60 * MINUTE,
};

/** How long to wait after `failures` failures, the last at `last`. */
export function delayAfter(p: DelayPolicy, failures: number): number {
  if (failures < p.free) return 0;
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (failures - p.free));
}

interface Failures {
  count: number;
  last: number;
}

/** Failure counts per key, forgotten `forgetAfterMs` after the last failure. */
class FailureLog {
  private readonly entries = new Map<string, Failures>();

  constructor(
    private readonly policy: DelayPolicy,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until the key may try again. */
  wait(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    return Math.max(0, entry.last + delayAfter(this.policy, entry.count) - this.now());
  }

  add(key: string): void {
    const now = this.now();
    this.sweep(now);
    const entry = this.current(key);
    this.entries.set(key, { count: (entry?.count ?? 0) + 1, last: now });
  }

  /** The wait runs from the failed answer, not from when the (slow) check began. */
  touch(key: string): void {
    const entry = this.current(key);
    if (entry) entry.last = this.now();
  }

  /** Takes back one failure that turned out not to be one. */
  forgiveOne(key: string): void {
    const entry = this.current(key);
    if (!entry) return;
    if (entry.count <= 1) this.entries.delete(key);
    else entry.count -= 1;
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Failures | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.last >= this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweepAt = 0;

  // Guessers invent keys (e-mails, addresses); old ones go, at most once a minute.
  private sweep(now: number): void {
    if (now < this.sweepAt) return;
    this.sweepAt = now + MINUTE;
    for (const [key, entry] of this.entries)
      if (now - entry.last >= this.policy.forgetAfterMs) this.entries.delete(key);
  }
}

export type ThrottleDecision =
  | { admitted: true; attempt: LoginAttempt }
  | { admitted: false; retryAfterSeconds: number; reason: 'waiting' | 'in-flight' };

/** One admitted attempt: counted as failed until `succeeded`; `finished` frees the account. */
export interface LoginAttempt {
  succeeded(): void;
  finished(): void;
}

export class LoginThrottle {
  private readonly accountAtAddress: FailureLog;
  private readonly account: FailureLog;
  private readonly address: FailureLog;
  /** Per account: addresses it logged in from, and when last. */
  private readonly known = new Map<string, Map<string, number>>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly policies: ThrottlePolicies = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {
    this.accountAtAddress = new FailureLog(policies.accountAtAddress, now);
    this.account = new FailureLog(policies.account, now);
    this.address = new FailureLog(policies.address, now);
  }

  /**
   * Admits an attempt to check a password for `account` from `address`, or says how long to
   * wait. Synchronous from the check to the count, so simultaneous requests queue up here.
   */
  begin(account: string, address: string): ThrottleDecision {
    if (this.inFlight.has(account)) return { admitted: false, retryAfterSeconds: 1, reason: 'in-flight' };
    const pair = `${account}\n${address}`;
    const usual = this.isKnown(account, address);
    const wait = Math.max(
      this.accountAtAddress.wait(pair),
      usual ? 0 : this.account.wait(account),
      this.address.wait(address),
    );
    if (wait > 0) return { admitted: false, retryAfterSeconds: Math.ceil(wait / 1000), reason: 'waiting' };

    this.inFlight.add(account);
    this.accountAtAddress.add(pair);
    if (!usual) this.account.add(account);
    this.address.add(address);
    let done = false;
    let succeeded = false;
    return {
      admitted: true,
      attempt: {
        succeeded: () => {
          succeeded = true;
          this.accountAtAddress.clear(pair);
          this.account.clear(account);
          // Not cleared: a guesser's own account must not wash away his spraying.
          this.address.forgiveOne(address);
          this.remember(account, address);
        },
        finished: () => {
          if (done) return;
          done = true;
          this.inFlight.delete(account);
          if (succeeded) return;
          this.accountAtAddress.touch(pair);
          if (!usual) this.account.touch(account);
          this.address.touch(address);
        },
      },
    };
  }

  private isKnown(account: string, address: string): boolean {
    const at = this.known.get(account)?.get(address);
    return at !== undefined && this.now() - at < this.policies.knownAddressMs;
  }

  private remember(account: string, address: string): void {
    const addresses = this.known.get(account) ?? new Map<string, number>();
    addresses.delete(address);
    addresses.set(address, this.now());
    // A handful of usual places is plenty; the oldest goes first (Map keeps insertion order).
    while (addresses.size > 10) addresses.delete(addresses.keys().next().value!);
    this.known.set(account, addresses);
  }
}

/** The 429 message: how long, in words a person reads. */
export function waitText(decision: { retryAfterSeconds: number; reason: 'waiting' | 'in-flight' }): string {
  if (decision.reason === 'in-flight')
    return 'et innloggingsforsøk for denne kontoen pågår allerede; prøv igjen om et øyeblikk';
  const seconds = decision.retryAfterSeconds;
  const minutes = Math.ceil(seconds / 60);
  const when =
    seconds < 60 ? `${seconds} sekund${seconds === 1 ? '' : 'er'}` : `${minutes} minutt${minutes === 1 ? '' : 'er'}`;
  return `for mange mislykkede forsøk; prøv igjen om ${when}`;
}
