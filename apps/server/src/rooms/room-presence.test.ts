import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENCE_LIMITS } from '../config.js';
import { ProtocolError } from '../protocol/message-types.js';
import type { RoomConnection } from './room-connection.js';
import { RoomPresence } from './room-presence.js';

const PINS_PER_USER = DEFAULT_PRESENCE_LIMITS.maxClientIdsPerUser;

function connectionOf(userId: string): RoomConnection {
  return { actor: { userId, name: userId }, mayWrite: () => Promise.resolve({ allowed: true }), send() {}, close() {} };
}

const state = { user: { name: 'x', color: '#000000' } };

/** One tab of `userId`: connects, speaks for `clientId` (applied as the room would), leaves. */
function visit(presence: RoomPresence, userId: string, clientId: number): boolean {
  const connection = connectionOf(userId);
  presence.join(connection);
  const admitted = presence.admit(connection, { clientId, clock: 1, state }, 0);
  if (admitted) presence.applied(connection, { added: [clientId], updated: [], removed: [] });
  presence.applied(null, { added: [], updated: [], removed: presence.leave(connection) });
  return admitted;
}

describe('RoomPresence', () => {
  it("forgets a user's oldest unused ids as they reload, never someone else's", () => {
    const forgotten: number[] = [];
    const presence = new RoomPresence(DEFAULT_PRESENCE_LIMITS, (clientId) => forgotten.push(clientId));
    expect(visit(presence, 'kari', 1)).toBe(true);
    // Someone else reloads a thousand times: the memory stays bounded, and Kari's id stays hers.
    for (let clientId = 1000; clientId < 2000; clientId++) expect(visit(presence, 'olga', clientId)).toBe(true);
    expect(forgotten).toHaveLength(1000 - PINS_PER_USER);
    expect(forgotten).not.toContain(1);
    expect(visit(presence, 'olga', 1)).toBe(false);
    expect(visit(presence, 'kari', 1)).toBe(true);
  });

  it('refuses a user more live ids than it remembers, rather than forget one in use', () => {
    const presence = new RoomPresence(DEFAULT_PRESENCE_LIMITS, () => undefined);
    let clientId = 0;
    const admitLive = () => {
      const connection = connectionOf('olga');
      presence.join(connection);
      for (let i = 0; i < DEFAULT_PRESENCE_LIMITS.maxClientIdsPerConnection; i++) {
        clientId++;
        presence.admit(connection, { clientId, clock: 1, state }, 0);
        presence.applied(connection, { added: [clientId], updated: [], removed: [] });
      }
    };
    for (let i = 0; i < PINS_PER_USER / DEFAULT_PRESENCE_LIMITS.maxClientIdsPerConnection; i++) admitLive();
    expect(admitLive).toThrow(ProtocolError);
  });
});
