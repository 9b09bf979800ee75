import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import { storageOn, type QueryObserver, type Storage } from './storage.js';
import { logger } from '../logging/logger.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Counts and BIGINT/BIGSERIAL columns come back from PostgreSQL as strings (they may exceed
 * 2^53); the repositories count rows and ids far below that, and expect numbers as SQLite gives.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as unknown;
  },
};

/** The advisory-lock id of `key` in this schema, so test schemas do not contend. */
const lockId = (key: string) => sql`hashtext(${key} || ':' || coalesce(current_schema(), ''))`;

/**
 * The shared database for several server instances. `DATABASE_URL` is a libpq-style URL;
 * `?options=-c%20search_path%3Dname` picks a schema (the tests give each file its own).
 * Migrations run at start under an advisory lock, so instances starting together take turns.
 */
export async function openPostgres(url: string, options: { onQuery?: QueryObserver } = {}): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client losing its connection must not take the process down; the next query
  // gets a fresh connection or fails and is reported where it was made.
  pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL-tilkobling feilet'));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: guarded(pool) }),
    log: options.onQuery && ((event) => options.onQuery!(event.query.sql)),
  });
  try {
    await migrate(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return storageOn(
    'postgres',
    db,
    {
      async exclusive(key, work) {
        const checkout = await checkOut(pool);
        const { client } = checkout;
        const id = lockId(key).compile(db);
        try {
          await client.query(`SELECT pg_advisory_lock(${id.sql})`, [...id.parameters]);
          try {
            return await work();
          } finally {
            // A session that cannot unlock is dropped: closing it releases the lock.
            await client
              .query(`SELECT pg_advisory_unlock(${id.sql})`, [...id.parameters])
              .catch(() => checkout.markBroken());
          }
        } finally {
          checkout.release();
        }
      },
      async shareExclusive(tx, key) {
        await sql`SELECT pg_advisory_xact_lock_shared(${lockId(key)})`.execute(tx);
      },
      async holdExclusive(tx, keys) {
        if (keys.length === 0) return;
        // One statement, the locks taken left to right as its select list is evaluated.
        const locks = keys.map((key) => sql`pg_advisory_xact_lock(${lockId(key)})`);
        await sql`SELECT ${sql.join(locks)}`.execute(tx);
      },
    },
    () => db.destroy(),
  );
}

/** Uint8Arrays that are not Buffers go in as BYTEA too. */
function toParams(params: readonly unknown[] | undefined): unknown[] {
  return (params ?? []).map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value)
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : (value ?? null),
  );
}

interface CheckedOut {
  client: pg.PoolClient;
  markBroken(): void;
  release(): void;
}

/**
 * A connection taken from the pool for a transaction or a lock. The pool listens for errors
 * only on idle connections; one that breaks while checked out (PostgreSQL stopped, network
 * cut) emits 'error' with no listener, which would end the process. Here the error marks
 * the connection broken: the query in flight fails where it was made, and the connection is
 * destroyed on release instead of going back to the pool.
 */
async function checkOut(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  return {
    client,
    markBroken: onError,
    release() {
      client.off('error', onError);
      // A late 'error' from a destroyed connection still needs a listener.
      if (broken) client.on('error', () => undefined);
      client.release(broken);
    },
  };
}

/** A connection lost mid-query: it must not go back to the pool. */
function lostConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$|^08...$|^57P0[1-3]$/.test(code)) return true;
  return /Connection terminated|not queryable/i.test(error.message);
}

/**
 * The pool as Kysely sees it, every checked-out connection guarded as `checkOut` does. Kysely
 * keys its connections by the client object, so each pg client keeps one wrapper.
 */
function guarded(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const checkout = await checkOut(pool);
      let wrapper = wrappers.get(checkout.client);
      if (!wrapper) {
        const client = checkout.client;
        wrapper = {
          query: (async (text: string, params?: readonly unknown[]) => {
            try {
              return await client.query(text, toParams(params));
            } catch (error) {
              if (lostConnection(error)) current.get(client)?.markBroken();
              throw error;
            }
          }) as unknown as PostgresPoolClient['query'],
          release(destroy?: boolean) {
            const held = current.get(client);
            current.delete(client);
            if (destroy) held?.markBroken();
            held?.release();
          },
        };
        wrappers.set(client, wrapper);
      }
      current.set(checkout.client, checkout);
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/** The checkout each client is in now (a client is checked out once at a time). */
const current = new WeakMap<pg.PoolClient, CheckedOut>();
