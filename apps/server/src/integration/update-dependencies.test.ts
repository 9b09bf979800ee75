import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendTextUpdate,
  closedWithin,
  connectRawClient,
  connectRawWriter,
  type RawClient,
} from '../test-support/raw-client.js';
import { witnessedServer } from '../test-support/witnessed-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
/** Large enough that holding it would show in a joiner's sync; well under the message limit. */
const ORPHAN = 'foreldreløs '.repeat(20_000);

const setup = witnessedServer(CASE, SECTION);
const cleanup: Array<RawClient | SectionClient> = [];

afterEach(() => {
  for (const c of cleanup.splice(0)) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
});

/** A raw writer for the municipal member, closed after the test. */
async function kommuneWriter(): ReturnType<typeof connectRawWriter> {
  const writer = await connectRawWriter(setup.roles.kommune, CASE, SECTION);
  cleanup.push(writer.client);
  return writer;
}

/** Splits `local` into a change the server never gets and, after it, one that builds on it. */
function changeAfterWithheld(local: Y.Doc, withhold: (doc: Y.Doc) => void, then: (doc: Y.Doc) => void): Uint8Array {
  withhold(local);
  const before = Y.encodeStateVector(local);
  then(local);
  return Y.encodeStateAsUpdate(local, before);
}

/** How often the server has asked this client what it lacks (sync step 1), the greeting included. */
function syncRequests(client: RawClient): number {
  return client.received.filter((message) => {
    const decoder = decoding.createDecoder(message);
    return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 0;
  }).length;
}

/**
 * Sends an update whose dependency the server lacks, and waits for the server's answer: not
 * applied, and a sync step 1 asking the sender for what it lacks. The socket stays open.
 */
async function sendOrphan(client: RawClient, update: Uint8Array): Promise<void> {
  const asked = syncRequests(client);
  client.sendUpdate(update);
  await waitFor(() => syncRequests(client) > asked, 'the server to ask the sender what it lacks');
  expect(client.socket.readyState).toBe(client.socket.OPEN);
}

const firstText = (doc: Y.Doc) => (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;

/**
 * A barrier and a check in one: an accepted change from another writer reaches the witness
 * (so the server has handled everything sent before it), then a fresh joiner's sync holds
 * neither the refused text nor anything waiting for a missing change.
 */
async function expectNothingHeld(marker: string): Promise<void> {
  const { client: other, local } = await kommuneWriter();
  other.sendUpdate(appendTextUpdate(local, marker));
  await waitFor(() => setup.witness.text().endsWith(marker), 'an accepted change after the refused one');
  expect(setup.witness.text()).not.toContain('foreldreløs');

  const joiner = connectRawClient(setup.server.url, CASE, SECTION, { session: setup.roles.observator });
  cleanup.push(joiner);
  await joiner.opened;
  joiner.sendSyncStep1();
  await waitFor(() => joiner.documentPayloads().length > 0, 'the sync for a new joiner');
  const synced = Y.mergeUpdates(joiner.documentPayloads());
  expect(synced.byteLength).toBeLessThan(ORPHAN.length / 4);
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, synced);
  expect(fresh.store.pendingStructs).toBeNull();
  expect(fresh.store.pendingDs).toBeNull();
  expect(firstText(fresh).toString()).toBe(firstText(setup.witness.doc).toString());
}

// The hostile clients here never answer the server's question, so what they sent never lands.
describe('updates whose dependencies the server does not have', () => {
  it('drops a change that continues one the server never received, and asks the sender', async () => {
    const { client, local } = await kommuneWriter();
    await sendOrphan(
      client,
      changeAfterWithheld(
        local,
        (doc) => firstText(doc).insert(0, 'usendt '),
        (doc) => firstText(doc).insert(7, ORPHAN),
      ),
    );
    await expectNothingHeld(' Etter hull i rekkefølgen.');
  });

  it("drops a change placed next to another client's text that never arrived", async () => {
    const { client, local } = await kommuneWriter();
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(local));
    firstText(elsewhere).insert(0, 'usendt ');
    Y.applyUpdate(local, Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(local)));
    const before = Y.encodeStateVector(local);
    firstText(local).insert(7, ORPHAN);
    await sendOrphan(client, Y.encodeStateAsUpdate(local, before));
    await expectNothingHeld(' Etter manglende nabo.');
  });

  it('drops a deletion of text the server never received', async () => {
    const { client, local } = await kommuneWriter();
    await sendOrphan(
      client,
      changeAfterWithheld(
        local,
        (doc) => firstText(doc).insert(0, 'usendt '.repeat(1000)),
        (doc) => firstText(doc).delete(0, 7000),
      ),
    );
    await expectNothingHeld(' Etter sletting av ukjent tekst.');
  });

  it('closes a client whose own copy lacks what its sync step 2 builds on, so that it starts over', async () => {
    const { client, local } = await kommuneWriter();
    const update = changeAfterWithheld(
      local,
      (doc) => firstText(doc).insert(0, 'usendt '),
      (doc) => firstText(doc).insert(7, ORPHAN),
    );
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, update);
    client.sendRaw(encoding.toUint8Array(encoder));
    const closed = await closedWithin(client, 'a sync with a gap');
    expect(closed.code).toBe(CLOSE_CODES.missingDependencies);
    expect(closed.reason).toMatch(/bygger på/);
    await expectNothingHeld(' Etter ufullstendig synkronisering.');
  });

  it('lets the stock client that typed offline and types again while reconnecting keep both', async () => {
    const typist = connectSectionClient(setup.roles.kommune, CASE, SECTION);
    cleanup.push(typist);
    await waitForSync(typist);
    typist.provider.disconnect();
    typist.type(' Skrevet uten nett.');
    // Typed the moment the socket opens: this update goes out before the sync that carries
    // the offline text, so it reaches the server ahead of what it builds on. (y-websocket
    // sends every local update once the socket is open, synced or not.)
    const typeOnOpen = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      typist.provider.off('status', typeOnOpen);
      typist.type(' Skrevet under oppkobling.');
    };
    typist.provider.on('status', typeOnOpen);
    const closes: number[] = [];
    typist.provider.on('connection-close', (event) => void (event && closes.push(event.code)));
    typist.provider.connect();
    await waitFor(
      () => setup.witness.text().endsWith(' Skrevet uten nett. Skrevet under oppkobling.'),
      'both changes to reach the others',
      10_000,
    );
    await waitFor(
      () => typist.provider.synced && typist.provider.wsconnected,
      'the typist to be connected and in sync',
    );
    expect(typist.text()).toBe(setup.witness.text());
    // Healed on the same connection: the server asked, and the client's answer brought both.
    expect(closes).toEqual([]);
  });
});
