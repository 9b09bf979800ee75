/** One open section socket, as a graceful shutdown sees it. */
export interface DrainableSocket {
  /** Starts the WebSocket closing handshake with `code`. */
  close(code: number, reason: string): void;
  /** Drops the connection without a handshake (a client that does not answer). */
  terminate(): void;
  /**
   * Settles once the socket is closed and every message it delivered has been handled (its
   * updates stored), and the connection has left its room.
   */
  finished: Promise<void>;
}

/**
 * The open section sockets of this process, so a shutdown can close them all with one code
 * and wait until what they sent is stored.
 */
export class SocketRegistry {
  private readonly sockets = new Set<DrainableSocket>();
  private draining: { code: number; reason: string } | null = null;

  add(socket: DrainableSocket): void {
    // Opened while a shutdown is under way (its upgrade began just before): closed at once.
    if (this.draining) socket.close(this.draining.code, this.draining.reason);
    this.sockets.add(socket);
    void socket.finished.then(() => this.sockets.delete(socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  /**
   * Closes every socket with `code` and waits until each has finished. The client answers the
   * close after the frames it had already sent, and those are handled (stored) first; a
   * client that has not answered within `graceMs` is cut off, and what it delivered before
   * is still handled.
   */
  async drainAll(code: number, reason: string, graceMs: number): Promise<void> {
    this.draining = { code, reason };
    const open = [...this.sockets];
    for (const socket of open) socket.close(code, reason);
    const all = Promise.all(open.map((socket) => socket.finished));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([all, graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      for (const socket of this.sockets) socket.terminate();
      await Promise.all([...this.sockets].map((socket) => socket.finished));
    }
  }
}
