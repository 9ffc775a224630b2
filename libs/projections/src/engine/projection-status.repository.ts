import { sql, type Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { lagAfter, type Checkpoint } from '@factledger/event-store';
import type { ProjectionState } from './projection-definition';

/**
 * What a version is doing now. The advisory lock is the truth about
 * liveness: a live runner holds it, and PostgreSQL drops it with the
 * session of a killed one, whatever the checkpoint row still says.
 * - running: a live instance holds it and applies the log as it grows (lagEvents 0 when caught up);
 * - rebuilding: a live instance holds it and builds it beside the active version;
 * - stopped: no live instance holds it (stopped gracefully, killed, or not started yet); any instance may pick it up;
 * - failed: its apply threw; it stays stopped until resumed (lastError says at which event);
 * - retired: superseded by a newer version; never applied to again.
 */
export type ProjectionLiveState = 'running' | 'rebuilding' | 'stopped' | 'failed' | 'retired';

export function liveState(stored: ProjectionState, locked: boolean): ProjectionLiveState {
  if (stored === 'failed') return 'failed';
  if (stored === 'stopped') return 'retired';
  if (!locked) return 'stopped';
  return stored === 'rebuilding' ? 'rebuilding' : 'running';
}

export interface ProjectionStatus {
  name: string;
  version: number;
  /** The version readers use; null before the first set-up finished. */
  activeVersion: number | null;
  state: ProjectionLiveState;
  checkpoint: Checkpoint;
  /** Events the checkpoint has moved over (a decimal string, like positions). */
  eventsApplied: string;
  /** Committed events after the checkpoint, counted up to `lagCap`. */
  lagEvents: number;
  /** True when there are at least `lagCap` events to go: lagEvents is then a lower bound. */
  lagEventsCapped: boolean;
  /** recorded_at of the newest event minus that of the checkpoint's event; 0 when caught up. */
  lagSeconds: number;
  lastError: string | null;
  owner: string | null;
  /** Some session holds the version's lock right now: an owner is alive. */
  locked: boolean;
  updatedAt: Date;
}

interface Row {
  name: string;
  version: number;
  active_version: number | null;
  state: ProjectionState;
  transaction_id: string;
  position: string;
  events_applied: string;
  error: string | null;
  owner: string | null;
  updated_at: Date;
  locked: boolean;
}

export const DEFAULT_LAG_CAP = 100_000;

/**
 * Every projection version the engine knows, retired ones included. The lag
 * count walks the (transaction_id, position) index and stops at the cap: the
 * head position minus the checkpoint's would be wrong under that order.
 */
export async function projectionStatus(db: Kysely<EngineDb>, options: { lagCap?: number; name?: string } = {}): Promise<ProjectionStatus[]> {
  const cap = options.lagCap ?? DEFAULT_LAG_CAP;
  const { rows } = await sql<Row>`
    SELECT c.name, c.version, r.active_version, c.state, c.transaction_id::text AS transaction_id,
           c.position::text AS position, c.events_applied::text AS events_applied, c.error, c.owner, c.updated_at,
           EXISTS (
             SELECT 1 FROM pg_locks l
              WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('factledger.projection:' || c.name || ':v' || c.version, 0)
           ) AS locked
      FROM projection_checkpoints c
      LEFT JOIN projection_registry r ON r.name = c.name
     WHERE ${options.name ?? null}::text IS NULL OR c.name = ${options.name ?? null}::text
     ORDER BY c.name, c.version`.execute(db);
  // The lag is asked of the event store, one version at a time (a retired version has none).
  const lags = await Promise.all(
    rows.map((r) =>
      r.state === 'stopped' ? { events: 0, seconds: 0 } : lagAfter(db, { transactionId: r.transaction_id, position: r.position }, cap),
    ),
  );
  return rows.map((r, i) => ({
    name: r.name,
    version: r.version,
    activeVersion: r.active_version,
    state: liveState(r.state, r.locked),
    checkpoint: { transactionId: r.transaction_id, position: r.position },
    eventsApplied: r.events_applied,
    lagEvents: lags[i]!.events,
    lagEventsCapped: lags[i]!.events >= cap,
    lagSeconds: lags[i]!.seconds,
    lastError: r.error,
    owner: r.owner,
    locked: r.locked,
    updatedAt: r.updated_at,
  }));
}
