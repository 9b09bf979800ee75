import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeFanoutMessage, encodeFanoutMessage, type Fanout, type FanoutHandlers, type RoomChannel } from './fanout.js';
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
  for (const [redis, role] of [
    [publisher, 'publisering'],
    [subscriber, 'abonnement'],
  ] as const) {
    redis.on('error', (error: Error) => logger.warn({ role, err: error }, 'Redis-feil'));
  }
  try {
    await Promise.all([ready(publisher, 'publisering'), ready(subscriber, 'abonnement')]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }

  const rooms = new Map<string, { handlers: Set<FanoutHandlers>; subscribed: Promise<unknown> }>();

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

  // After a lost connection ioredis subscribes again by itself, but what was published in
  // between is gone: every open room re-reads the database.
  let connectedOnce = true;
  subscriber.on('close', () => {
    connectedOnce = false;
  });
  subscriber.on('ready', () => {
    if (connectedOnce) return;
    connectedOnce = true;
    for (const entry of rooms.values()) for (const handlers of entry.handlers) handlers.onGap();
  });

  return {
    instanceId,
    async join(room, handlers): Promise<RoomChannel> {
      const channel = CHANNEL_PREFIX + room;
      let entry = rooms.get(channel);
      if (!entry) {
        entry = { handlers: new Set(), subscribed: subscriber.subscribe(channel) };
        rooms.set(channel, entry);
      }
      entry.handlers.add(handlers);
      await entry.subscribed;
      let left = false;
      return {
        publish(message) {
          publisher.publish(channel, Buffer.from(encodeFanoutMessage(instanceId, message))).catch((error: unknown) => {
            logger.error({ err: error, channel }, 'kunne ikke publisere');
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
