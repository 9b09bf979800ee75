/**
 * Runs tasks one after another. A room handles its messages through one of these so that an
 * update is stored and relayed before the next message looks at the document.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | PromiseLike<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task fails its caller, not the tasks queued behind it.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has run. */
  drain(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
