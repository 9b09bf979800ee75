import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { loginDemoRoles, type DemoRoles } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
const BUFFER_LIMIT = 256 * 1024;
/** The section grows by this much first, so that every sync step 2 the server answers is large. */
const BULK = 200 * 1024;
/** Enough answers to fill the kernel's socket buffers (a few MB on loopback) and then the limit many times over. */
const MAX_REQUESTS = 400;

let server: RunningServer;
let roles: DemoRoles;
const cleanup: Array<RawClient | SectionClient> = [];

beforeAll(async () => {
  server = await startTestServer(undefined, { maxSocketBufferBytes: BUFFER_LIMIT });
  roles = await loginDemoRoles(server.url);
});

afterAll(async () => {
  for (const c of cleanup) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  await server.close();
});

describe('a socket that never reads', () => {
  it.each(['observator', 'kommune'] as const)(
    'is dropped as a %s once its outgoing buffer passes the limit, while the others carry on',
    async (role) => {
      const witness = connectSectionClient(roles.sekretariat, CASE, SECTION);
      cleanup.push(witness);
      await waitForSync(witness);
      const { client: writer, local } = await connectRawWriter(roles.kommune, CASE, SECTION);
      cleanup.push(writer);
      if (witness.text().length < BULK) {
        writer.sendUpdate(appendTextUpdate(local, 'x'.repeat(BULK)));
        await waitFor(() => witness.text().length >= BULK, 'the bulk text to reach the witness');
      }

      const { client: slow } = await connectRawWriter(roles[role], CASE, SECTION);
      cleanup.push(slow);
      const slowId = 900_000 + cleanup.length;
      slow.sendAwareness([{ clientId: slowId, clock: 1, state: { user: { name: 'treg', color: '#1f6f8b' } } }]);
      await waitFor(() => witness.provider.awareness.getStates().has(slowId), "the slow client's presence");

      // From here on it reads nothing, and asks for the whole section again and again.
      slow.socket.pause();
      for (let sent = 0; sent < MAX_REQUESTS && witness.provider.awareness.getStates().has(slowId); sent += 10) {
        for (let i = 0; i < 10; i++) slow.sendSyncStep1();
        // Pacing only: lets the server answer before the next requests, as a real client would.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Dropped: it left the room, so its presence went with it.
      await waitFor(
        () => !witness.provider.awareness.getStates().has(slowId),
        'the server to drop the socket that does not read',
      );

      // Everyone else still gets every change.
      writer.sendUpdate(appendTextUpdate(local, ' Etter.'));
      await waitFor(() => witness.text().endsWith(' Etter.'), 'a change after the slow socket was dropped');
      expect(witness.provider.wsconnected).toBe(true);
    },
  );
});
