import { EventEmitter } from 'node:events';
import type { CaseEvent } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import { CASE_EVENTS_TOPIC, type Fanout, type RoomChannel } from '../fanout/fanout.js';
import { logger } from '../logging/logger.js';
import { describeFailure } from '../persistence/document-store.js';

/** How often an instance reads the shared log for notices that Redis did not bring. */
const POLL_MS = 1_000;
/**
 * How far back each read looks. Ids from concurrent PostgreSQL transactions may become
 * visible out of order, so the read goes by time and skips ids already delivered.
 */
const LOOKBACK_MS = 15_000;
/** Notices older than this are deleted from the shared log. */
const KEEP_MS = 10 * 60_000;

interface Notice {
  id: number;
  caseId: string;
  event: CaseEvent;
}

/**
 * Tells everyone who has a case open that something in it changed (a comment thread, the
 * consensus state). With several instances the notice also reaches people whose page is
 * connected to another one: it is written to a shared log in the database and announced
 * over the fan-out (Redis) for speed. Each instance delivers what Redis brings at once and
 * reads the log every second for what it did not, so a Redis outage delays notices but
 * never loses them.
 */
export class CaseEvents {
  private readonly emitter = new EventEmitter();
  private readonly channel: Promise<RoomChannel> | null;
  /** Ids delivered recently, with when: each notice is delivered once per instance. */
  private readonly delivered = new Map<number, number>();
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private lastPruned = 0;
  private reading = false;

  constructor(
    private readonly fanout?: Fanout,
    private readonly storage?: Storage,
  ) {
    // One listener per open case page; hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
    this.channel = fanout
      ? fanout.join(CASE_EVENTS_TOPIC, {
          onMessage: (message) => {
            if (message.kind !== 'case-event') return;
            try {
              this.deliver(JSON.parse(Buffer.from(message.payload).toString('utf8')) as Notice);
            } catch (error) {
              logger.error({ err: error }, 'ugyldig saksvarsel fra en annen instans');
            }
          },
          onGap: () => void this.catchUp(),
        })
      : null;
    this.channel?.catch((error: unknown) => logger.error({ err: error }, 'kunne ikke abonnere på saksvarsler'));
    if (fanout && storage) {
      this.timer = setInterval(() => void this.catchUp(), POLL_MS);
      this.timer.unref();
    }
  }

  publish(caseId: string, event: CaseEvent): void {
    this.emitter.emit(caseId, event);
    if (!this.fanout) return;
    void this.share(caseId, event).catch((error: unknown) =>
      logger.warn({ err: describeFailure(error) }, 'kunne ikke dele saksvarsel'),
    );
  }

  subscribe(caseId: string, listener: (event: CaseEvent) => void): () => void {
    this.emitter.on(caseId, listener);
    return () => this.emitter.off(caseId, listener);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async share(caseId: string, event: CaseEvent): Promise<void> {
    let id = -1;
    if (this.storage && this.fanout) {
      const row = await this.storage.db
        .insertInto('case_event_log')
        .values({
          origin: this.fanout.instanceId,
          payload: JSON.stringify({ caseId, event }),
          at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirst();
      id = Number(row?.id ?? -1);
      this.delivered.set(id, Date.now());
    }
    const channel = await this.channel;
    channel?.publish({
      kind: 'case-event',
      payload: Buffer.from(JSON.stringify({ id, caseId, event } satisfies Notice)),
    });
  }

  private deliver(notice: Notice): void {
    if (notice.id >= 0) {
      if (this.delivered.has(notice.id)) return;
      this.delivered.set(notice.id, Date.now());
    }
    this.emitter.emit(notice.caseId, notice.event);
  }

  /** Delivers what other instances logged in the last moments and Redis did not bring. */
  async catchUp(): Promise<void> {
    if (!this.storage || !this.fanout || this.reading) return;
    this.reading = true;
    try {
      const now = Date.now();
      const since = new Date(Math.max(this.startedAt, now - LOOKBACK_MS)).toISOString();
      const { db } = this.storage;
      const rows = await db
        .selectFrom('case_event_log')
        .select(['id', 'origin', 'payload'])
        .where('at', '>=', since)
        .orderBy('id')
        .execute();
      for (const row of rows) {
        const id = Number(row.id);
        if (row.origin === this.fanout.instanceId || this.delivered.has(id)) continue;
        const { caseId, event } = JSON.parse(row.payload) as { caseId: string; event: CaseEvent };
        this.deliver({ id, caseId, event });
      }
      for (const [id, at] of this.delivered) if (now - at > LOOKBACK_MS * 2) this.delivered.delete(id);
      if (now - this.lastPruned > 60_000) {
        this.lastPruned = now;
        await db
          .deleteFrom('case_event_log')
          .where('at', '<', new Date(now - KEEP_MS).toISOString())
          .execute();
      }
    } catch {
      // The database is away too: the next read tries again.
    } finally {
      this.reading = false;
    }
  }
}
