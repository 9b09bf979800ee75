import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';

const APP_HTML = '<!doctype html><html lang="nb"><body><div id="root"></div></body></html>';

describe(`the public page of an unknown community answers 404 (${TEST_DB})`, () => {
  let server: RunningServer;

  beforeAll(async () => {
    // A web build of one page is enough: what is tested is the status the server answers with.
    const webDist = makeTempDir();
    fs.writeFileSync(path.join(webDist, 'index.html'), APP_HTML);
    server = await startTestServer(undefined, { webDist });
  });
  afterAll(() => server.close());

  it('serves the page of an existing community, without login', async () => {
    for (const address of ['/offentlig/lvs', '/offentlig/lvs/', '/offentlig/helgeland']) {
      const response = await fetch(`${server.url}${address}`);
      expect(response.status, address).toBe(200);
      expect(await response.text()).toBe(APP_HTML);
    }
  });

  it('answers 404 for a community that does not exist, both the page and its API, still with the app to show the message', async () => {
    for (const address of [
      '/offentlig/finnes-ikke',
      '/offentlig/finnes-ikke/',
      '/offentlig/lvs/noe-annet',
      '/offentlig/%E0%A4%A',
    ]) {
      const response = await fetch(`${server.url}${address}`);
      expect(response.status, address).toBe(404);
      expect(await response.text()).toBe(APP_HTML);
    }
    expect((await fetch(`${server.url}/api/public/communities/finnes-ikke`)).status).toBe(404);
  });

  it('still serves the other client-side routes of the app', async () => {
    expect((await fetch(`${server.url}/sak/lvs-04-2022`)).status).toBe(200);
  });
});
