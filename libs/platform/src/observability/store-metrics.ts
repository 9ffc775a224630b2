import type pg from 'pg';
import { EventIdConflictError, VersionConflictError, type EventStore } from '@factledger/event-store';
import type { MetricsRegistry } from './metrics-registry';

/**
 * The store with its appends measured: duration, events written, conflicts
 * (expected version, reused event ids) and idempotent replays (every event id
 * already stored: the original result, nothing written). A decorator, so the
 * event store itself stays free of metrics.
 */
export function measuredEventStore(store: EventStore, metrics: MetricsRegistry): EventStore {
  const duration = metrics.histogram({
    name: 'factledger_append_duration_seconds',
    help: 'Append duration (group commit included), by outcome',
    labelNames: ['outcome'] as const,
  });
  const events = metrics.counter({ name: 'factledger_appended_events_total', help: 'Events written to the log by this process' });
  const conflicts = metrics.counter({
    name: 'factledger_append_conflicts_total',
    help: 'Appends refused: version (expected version moved on) or event_id (ids stored elsewhere)',
    labelNames: ['kind'] as const,
  });
  const replays = idempotentReplays(metrics);
  const measured: EventStore = Object.create(store) as EventStore;
  measured.append = async (streamId, newEvents, options) => {
    const end = duration.startTimer();
    try {
      const result = await store.append(streamId, newEvents, options);
      end({ outcome: result.duplicate ? 'replay' : 'written' });
      if (result.duplicate) replays.inc({ via: 'store' });
      else events.inc(newEvents.length);
      return result;
    } catch (e) {
      const kind = e instanceof VersionConflictError ? 'version' : e instanceof EventIdConflictError ? 'event_id' : null;
      end({ outcome: kind ? 'conflict' : 'error' });
      if (kind) conflicts.inc({ kind });
      throw e;
    }
  };
  return measured;
}

/** Retried writes answered without writing: `store` (every event id already stored), `idempotency_key` (the API replayed the stored response). */
export const idempotentReplays = (metrics: MetricsRegistry) =>
  metrics.counter({
    name: 'factledger_append_idempotent_replays_total',
    help: 'Retried writes answered without writing anything, by how they were recognised (store, idempotency_key)',
    labelNames: ['via'] as const,
  });

/** Connections of a pg pool, read at scrape time. */
export function measurePool(metrics: MetricsRegistry, pool: pg.Pool, name: string, max: number): void {
  const state = POOLS.get(metrics) ?? new Map<string, { pool: pg.Pool; max: number }>();
  POOLS.set(metrics, state);
  state.set(name, { pool, max });
  metrics.gauge({
    name: 'factledger_db_pool_connections',
    help: 'PostgreSQL pool connections by state: idle, active (checked out), max (the pool size)',
    labelNames: ['pool', 'state'] as const,
    collect() {
      for (const [pool, p] of state) {
        this.set({ pool, state: 'idle' }, p.pool.idleCount);
        this.set({ pool, state: 'active' }, p.pool.totalCount - p.pool.idleCount);
        this.set({ pool, state: 'max' }, p.max);
      }
    },
  });
  metrics.gauge({
    name: 'factledger_db_pool_waiting_requests',
    help: 'Queries waiting for a free PostgreSQL connection',
    labelNames: ['pool'] as const,
    collect() {
      for (const [pool, p] of state) this.set({ pool }, p.pool.waitingCount);
    },
  });
}

const POOLS = new WeakMap<MetricsRegistry, Map<string, { pool: pg.Pool; max: number }>>();
