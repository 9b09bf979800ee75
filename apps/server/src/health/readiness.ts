import type { Storage } from '../db/storage.js';
import type { Fanout } from '../fanout/fanout.js';
import type { Logger } from '../logging/logger.js';
import { EXPECTED_SCHEMA_VERSION, schemaVersion } from './schema-version.js';

export type DependencyState = 'up' | 'down';

/**
 * What `/health/ready` answers. `down` names each part that keeps the instance from serving
 * (`database`, `redis`, `migrations`, or `stopping` during a graceful shutdown).
 */
export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  down: string[];
  database: DependencyState;
  /** `ahead`: a newer build has migrated the shared database; this one still serves. */
  migrations: 'done' | 'pending' | 'ahead' | 'unknown';
  /** Only when REDIS_URL is configured. */
  redis?: DependencyState;
  stopping: boolean;
}

class TimedOut extends Error {
  constructor(what: string, ms: number) {
    super(`${what} svarte ikke innen ${ms} ms`);
  }
}

/**
 * One check of one dependency at a time: probes that arrive while a check is running share
 * it, so a hanging database ties up one pooled connection, not one per probe.
 */
class SharedCheck<T> {
  private running: Promise<T> | null = null;

  constructor(
    private readonly what: string,
    private readonly run: () => Promise<T>,
    private readonly timeoutMs: number,
  ) {}

  async check(): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
    let running = this.running;
    if (!running) {
      const started = this.run();
      running = started;
      this.running = started;
      const clear = () => {
        if (this.running === started) this.running = null;
      };
      started.then(clear, clear);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut(this.what, this.timeoutMs)), this.timeoutMs);
    });
    try {
      return { ok: true, value: await Promise.race([running, timeout]) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface ReadinessOptions {
  sql: Storage;
  fanout?: Fanout;
  /** How long the database and Redis get to answer before they count as down. */
  timeoutMs: number;
  isStopping: () => boolean;
  log: Logger;
}

/**
 * Whether this instance can do its job now: the database answers a trivial query and is
 * migrated for this build, Redis (when configured) answers PING, and no shutdown is under way.
 * Changes of state are logged once, not on every probe.
 */
export class Readiness {
  private readonly database: SharedCheck<number>;
  private readonly redis: SharedCheck<void> | null;
  private readonly lastState = new Map<string, DependencyState>();

  constructor(private readonly options: ReadinessOptions) {
    this.database = new SharedCheck('databasen', () => schemaVersion(options.sql), options.timeoutMs);
    const { fanout } = options;
    this.redis = fanout?.ping ? new SharedCheck('Redis', () => fanout.ping!(), options.timeoutMs) : null;
  }

  async databaseState(): Promise<{ state: DependencyState; version: number | null }> {
    const result = await this.database.check();
    this.note('database', result);
    return result.ok ? { state: 'up', version: result.value } : { state: 'down', version: null };
  }

  /** null when this instance runs without Redis. */
  async redisState(): Promise<DependencyState | null> {
    if (!this.redis) return null;
    const result = await this.redis.check();
    this.note('redis', result);
    return result.ok ? 'up' : 'down';
  }

  async report(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([this.databaseState(), this.redisState()]);
    const migrations =
      database.version === null
        ? 'unknown'
        : database.version < EXPECTED_SCHEMA_VERSION
          ? 'pending'
          : database.version > EXPECTED_SCHEMA_VERSION
            ? 'ahead'
            : 'done';
    const stopping = this.options.isStopping();
    const down: string[] = [];
    if (database.state === 'down') down.push('database');
    if (migrations === 'pending') down.push('migrations');
    if (redis === 'down') down.push('redis');
    if (stopping) down.push('stopping');
    return {
      status: down.length === 0 ? 'ready' : 'unavailable',
      down,
      database: database.state,
      migrations,
      ...(redis ? { redis } : {}),
      stopping,
    };
  }

  private note(dependency: string, result: { ok: true } | { ok: false; error: Error }): void {
    const state: DependencyState = result.ok ? 'up' : 'down';
    const before = this.lastState.get(dependency);
    this.lastState.set(dependency, state);
    if (before === state || (before === undefined && state === 'up')) return;
    if (result.ok) this.options.log.info({ dependency }, `${dependency} svarer igjen`);
    else this.options.log.warn({ dependency, reason: result.error.message }, `${dependency} svarer ikke`);
  }
}
