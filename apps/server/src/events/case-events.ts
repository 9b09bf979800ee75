import { EventEmitter } from 'node:events';
import type { CaseEvent } from '@samraad/schema';

/**
 * Tells everyone who has a case open that something in it changed (a comment thread, the
 * consensus state). In-process; with several instances this needs the Redis fan-out too.
 */
export class CaseEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open case page; hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(caseId: string, event: CaseEvent): void {
    this.emitter.emit(caseId, event);
  }

  subscribe(caseId: string, listener: (event: CaseEvent) => void): () => void {
    this.emitter.on(caseId, listener);
    return () => this.emitter.off(caseId, listener);
  }
}
