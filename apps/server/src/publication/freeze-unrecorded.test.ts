import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../db/storage.js';
import { seedDemoData } from '../demo/seed.js';
import { createServices, type Services } from '../services.js';
import { openTestSql } from '../test-support/test-database.js';

let sql: Storage;
let services: Services;

beforeAll(async () => {
  sql = await openTestSql();
  services = createServices(sql, { compactAfterUpdates: 500, invitationTtlMs: 60_000 });
  await seedDemoData(services);
});

afterAll(async () => {
  await services?.rooms.closeAll();
  await sql?.close();
});

describe('cases published before publishing froze them (an upgraded database)', () => {
  it('are frozen as they stand at the next start, once, and nothing else is touched', async () => {
    // What an older version left behind: the status says published, nothing was frozen.
    await sql.db.updateTable('cases').set({ status: 'publisert' }).where('id', '=', 'lvs-07-2021').execute();
    expect(await services.consensus.seal('lvs-07-2021', 'bakgrunn')).toBeNull();

    expect(await services.publication.freezeUnrecorded()).toBe(1);
    expect(await services.consensus.seal('lvs-07-2021', 'bakgrunn')).toBe('published');
    const state = await services.publication.state('lvs-07-2021');
    expect(state.frozen).toBe(true);
    expect(state.publications.map((p) => [p.sequence, p.publishedBy])).toEqual([[1, null]]);
    // The demo's own published cases were frozen by the seed through the real flow.
    expect((await services.publication.state('lvs-06-2021')).publications).toHaveLength(1);
    expect(await services.publication.freezeUnrecorded()).toBe(0);
  });
});
