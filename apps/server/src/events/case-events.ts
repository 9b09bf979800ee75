import { EventEmitter } from 'node:events';
import type { CaseEvent } from '@samraad/schema';
import { CASE_EVENTS_TOPIC, type Fanout, type RoomChannel } from '../fanout/fanout.js';
import { logger } from '../logging/logger.js';

/**
 * Tells everyone who has a case open that something in it changed (a comment thread, the
 * consensus state). With a fan-out (Redis) the notice also reaches people whose page is
 * connected to another instance.
 */
export class CaseEvents {
  private readonly emitter = new EventEmitter();
  private readonly channel: Promise<RoomChannel> | null;

  constructor(fanout?: Fanout) {
    // One listener per open case page; hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
    this.channel = fanout
      ? fanout.join(CASE_EVENTS_TOPIC, {
          onMessage: (message) => {
            if (message.kind !== 'case-event') return;
            try {
              const { caseId, event } = JSON.parse(Buffer.from(message.payload).toString('utf8')) as { caseId: string; event: CaseEvent };
              this.emitter.emit(caseId, event);
            } catch (error) {
              logger.error({ err: error }, 'ugyldig saksvarsel fra en annen instans');
            }
          },
          // A missed notice is not worth a reload: pages refetch what they show on reconnect.
          onGap: () => {},
        })
      : null;
    this.channel?.catch((error: unknown) => logger.error({ err: error }, 'kunne ikke abonnere på saksvarsler'));
  }

  publish(caseId: string, event: CaseEvent): void {
    this.emitter.emit(caseId, event);
    void this.channel?.then(
      (channel) => channel.publish({ kind: 'case-event', payload: Buffer.from(JSON.stringify({ caseId, event })) }),
      () => undefined,
    );
  }

  subscribe(caseId: string, listener: (event: CaseEvent) => void): () => void {
    this.emitter.on(caseId, listener);
    return () => this.emitter.off(caseId, listener);
  }
}
