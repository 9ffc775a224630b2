import { sql, type Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import type { Checkpoint } from '@factledger/event-store';
import type { ProjectionState } from './projection-definition';
import { readModelNoticeSql } from './read-model-notice';

export interface CheckpointRow {
  name: string;
  version: number;
  checkpoint: Checkpoint;
  state: ProjectionState;
  error: string | null;
  owner: string | null;
  eventsApplied: string;
  updatedAt: Date;
}

interface Row {
  name: string;
  version: number;
  transaction_id: string;
  position: string;
  state: ProjectionState;
  error: string | null;
  owner: string | null;
  events_applied: string;
  updated_at: Date;
}

const COLUMNS = sql`name, version, transaction_id::text AS transaction_id, position::text AS position, state, error, owner,
  events_applied::text AS events_applied, updated_at`;

const toCheckpointRow = (r: Row): CheckpointRow => ({
  name: r.name,
  version: r.version,
  checkpoint: { transactionId: r.transaction_id, position: r.position },
  state: r.state,
  error: r.error,
  owner: r.owner,
  eventsApplied: r.events_applied,
  updatedAt: r.updated_at,
});

const affected = (result: { numAffectedRows?: bigint }): number => Number(result.numAffectedRows ?? 0n);

const now = sql<Date>`now()`;

/** The version's row while this owner runs it (running or rebuilding): what only its owner may change. */
const ownedActive = (db: Kysely<EngineDb>, target: { name: string; version: number; owner: string }) =>
  db
    .updateTable('projection_checkpoints')
    .where('name', '=', target.name)
    .where('version', '=', target.version)
    .where('owner', '=', target.owner)
    .where('state', 'in', ['running', 'rebuilding']);

export async function loadCheckpoint(
  db: Kysely<EngineDb>,
  name: string,
  version: number,
  options: { forUpdate?: boolean } = {},
): Promise<CheckpointRow | null> {
  const { rows } = await sql<Row>`
    SELECT ${COLUMNS} FROM projection_checkpoints WHERE name = ${name} AND version = ${version}
    ${options.forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ? toCheckpointRow(rows[0]) : null;
}

export async function insertCheckpoint(db: Kysely<EngineDb>, name: string, version: number, state: ProjectionState): Promise<void> {
  await db.insertInto('projection_checkpoints').values({ name, version, state }).execute();
}

/** Takes ownership after winning the lock; a failed or retired version is left alone. */
export async function claimCheckpoint(
  db: Kysely<EngineDb>,
  name: string,
  version: number,
  owner: string,
  state: 'running' | 'rebuilding',
): Promise<CheckpointRow | null> {
  const { rows } = await sql<Row>`
    UPDATE projection_checkpoints SET state = ${state}, owner = ${owner}, updated_at = now()
     WHERE name = ${name} AND version = ${version} AND state NOT IN ('failed', 'stopped')
    RETURNING ${COLUMNS}`.execute(db);
  return rows[0] ? toCheckpointRow(rows[0]) : null;
}

/**
 * Compare-and-set: moves the checkpoint only from where this owner left it.
 * Run first in the batch transaction, so the row lock is held while the
 * batch applies and a concurrent reset or version switch waits for it.
 * Returns the row's state after the move, or null when fenced. A version
 * readers use (running) must announce the move (announceAdvance) in the same
 * transaction, once it knows what the batch touched: delivered at commit.
 */
export async function advanceCheckpoint(
  db: Kysely<EngineDb>,
  target: { name: string; version: number; owner: string },
  from: Checkpoint,
  to: Checkpoint,
  eventCount: number,
  state?: 'running',
): Promise<'running' | 'rebuilding' | null> {
  const { rows } = await sql<{ state: 'running' | 'rebuilding' }>`
    UPDATE projection_checkpoints
       SET transaction_id = ${to.transactionId}::xid8, position = ${to.position}::bigint,
           events_applied = events_applied + ${eventCount}, state = coalesce(${state ?? null}, state), updated_at = now()
     WHERE name = ${target.name} AND version = ${target.version} AND owner = ${target.owner}
       AND state IN ('running', 'rebuilding')
       AND transaction_id = ${from.transactionId}::xid8 AND position = ${from.position}::bigint
    RETURNING state`.execute(db);
  return rows[0]?.state ?? null;
}

export async function markFailed(db: Kysely<EngineDb>, target: { name: string; version: number; owner: string }, error: string): Promise<boolean> {
  const result = await ownedActive(db, target).set({ state: 'failed', error, updated_at: now }).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Graceful stop: nobody runs it now, but any instance may pick it up. */
export async function releaseCheckpoint(db: Kysely<EngineDb>, target: { name: string; version: number; owner: string }): Promise<void> {
  await ownedActive(db, target).set({ state: 'idle', owner: null, updated_at: now }).execute();
}

/** A superseded version: no runner will apply to it again. */
export async function retireVersion(db: Kysely<EngineDb>, name: string, version: number): Promise<void> {
  await db
    .updateTable('projection_checkpoints')
    .set({ state: 'stopped', owner: null, updated_at: now })
    .where('name', '=', name)
    .where('version', '=', version)
    .execute();
}

/**
 * Clears a failure so the runner holding the lock retries from the unchanged
 * checkpoint (after the fix is deployed). Returns how many versions resumed.
 */
export async function resumeProjection(db: Kysely<EngineDb>, name: string, version?: number): Promise<number> {
  const result = await sql`
    UPDATE projection_checkpoints SET state = 'idle', error = NULL, updated_at = now()
     WHERE name = ${name} AND state = 'failed' AND (${version ?? null}::integer IS NULL OR version = ${version ?? null}::integer)`.execute(db);
  return affected(result);
}

/** Retired versions whose schemas may still exist (a crash between switch and drop). */
export async function retiredVersions(db: Kysely<EngineDb>, name: string, olderThanMs: number): Promise<number[]> {
  const { rows } = await sql<{ version: number }>`
    SELECT version FROM projection_checkpoints
     WHERE name = ${name} AND state = 'stopped' AND updated_at < now() - make_interval(secs => ${olderThanMs / 1000})`.execute(db);
  return rows.map((r) => r.version);
}

/** Back to START for a rebuild in place; locks the row first, so a batch in flight finishes before. */
export async function rewindCheckpoint(db: Kysely<EngineDb>, name: string, version: number): Promise<void> {
  await sql`
    UPDATE projection_checkpoints
       SET transaction_id = '0', position = 0, events_applied = 0, state = 'idle', error = NULL, updated_at = now()
     WHERE name = ${name} AND version = ${version}`.execute(db);
  // Readers of this version see it empty from the commit on.
  await sql`SELECT ${readModelNoticeSql(name, version, '0', 'reset')}`.execute(db);
}

export async function deleteCheckpoint(db: Kysely<EngineDb>, name: string, version: number): Promise<void> {
  await db.deleteFrom('projection_checkpoints').where('name', '=', name).where('version', '=', version).execute();
}
