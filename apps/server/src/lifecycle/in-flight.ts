/**
 * Counts HTTP handlers still running, so a shutdown closes the database only after the
 * requests it let in have done their work. Streams (Server-Sent Events) are not counted:
 * their handler returns at once and the stream is cut at the end.
 */
export class InFlightRequests {
  private running = 0;
  private waiting: Array<() => void> = [];

  begin(): () => void {
    this.running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    };
  }

  get count(): number {
    return this.running;
  }

  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
