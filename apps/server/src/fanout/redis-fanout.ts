import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  decodeFanoutMessage,
  encodeFanoutMessage,
  type Fanout,
  type FanoutHandlers,
  type RoomChannel,
} from './fanout.js';
import { logger } from '../logging/logger.js';

const CHANNEL_PREFIX = 'samraad:room:';
const CONNECT_TIMEOUT_MS = 10_000;

function ready(redis: Redis, what: string): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`fikk ikke kontakt med Redis (${what}) innen ${CONNECT_TIMEOUT_MS / 1000} s`));
    }, CONNECT_TIMEOUT_MS);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/**
 * Redis pub/sub, one channel per room: a publishing connection and one subscriber
 * connection shared by every room of this instance. Rooms of the same name that overlap in
 * time (one retiring, the next loading) share the Redis subscription, counted per channel.
 */
export async function createRedisFanout(url: string, instanceId: string = randomUUID()): Promise<Fanout> {
  const publisher = new Redis(url, { lazyConnect: false });
  const subscriber = new Redis(url, { lazyConnect: false });
  // One line per interval while Redis is away, not one per retry and per room.
  let lastOutageLog = 0;
  let suppressed = 0;
  const logOutage = (line: string) => {
    const now = Date.now();
    if (now - lastOutageLog < 30_000) {
      suppressed++;
      return;
    }
    logger.warn(`${line}${suppressed > 0 ? ` (${suppressed} lignende siden sist)` : ''}`);
    lastOutageLog = now;
    suppressed = 0;
  };
  for (const [redis, role] of [
    [publisher, 'publisering'],
    [subscriber, 'abonnement'],
  ] as const) {
    redis.on('error', (error: Error) => logOutage(`Redis (${role}): ${error.message}`));
  }
  try {
    await Promise.all([ready(publisher, 'publisering'), ready(subscriber, 'abonnement')]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }

  /**
   * Channels this instance wants, with whether Redis has confirmed the subscription. A room
   * opens even while Redis is away (it works alone until then); a subscription that failed is
   * retried when Redis is back, and the room then catches up from the database.
   */
  const rooms = new Map<
    string,
    { handlers: Set<FanoutHandlers>; subscribed: boolean; subscribing: Promise<void> | null }
  >();

  const subscribe = (
    channel: string,
    entry: { handlers: Set<FanoutHandlers>; subscribed: boolean; subscribing: Promise<void> | null },
  ) => {
    entry.subscribing ??= subscriber.subscribe(channel).then(
      () => {
        entry.subscribing = null;
        // Left while we waited: the UNSUBSCRIBE queued behind this SUBSCRIBE cleans up.
        if (rooms.get(channel) !== entry) return;
        const wasMissing = !entry.subscribed;
        entry.subscribed = true;
        if (wasMissing && entry.handlers.size > 0 && caughtUpOnce.has(channel))
          for (const handlers of entry.handlers) handlers.onGap();
      },
      (error: unknown) => {
        entry.subscribing = null;
        entry.subscribed = false;
        logOutage(`kunne ikke abonnere på ${channel}: ${(error as Error).message}`);
      },
    );
    return entry.subscribing;
  };
  /** Channels whose room has been told to catch up at least once (it had a live subscription or joined without one). */
  const caughtUpOnce = new Set<string>();

  subscriber.on('messageBuffer', (channel: Buffer, bytes: Buffer) => {
    const entry = rooms.get(channel.toString());
    if (!entry) return;
    let decoded;
    try {
      decoded = decodeFanoutMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      logger.error({ err: error, channel: channel.toString() }, 'ugyldig fan-out-melding');
      return;
    }
    if (decoded.origin === instanceId) return;
    for (const handlers of entry.handlers) handlers.onMessage(decoded.message);
  });

  // After a lost connection, what was published in between is gone: every channel is
  // subscribed again (ioredis' own resubscription skips those whose SUBSCRIBE failed), and
  // each room re-reads the database once its subscription is back.
  let connectedOnce = true;
  subscriber.on('close', () => {
    connectedOnce = false;
    for (const entry of rooms.values()) entry.subscribed = false;
  });
  subscriber.on('ready', () => {
    if (connectedOnce) return;
    connectedOnce = true;
    for (const [channel, entry] of rooms) {
      caughtUpOnce.add(channel);
      void subscribe(channel, entry);
    }
  });

  return {
    instanceId,
    async join(room, handlers): Promise<RoomChannel> {
      const channel = CHANNEL_PREFIX + room;
      let entry = rooms.get(channel);
      if (!entry) {
        entry = { handlers: new Set(), subscribed: false, subscribing: null };
        rooms.set(channel, entry);
      }
      entry.handlers.add(handlers);
      // With Redis there, the room loads only once it hears the others (see SectionRoom.load).
      // Without it, waiting would hold the section for ioredis' whole retry budget and then
      // fail; the room opens alone and catches up when the subscription is made.
      if (subscriber.status === 'ready') {
        if (!entry.subscribed) await subscribe(channel, entry);
      } else {
        caughtUpOnce.add(channel);
      }
      let left = false;
      return {
        publish(message) {
          publisher.publish(channel, Buffer.from(encodeFanoutMessage(instanceId, message))).catch((error: unknown) => {
            logOutage(`kunne ikke publisere til ${channel}: ${(error as Error).message}`);
          });
        },
        async leave() {
          if (left) return;
          left = true;
          const current = rooms.get(channel);
          if (!current) return;
          current.handlers.delete(handlers);
          if (current.handlers.size > 0) return;
          rooms.delete(channel);
          caughtUpOnce.delete(channel);
          // Commands on one connection run in order: a later SUBSCRIBE for a room that opens
          // again lands after this UNSUBSCRIBE.
          await subscriber.unsubscribe(channel).catch(() => undefined);
        },
      };
    },
    async ping() {
      // A connection that is not ready queues commands until it is: that is "down" for us.
      for (const redis of [publisher, subscriber]) {
        if (redis.status !== 'ready') throw new Error(`Redis-tilkoblingen er ${redis.status}`);
      }
      await publisher.ping();
    },
    async close() {
      rooms.clear();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
