import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DEFAULT_PRESENCE_LIMITS } from '../config.js';
import { closedWithin, connectRawClient, type AwarenessEntry, type RawClient } from '../test-support/raw-client.js';
import type { TestSession } from '../test-support/session.js';
import { witnessedServer } from '../test-support/witnessed-server.js';
import { connectSectionClient, waitFor, waitForSync } from '../test-support/yjs-client.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';

const CASE = 'lvs-04-2022';
const SECTION = 'innstilling';
const ROLES = ['kommune', 'sykehus', 'observator', 'sekretariat'] as const;

const setup = witnessedServer(CASE, SECTION);
const open: RawClient[] = [];
/** Every test claims its own awareness client ids, so no test sees another's leftovers. */
let nextClientId = 700_000;

afterEach(() => {
  for (const client of open.splice(0)) client.socket.terminate();
});

async function rawAs(session: TestSession): Promise<RawClient> {
  const client = connectRawClient(setup.server.url, CASE, SECTION, { session });
  open.push(client);
  expect(await client.opened).toBe(true);
  return client;
}

function presence(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { user: { name, color: '#1f6f8b' }, cursor: null, ...extra };
}

/** What the witness holds for a client id: the server's stamped state, or undefined. */
const seen = (clientId: number) =>
  setup.witness.provider.awareness.getStates().get(clientId) as { user: { id: string } } | undefined;

/**
 * A barrier: an honest presence from a fresh connection of `session`. Once the witness has it,
 * everything the server received before it has been handled.
 */
async function barrier(session: TestSession): Promise<{ clientId: number; userId: string }> {
  const client = await rawAs(session);
  const clientId = nextClientId++;
  client.sendAwareness([{ clientId, clock: 1, state: presence('barriere') }]);
  await waitFor(() => seen(clientId) !== undefined, 'the barrier presence to reach the witness');
  return { clientId, userId: seen(clientId)!.user.id };
}

/** The awareness bytes a fresh connection receives when it joins, before it sends anything. */
async function awarenessBytesOnJoin(session: TestSession): Promise<number> {
  const joiner = connectSectionClient(session, CASE, SECTION);
  let bytes = 0;
  joiner.provider.ws?.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data));
    if (decoding.readVarUint(decoder) === 1) bytes += event.data.byteLength;
  });
  await waitForSync(joiner);
  joiner.destroy();
  return bytes;
}

describe('presence limits', () => {
  it.each(ROLES)(
    'closes a %s connection that sends a presence state over the limit; nobody receives it',
    async (role) => {
      const attacker = await rawAs(setup.roles[role]);
      const clientId = nextClientId++;
      attacker.sendAwareness([{ clientId, clock: 1, state: presence('stor', { padding: 'x'.repeat(200 * 1024) }) }]);
      const closed = await closedWithin(attacker, 'a 200 kB presence state');
      expect(closed.code).toBe(CLOSE_CODES.policyViolation);
      expect(closed.reason).toMatch(/tilstedeværelse/);
      await barrier(setup.roles.observator);
      expect(seen(clientId)).toBeUndefined();
      expect(await awarenessBytesOnJoin(setup.roles.kommune)).toBeLessThan(16 * 1024);
    },
  );

  it('closes a connection that speaks for more awareness client ids than one tab has', async () => {
    const attacker = await rawAs(setup.roles.observator);
    const claimed: number[] = [];
    for (let i = 0; i <= DEFAULT_PRESENCE_LIMITS.maxClientIdsPerConnection; i++) {
      const clientId = nextClientId++;
      claimed.push(clientId);
      attacker.sendAwareness([{ clientId, clock: 1, state: presence(`fantom ${i}`) }]);
    }
    const closed = await closedWithin(attacker, 'too many awareness client ids');
    expect(closed.code).toBe(CLOSE_CODES.policyViolation);
    await barrier(setup.roles.observator);
    // The ids it was allowed left with it; the one past the limit never arrived.
    expect(claimed.filter((clientId) => seen(clientId) !== undefined)).toEqual([]);
  });

  it('also counts the ids of one message with many entries', async () => {
    const attacker = await rawAs(setup.roles.kommune);
    const entries: AwarenessEntry[] = Array.from({ length: 200 }, () => ({
      clientId: nextClientId++,
      clock: 1,
      state: presence('fantom'),
    }));
    attacker.sendAwareness(entries);
    expect((await closedWithin(attacker, '200 awareness client ids in one message')).code).toBe(
      CLOSE_CODES.policyViolation,
    );
    await barrier(setup.roles.kommune);
    expect(entries.filter(({ clientId }) => seen(clientId) !== undefined)).toEqual([]);
  });

  it('closes a connection that keeps asking for everyone’s presence', async () => {
    const attacker = await rawAs(setup.roles.observator);
    for (let i = 0; i < 500; i++) attacker.sendQueryAwareness();
    const closed = await closedWithin(attacker, '500 awareness queries');
    expect(closed.code).toBe(CLOSE_CODES.policyViolation);
    expect(closed.reason).toMatch(/forespørsler/);
  });

  it('answers an occasional awareness query', async () => {
    const asker = await rawAs(setup.roles.observator);
    const { clientId } = await barrier(setup.roles.sykehus);
    asker.sendQueryAwareness();
    await waitFor(
      () =>
        asker.received.some((message) => {
          const decoder = decoding.createDecoder(message);
          if (decoding.readVarUint(decoder) !== 1) return false;
          const awareness = new awarenessProtocol.Awareness(new Y.Doc());
          awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), null);
          return awareness.getStates().has(clientId);
        }),
      'the answer to an awareness query',
    );
  });
});

