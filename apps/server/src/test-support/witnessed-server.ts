import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../server.js';
import { loginDemoRoles, type DemoRoles } from './session.js';
import { startTestServer } from './test-server.js';
import { connectSectionClient, waitForSync, type SectionClient } from './yjs-client.js';

export interface WitnessedServer {
  readonly server: RunningServer;
  readonly roles: DemoRoles;
  /** The secretariat, synced on the section: what reaches it is what the server accepted and relayed. */
  readonly witness: SectionClient;
}

/**
 * A test server with every demo role logged in and a witness synced on one section, started
 * before the tests of the enclosing file or describe block and closed after them. The fields are
 * set in beforeAll, so read them inside hooks and tests.
 */
export function witnessedServer(caseId: string, sectionId: string): WitnessedServer {
  let server: RunningServer | undefined;
  let roles: DemoRoles | undefined;
  let witness: SectionClient | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    roles = await loginDemoRoles(server.url);
    witness = connectSectionClient(roles.sekretariat, caseId, sectionId);
    await waitForSync(witness);
  });

  afterAll(async () => {
    witness?.destroy();
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is set in beforeAll: read it inside a hook or a test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get roles() {
      return started(roles, 'demo roles');
    },
    get witness() {
      return started(witness, 'witness');
    },
  };
}
