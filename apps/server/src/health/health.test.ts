import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { metricValue, readiness, scrapeMetrics } from '../test-support/operations.js';
import { startOwnPostgres, type OwnPostgres } from '../test-support/own-postgres.js';
import { startOwnRedis, type OwnRedis } from '../test-support/own-redis.js';
import { pollUntil } from '../test-support/poll.js';
import { TEST_DB, testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { EXPECTED_SCHEMA_VERSION } from './schema-version.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(...args: Parameters<typeof startTestServer>) {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

async function liveStatus(baseUrl: string): Promise<number> {
  return (await fetch(`${baseUrl}/health/live`)).status;
}

describe('health endpoints', () => {
  it('is live and ready on a migrated database, and keeps the old /api/health', async () => {
    const server = await start();
    expect(await liveStatus(server.url)).toBe(200);
    expect(await readiness(server.url)).toEqual({
      status: 200,
      body: { status: 'ready', down: [], database: 'up', migrations: 'done', stopping: false },
    });
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });
  });

  it('is not ready while the database is behind this build’s migrations', async () => {
    const dataDir = makeTempDir();
    const server = await start(dataDir);
    // What an old backup restored under a running server, or a half-applied upgrade, looks like.
    const url = await testDatabaseUrl(dataDir);
    const setBehind = async (behind: boolean) => {
      if (!url) {
        const db = new Database(path.join(dataDir, 'samraad.db'));
        db.pragma(`user_version = ${behind ? EXPECTED_SCHEMA_VERSION - 1 : EXPECTED_SCHEMA_VERSION}`);
        db.close();
        return;
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      if (behind) await client.query('DELETE FROM schema_migrations WHERE version = $1', [EXPECTED_SCHEMA_VERSION]);
      else
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          EXPECTED_SCHEMA_VERSION,
          new Date().toISOString(),
        ]);
      await client.end();
    };
    await setBehind(true);
    const behind = await readiness(server.url);
    expect(behind.status).toBe(503);
    expect(behind.body).toMatchObject({
      status: 'unavailable',
      down: ['migrations'],
      database: 'up',
      migrations: 'pending',
    });
    expect(await liveStatus(server.url)).toBe(200);
    await setBehind(false);
    expect((await readiness(server.url)).status).toBe(200);
  });
});

describe('readiness with a Redis that goes away', () => {
  let redis: OwnRedis;
  afterAll(async () => {
    await redis?.destroy();
  });

  it('answers 503 naming redis while it is down, stays live, and is ready again once it is back', async () => {
    redis = await startOwnRedis();
    const server = await start(makeTempDir(), { redisUrl: redis.url, healthTimeoutMs: 1000 });
    expect(await readiness(server.url)).toMatchObject({ status: 200, body: { redis: 'up', down: [] } });
    expect(metricValue(await scrapeMetrics(server.url), 'samraad_redis_up')).toBe(1);

    await redis.kill();
    const down = await pollUntil(
      () => readiness(server.url),
      (r) => r.status === 503,
      'readiness to notice Redis is gone',
    );
    expect(down.body).toMatchObject({ status: 'unavailable', down: ['redis'], redis: 'down', database: 'up' });
    expect(await liveStatus(server.url)).toBe(200);
    expect(metricValue(await scrapeMetrics(server.url), 'samraad_redis_up')).toBe(0);

    await redis.start();
    const back = await pollUntil(
      () => readiness(server.url),
      (r) => r.status === 200,
      'readiness once Redis is back',
    );
    expect(back.body).toMatchObject({ redis: 'up', down: [] });
  });

  it('counts a Redis that accepts connections but does not answer as down, within the timeout', async () => {
    redis ??= await startOwnRedis();
    const server = await start(makeTempDir(), { redisUrl: redis.url, healthTimeoutMs: 500 });
    expect((await readiness(server.url)).status).toBe(200);
    redis.pause();
    try {
      const started = Date.now();
      const hung = await readiness(server.url);
      expect(hung.status).toBe(503);
      expect(hung.body.down).toEqual(['redis']);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      redis.resume();
    }
    await pollUntil(
      () => readiness(server.url),
      (r) => r.status === 200,
      'readiness once Redis answers again',
    );
  });
});

// Its own cluster, stopped and started by the test; run with the PostgreSQL suite.
describe.runIf(TEST_DB === 'postgres')('readiness with a PostgreSQL that goes away', () => {
  let postgres: OwnPostgres;
  afterAll(async () => {
    await postgres?.destroy();
  });

  it('answers 503 naming the database while PostgreSQL is stopped, stays live, and is ready once it is back', async () => {
    postgres = await startOwnPostgres();
    const server = await start(makeTempDir(), { databaseUrl: postgres.url(), healthTimeoutMs: 1000 });
    expect(await readiness(server.url)).toMatchObject({ status: 200, body: { database: 'up', migrations: 'done' } });

    await postgres.stop('fast');
    const down = await readiness(server.url);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'unavailable',
      down: ['database'],
      database: 'down',
      migrations: 'unknown',
    });
    expect(await liveStatus(server.url)).toBe(200);
    expect(metricValue(await scrapeMetrics(server.url), 'samraad_database_up')).toBe(0);

    await postgres.start();
    const back = await pollUntil(
      () => readiness(server.url),
      (r) => r.status === 200,
      'readiness once PostgreSQL is back',
    );
    expect(back.body).toMatchObject({ database: 'up', migrations: 'done', down: [] });
    expect(metricValue(await scrapeMetrics(server.url), 'samraad_database_up')).toBe(1);
  });
});
