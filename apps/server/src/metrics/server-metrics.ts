import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Readiness } from '../health/readiness.js';
import type { RoomObserver } from '../rooms/room-observer.js';

/** Why an update was not stored: a permission refusal reason or one of the content limits. */
export type UpdateRefusal = string;

/**
 * The server's Prometheus metrics, in a registry of its own (several servers in one test
 * process must not share counters). Names are prefixed `samraad_`; the standard process and
 * Node.js metrics come along unprefixed, as every Node exporter names them.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly connections: Gauge;
  private readonly accepted: Counter;
  private readonly refused: Counter<'reason'>;
  private readonly appendSeconds: Histogram;
  private readonly fanoutLagSeconds: Histogram;

  constructor({
    openRooms,
    readiness,
    redisConfigured,
  }: {
    openRooms: () => number;
    readiness: Readiness;
    redisConfigured: boolean;
  }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.connections = new Gauge({
      name: 'samraad_websocket_connections',
      help: 'Open section WebSocket connections',
      registers,
    });
    new Gauge({
      name: 'samraad_open_rooms',
      help: 'Section documents held in memory (open by someone, or being worked on)',
      registers,
      collect() {
        this.set(openRooms());
      },
    });
    this.accepted = new Counter({
      name: 'samraad_updates_accepted_total',
      help: 'Document updates stored (each relayed only after it was stored)',
      registers,
    });
    this.refused = new Counter({
      name: 'samraad_updates_refused_total',
      help: 'Document updates refused, neither stored nor relayed, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.appendSeconds = new Histogram({
      name: 'samraad_append_duration_seconds',
      help: 'Time to commit one batch of updates to the database',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.fanoutLagSeconds = new Histogram({
      name: 'samraad_fanout_lag_seconds',
      help: 'Time from a batch being stored to it being sent to the room’s clients and published to the other instances',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    new Gauge({
      name: 'samraad_database_up',
      help: '1 when the database answered a trivial query within the health timeout',
      registers,
      async collect() {
        this.set((await readiness.databaseState()).state === 'up' ? 1 : 0);
      },
    });
    if (redisConfigured) {
      new Gauge({
        name: 'samraad_redis_up',
        help: '1 when Redis answered PING within the health timeout',
        registers,
        async collect() {
          this.set((await readiness.redisState()) === 'up' ? 1 : 0);
        },
      });
    }
  }

  connectionOpened(): void {
    this.connections.inc();
  }

  connectionClosed(): void {
    this.connections.dec();
  }

  updateRefused(reason: UpdateRefusal): void {
    this.refused.inc({ reason });
  }

  /** Handed to the rooms, which report their commits through it. */
  readonly rooms: RoomObserver = {
    stored: (updates, appendSeconds) => {
      this.accepted.inc(updates);
      this.appendSeconds.observe(appendSeconds);
    },
    relayed: (lagSeconds) => {
      this.fanoutLagSeconds.observe(lagSeconds);
    },
  };
}
