import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { appendTextUpdate, connectRawClient, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
const HEADROOM = 8 * 1024;

let server: RunningServer;
let kommune: TestSession;
const cleanup: Array<SectionClient | RawClient> = [];

/** The seeded section plus a few kilobytes: the limit a big paste will run into. */
let limit: number;

beforeAll(async () => {
  // Learn the seeded section's size from a server without a limit, then start one with it.
  const probe = await startTestServer();
  const session = await login(probe.url, DEMO.kommune);
  const reader = connectSectionClient(session, CASE, SECTION);
  await waitForSync(reader);
  limit = Y.encodeStateAsUpdate(reader.doc).byteLength + HEADROOM;
  reader.destroy();
  await probe.close();
  server = await startTestServer(undefined, { maxDocumentBytes: limit });
  kommune = await login(server.url, DEMO.kommune);
});

afterAll(async () => {
  for (const c of cleanup) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  await server.close();
});

async function synced(): Promise<SectionClient> {
  const client = connectSectionClient(kommune, CASE, SECTION);
  cleanup.push(client);
  await waitForSync(client);
  return client;
}

describe('MAX_DOCUMENT_BYTES', () => {
  it('refuses an update that would grow the section past the limit, says why, and keeps the document', async () => {
    const witness = await synced();
    const before = witness.text();
    const base = new Y.Doc();
    Y.applyUpdate(base, Y.encodeStateAsUpdate(witness.doc));

    const small = connectRawClient(server.url, CASE, SECTION, { session: kommune });
    cleanup.push(small);
    await small.opened;
    small.sendUpdate(appendTextUpdate(base, ' Kort tillegg.'));
    await waitFor(() => witness.text().endsWith(' Kort tillegg.'), 'an update under the limit to be relayed');

    const paste = connectRawClient(server.url, CASE, SECTION, { session: kommune });
    cleanup.push(paste);
    await paste.opened;
    paste.sendUpdate(appendTextUpdate(base, ' Limt inn: ' + 'lang tekst '.repeat(HEADROOM / 5)));
    const closed = await paste.closed;
    expect(closed.code).toBe(CLOSE_CODES.documentTooLarge);
    expect(closed.reason).toMatch(/dokumentet er for stort/);

    const fresh = await synced();
    expect(fresh.text()).toBe(`${before} Kort tillegg.`);
    expect(witness.text()).toBe(`${before} Kort tillegg.`);
  });
});
