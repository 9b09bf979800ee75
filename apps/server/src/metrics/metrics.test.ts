import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { buildCase, type BuiltCase } from '../test-support/builders.js';
import { metricValue, scrapeMetrics } from '../test-support/operations.js';
import { pollUntil } from '../test-support/poll.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { loginDemoRoles, type DemoRoles, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';
import { decideMetricsAccess } from './metrics-access.js';

/** A case of this file's own, in discussion: wording, background and each side's assessment. */
let CASE: string;
let sections: BuiltCase['sections'];

describe('/metrics counts what the rooms do', () => {
  let server: RunningServer;
  let roles: DemoRoles;
  const raws: RawClient[] = [];
  const clients: SectionClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    roles = await loginDemoRoles(server.url);
    ({ id: CASE, sections } = await buildCase(
      { secretariat: roles.sekretariat, kommune: roles.kommune, helseforetak: roles.sykehus },
      { status: 'til_drofting' },
    ));
  });
  afterAll(async () => {
    for (const raw of raws) raw.socket.terminate();
    for (const client of clients) client.destroy();
    await server.close();
  });

  async function witness(section: string): Promise<SectionClient> {
    const client = connectSectionClient(roles.sekretariat, CASE, section);
    clients.push(client);
    await waitForSync(client);
    return client;
  }

  async function write(session: TestSession, section: string, text: string): Promise<RawClient> {
    const { client, local } = await connectRawWriter(session, CASE, section);
    raws.push(client);
    client.sendUpdate(appendTextUpdate(local, text));
    return client;
  }

  it('counts stored updates with their append and fan-out times, and refusals by reason, as every role writes', async () => {
    const before = await scrapeMetrics(server.url);
    const watching = await witness(sections.municipal!);
    const watchingCommon = await witness(sections.background!);

    await write(roles.kommune, sections.municipal!, ' Kommunen skriver.');
    await waitFor(() => watching.text().includes('Kommunen skriver.'), 'the municipal update relayed');
    await write(roles.sekretariat, sections.background!, ' Sekretariatet skriver.');
    await waitFor(() => watchingCommon.text().includes('Sekretariatet skriver.'), 'the secretariat update relayed');

    const refusedObserver = await write(roles.observator, sections.municipal!, ' OBSERVATØREN.');
    const refusedHospital = await write(roles.sykehus, sections.municipal!, ' SYKEHUSET.');
    // The counter moves before the socket is closed: the close is the barrier.
    expect((await refusedObserver.closed).code).toBe(4409);
    expect((await refusedHospital.closed).code).toBe(4409);

    const after = await scrapeMetrics(server.url);
    const moved = (name: string, labels?: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(moved('samraad_updates_accepted_total')).toBe(2);
    expect(moved('samraad_append_duration_seconds_count')).toBe(2);
    expect(moved('samraad_fanout_lag_seconds_count')).toBe(2);
    expect(moved('samraad_updates_refused_total', { reason: 'observer' })).toBe(1);
    expect(moved('samraad_updates_refused_total', { reason: 'other-side' })).toBe(1);
    expect(metricValue(after, 'samraad_append_duration_seconds_sum')).toBeGreaterThan(0);
    // Two witnesses and the two writers who were let in; the refused ones are gone.
    expect(metricValue(after, 'samraad_websocket_connections')).toBe(4);
    expect(metricValue(after, 'samraad_open_rooms')).toBe(2);
    expect(metricValue(after, 'samraad_database_up')).toBe(1);

    for (const raw of raws) raw.socket.close();
    for (const client of clients) client.destroy();
    await pollUntil(
      () => scrapeMetrics(server.url),
      (text) =>
        metricValue(text, 'samraad_websocket_connections') === 0 && metricValue(text, 'samraad_open_rooms') === 0,
      'connections and rooms to be released',
    );
  });

  it('answers a scraper on this machine without a token, and hides itself from a request a proxy forwarded', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(404);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(undefined, { metricsToken: 'skrape-nokkel-7f3a' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('wants the bearer token, even from this machine', async () => {
    const without = await fetch(`${server.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(
      (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer skrape-nokkel-7f3b' } })).status,
    ).toBe(401);
    const text = await scrapeMetrics(server.url, { headers: { authorization: 'Bearer skrape-nokkel-7f3a' } });
    expect(text).toContain('samraad_updates_accepted_total');
  });
});

describe('decideMetricsAccess', () => {
  const noHeaders = () => undefined;

  it('hides the metrics from other machines when no token is set', () => {
    expect(
      decideMetricsAccess({ token: null, authorization: undefined, remoteAddress: '192.0.2.7', header: noHeaders }),
    ).toBe('hidden');
    expect(
      decideMetricsAccess({
        token: null,
        authorization: 'Bearer x',
        remoteAddress: '::ffff:192.0.2.7',
        header: noHeaders,
      }),
    ).toBe('hidden');
    expect(
      decideMetricsAccess({ token: null, authorization: undefined, remoteAddress: '::1', header: noHeaders }),
    ).toBe('allowed');
    expect(
      decideMetricsAccess({
        token: null,
        authorization: undefined,
        remoteAddress: '::ffff:127.0.0.1',
        header: noHeaders,
      }),
    ).toBe('allowed');
  });

  it('lets anyone with the token in, and nobody without it', () => {
    expect(
      decideMetricsAccess({ token: 'abc', authorization: 'Bearer abc', remoteAddress: '192.0.2.7', header: noHeaders }),
    ).toBe('allowed');
    expect(
      decideMetricsAccess({ token: 'abc', authorization: 'Bearer abd', remoteAddress: '127.0.0.1', header: noHeaders }),
    ).toBe('unauthorized');
    expect(
      decideMetricsAccess({ token: 'abc', authorization: undefined, remoteAddress: '127.0.0.1', header: noHeaders }),
    ).toBe('unauthorized');
  });
});