describe('presence ownership', () => {
  it('keeps a client id with its first user after a reconnect: another user can neither replace nor remove it', async () => {
    const victimId = nextClientId++;
    const first = await rawAs(setup.roles.kommune);
    first.sendAwareness([{ clientId: victimId, clock: 1, state: presence('Kari') }]);
    await waitFor(() => seen(victimId) !== undefined, "the victim's presence");
    const victimUserId = seen(victimId)!.user.id;
    first.socket.close();
    await waitFor(() => seen(victimId) === undefined, "the victim's presence to go when the socket closes");

    // The stock client reconnects with the same id and clock: the server already has that
    // clock, so the state is not "added" again.
    const reconnected = await rawAs(setup.roles.kommune);
    reconnected.sendAwareness([{ clientId: victimId, clock: 1, state: presence('Kari') }]);
    const { userId: attackerUserId } = await barrier(setup.roles.observator);

    const attacker = await rawAs(setup.roles.observator);
    attacker.sendAwareness([
      { clientId: victimId, clock: 50, state: presence('Kari', { cursor: { anchor: 'falsk', head: 'falsk' } }) },
    ]);
    await barrier(setup.roles.observator);
    expect(seen(victimId)?.user.id).not.toBe(attackerUserId);

    // The victim's own connection (the same user) speaks for it again, and keeps it.
    reconnected.sendAwareness([{ clientId: victimId, clock: 51, state: presence('Kari') }]);
    await waitFor(() => seen(victimId)?.user.id === victimUserId, "the victim's presence back after the reconnect");
    attacker.sendAwareness([{ clientId: victimId, clock: 60, state: null }]);
    await barrier(setup.roles.observator);
    expect(seen(victimId)?.user.id).toBe(victimUserId);
  });

  it('stamps the user id over whatever a client claims, so a copied id or tab session credits nobody else', async () => {
    const kari = await barrier(setup.roles.kommune);
    const attacker = await rawAs(setup.roles.observator);
    const clientId = nextClientId++;
    attacker.sendAwareness([
      {
        clientId,
        clock: 1,
        state: { user: { id: kari.userId, name: 'Kari', color: '#1f6f8b' }, cursor: { anchor: 1, head: 1 } },
      },
    ]);
    await waitFor(() => seen(clientId) !== undefined, "the observer's presence");
    expect(seen(clientId)!.user.id).not.toBe(kari.userId);
  });
});
