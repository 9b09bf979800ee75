/**
 * Counts a section's local changes until the server has confirmed it stored them.
 *
 * The y-websocket protocol has no acknowledgements, so "sent" is defined by what the server
 * does provably: it handles one socket's messages strictly in order, and answers a sync step 1
 * (a state query) only after every update sent before it on that socket was stored (or closes
 * the socket, refusing it). So a change counts as sent once the answer (sync step 2) to a query
 * sent after it on the same socket has arrived. Writing to a socket is not enough: a socket
 * that drops takes unconfirmed changes with it, and they count as unsent again until a later
 * socket confirms them.
 *
 * Changes are numbered in the order they were made (1, 2, …). Each socket sends them in that
 * order, so "sent through n" and "confirmed through n" are single numbers.
 */
export class UnsentLedger<Snapshot = unknown> {
  /** Local changes made so far (including those restored from the browser's storage). */
  private made = 0;
  /** Every change up to this number is stored by the server. */
  private confirmed = 0;
  /** Every change up to this number was written to the current socket. */
  private sentOnSocket = 0;
  /** Outstanding queries on the current socket, oldest first: what each one confirms when answered. */
  private queries: Array<{ covers: number; snapshot: Snapshot | null }> = [];

  get unsent(): number {
    return this.made - this.confirmed;
  }

  /** A local change was made; returns its number. */
  change(): number {
    this.made += 1;
    return this.made;
  }

  /** Changes kept in the browser from an earlier visit, none of which the server confirmed. */
  restore(count: number): void {
    this.made += count;
  }

  /**
   * A socket opened. The provider sends its own query at once; nothing was sent on this socket
   * before it, so its answer confirms nothing new.
   */
  socketOpened(): void {
    this.sentOnSocket = this.confirmed;
    this.queries = [{ covers: this.confirmed, snapshot: null }];
  }

  /** The socket is gone: whatever it was not asked to confirm is unsent again. */
  socketClosed(): void {
    this.sentOnSocket = this.confirmed;
    this.queries = [];
  }

  /**
   * Whether change `number` can go out on its own: every change before it is already on this
   * socket. Otherwise the caller sends everything the server lacks instead.
   */
  follows(number: number): boolean {
    return this.sentOnSocket === number - 1;
  }

  /**
   * Change `number` was written to the current socket. It counts only when every change
   * before it is there too: a query confirms a prefix, never a change with a gap before it.
   */
  sentThrough(number: number): void {
    if (this.follows(number)) this.sentOnSocket = number;
  }

  /** Every change made so far was written to the current socket. */
  sentAll(): void {
    this.sentOnSocket = this.made;
  }

  /** Whether changes were sent since the last query: a new query would confirm something. */
  needsQuery(): boolean {
    const lastAsked = this.queries.length > 0 ? this.queries[this.queries.length - 1]!.covers : this.confirmed;
    return this.sentOnSocket > lastAsked;
  }

  /**
   * A query was written to the socket. `snapshot` (the document's state vector, say) is handed
   * back when it is answered, but only when everything made so far had been sent before it:
   * only then does it describe what the server holds.
   */
  queried(snapshot: Snapshot): void {
    this.queries.push({ covers: this.sentOnSocket, snapshot: this.sentOnSocket === this.made ? snapshot : null });
  }

  /** The server answered the oldest outstanding query; returns its snapshot, if it had one. */
  answered(): Snapshot | null {
    const query = this.queries.shift();
    if (!query) return null;
    this.confirmed = Math.max(this.confirmed, query.covers);
    return query.snapshot;
  }
}
