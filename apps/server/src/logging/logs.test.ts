import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/users.js';
import { startOwnRedis, type OwnRedis } from '../test-support/own-redis.js';
import { connectRawWriter } from '../test-support/raw-client.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, sessionFetch } from '../test-support/session.js';
import { testDatabaseUrl } from '../test-support/test-database.js';
import { makeTempDir } from '../test-support/temp-dir.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
const REDIS_PASSWORD = 'redis-hemmelig-5b1e';
const DATABASE_PASSWORD = 'pg-hemmelig-93c4';
const INVITATION_TOKEN = 'invitasjon-hemmelig-0d77';

describe('the server’s log', () => {
  let redis: OwnRedis;
  let server: ServerProcess;
  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.crash();
    await redis?.destroy();
  });

  it('is one JSON record per line, with request and connection ids, and never a password, cookie or token', async () => {
    redis = await startOwnRedis({ password: REDIS_PASSWORD });
    const dataDir = makeTempDir();
    // PostgreSQL's trust authentication ignores the password; the server still has it in its URL.
    const databaseUrl = await testDatabaseUrl(dataDir);
    const withPassword = databaseUrl
      ? Object.assign(new URL(databaseUrl), { password: DATABASE_PASSWORD }).toString()
      : null;
    server = await spawnServer(dataDir, {
      LOG_LEVEL: 'info',
      REDIS_URL: redis.url,
      ...(withPassword ? { DATABASE_URL: withPassword } : {}),
    });

    const kommune = await login(server.url, DEMO.kommune);
    const caseResponse = await sessionFetch(kommune, `/api/cases/${CASE}`, {
      headers: { 'x-request-id': 'loggtest-1' },
    });
    expect(caseResponse.status).toBe(200);
    expect(caseResponse.headers.get('x-request-id')).toBe('loggtest-1');
    const generated = (await fetch(`${server.url}/api/invitations/${INVITATION_TOKEN}`)).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const { client } = await connectRawWriter(kommune, CASE, SECTION);
    client.socket.close();
    await client.closed;
    await server.stop();

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.length > 0);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      records.every(
        (record) =>
          typeof record.level === 'string' && typeof record.time === 'string' && typeof record.msg === 'string',
      ),
    ).toBe(true);

    expect(records).toContainEqual(
      expect.objectContaining({ reqId: 'loggtest-1', method: 'GET', route: '/api/cases/:caseId', status: 200 }),
    );
    // The route pattern is logged, not the path with the invitation token in it.
    expect(records).toContainEqual(
      expect.objectContaining({ reqId: generated, route: '/api/invitations/:token', status: 404 }),
    );
    const opened = records.find((record) => record.msg === 'forbindelse åpnet');
    expect(opened).toMatchObject({
      room: `case/${CASE}/section/${SECTION}`,
      userId: expect.any(String) as string,
      connId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      reqId: expect.any(String) as string,
    });
    expect(records).toContainEqual(expect.objectContaining({ msg: 'forbindelse lukket', connId: opened!.connId }));

    const sessionToken = kommune.cookie.split('=').slice(1).join('=');
    const output = server.output();
    for (const secret of [
      DEMO_PASSWORD,
      sessionToken,
      kommune.csrfToken,
      REDIS_PASSWORD,
      DATABASE_PASSWORD,
      INVITATION_TOKEN,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
