import pg from 'pg';
import { TEST_DB, TEST_POSTGRES_URL, TEST_SCHEMA_PREFIX } from './test-database.js';

const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Before the PostgreSQL run: checks that the server answers (with a hint if not) and drops
 * test schemas left by runs more than an hour old. Younger ones may belong to a run that is
 * still going on the same machine, so they stay.
 */
export default async function setup(): Promise<void> {
  if (TEST_DB !== 'postgres') return;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL-kjøringen av testene trenger ${TEST_POSTGRES_URL}; start tjenestene med scripts/ensure-services.sh`,
      { cause: error },
    );
  }
  try {
    const { rows } = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
      `${TEST_SCHEMA_PREFIX}%`,
    ]);
    for (const { nspname } of rows) {
      const created = Number(/^t_(\d+)_[0-9a-f]+$/.exec(nspname)?.[1]);
      if (Number.isFinite(created) && Date.now() - created > STALE_AFTER_MS)
        await admin.query(`DROP SCHEMA ${nspname} CASCADE`);
    }
  } finally {
    await admin.end();
  }
}
