import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import type { Checkpoint } from './event-store.types';

/**
 * Raw SQL on the log (xid8 snapshots, counts): any connection runs it, a
 * Kysely of any schema or a transaction, so a subscriber's own typed
 * connection asks these without narrowing it.
 */
type Db = QueryExecutorProvider;

/** Events after a checkpoint, counted on the (transaction_id, position) index; stops at `cap` when given. */
export async function countEventsAfter(db: Db, after: Checkpoint, cap?: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM (
      SELECT 1 FROM events
       WHERE (transaction_id, position) > (${after.transactionId}::xid8, ${after.position}::bigint)
       ${cap === undefined ? sql`` : sql`LIMIT ${cap}`}
    ) after_checkpoint`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Committed events after the checkpoint exist, even if an older transaction still hides them from gap-safe reads. */
export async function hasEventsAfter(db: Db, after: Checkpoint): Promise<boolean> {
  const { rows } = await sql<{ pending: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM events WHERE (transaction_id, position) > (${after.transactionId}::xid8, ${after.position}::bigint)
    ) AS pending`.execute(db);
  return rows[0]?.pending === true;
}

/** Committed events that gap-safe readers cannot see yet (an older transaction is still open somewhere). */
export async function countHiddenEvents(db: Db): Promise<number> {
  const { rows } = await sql<{ hidden: string }>`
    SELECT count(*) FILTER (WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot()))::text AS hidden FROM events`.execute(db);
  return Number(rows[0]?.hidden ?? 0);
}

/**
 * How far a subscriber at `after` is behind: events after it (up to `cap`),
 * and seconds between the event it stands at (else the first event) and the
 * latest one; 0 and 0 when it is caught up.
 */
export async function lagAfter(db: Db, after: Checkpoint, cap: number): Promise<{ events: number; seconds: number }> {
  const { rows } = await sql<{ events: number; seconds: string | null }>`
    WITH lag AS (
      SELECT count(*)::integer AS events FROM (
        SELECT 1 FROM events e WHERE (e.transaction_id, e.position) > (${after.transactionId}::xid8, ${after.position}::bigint) LIMIT ${cap}
      ) after_checkpoint
    )
    SELECT lag.events,
           CASE WHEN lag.events = 0 THEN 0
                ELSE greatest(0, extract(epoch FROM
                  (SELECT e.recorded_at FROM events e ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1) - coalesce(
                  (SELECT e.recorded_at FROM events e WHERE e.position = ${after.position}::bigint),
                  (SELECT e.recorded_at FROM events e ORDER BY e.transaction_id, e.position LIMIT 1)))) END AS seconds
      FROM lag`.execute(db);
  return { events: rows[0]?.events ?? 0, seconds: Number(rows[0]?.seconds ?? 0) };
}

/** Position of the latest event; null for an empty log. */
export async function headPosition(db: Db): Promise<string | null> {
  const { rows } = await sql<{ head: string | null }>`SELECT max(position)::text AS head FROM events`.execute(db);
  return rows[0]?.head ?? null;
}

/** The writing transaction of the event at `position`; null when there is none. */
export async function transactionIdAt(db: Db, position: string): Promise<string | null> {
  const { rows } = await sql<{
    transaction_id: string;
  }>`SELECT transaction_id::text AS transaction_id FROM events WHERE position = ${position}::bigint`.execute(db);
  return rows[0]?.transaction_id ?? null;
}

/**
 * Whether the event at `position` is at or before the one at `reached` in log order (transaction id, position);
 * false when either is not (yet) in `db`'s log, e.g. a replica that has not replayed it.
 */
export async function logOrderReached(db: Db, reached: string, position: string): Promise<boolean> {
  const { rows } = await sql<{ reached: boolean }>`
    SELECT (r.transaction_id, r.position) >= (p.transaction_id, p.position) AS reached
      FROM events r, events p
     WHERE r.position = ${reached}::bigint AND p.position = ${position}::bigint`.execute(db);
  return rows[0]?.reached === true;
}

/** An event's id and position, found by either. */
export interface EventRef {
  eventId: string;
  position: string;
}

export async function findEventRef(db: Db, by: { eventId: string } | { position: string }): Promise<EventRef | null> {
  const where = 'eventId' in by ? sql`event_id = ${by.eventId}::uuid` : sql`position = ${by.position}::bigint`;
  const { rows } = await sql<{ event_id: string; position: string }>`
    SELECT event_id::text AS event_id, position::text AS position FROM events WHERE ${where}`.execute(db);
  const row = rows[0];
  return row ? { eventId: row.event_id, position: row.position } : null;
}

/** What a lookup by id answers: enough to upcast it (`upcast(stored)`) and to place it in its stream. */
export interface StoredEvent {
  id: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** The stored events among these ids (a lookup by the unique event id). */
export async function eventsByIds(db: Db, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<StoredEvent>`
    SELECT event_id::text AS id, stream_id AS "streamId", event_type AS type, schema_version AS "schemaVersion", data
      FROM events WHERE event_id = ANY(${sql.val([...ids])}::uuid[]) ORDER BY position`.execute(db);
  return rows;
}

/**
 * The events from `first` to `last` (both included, in log order) as a
 * relation to compose into a statement (not run here): `position`,
 * `recorded_at`, `n` (1, 2, 3 … in log order) and `recorded_max` (the running
 * maximum of recorded_at). A subscriber that has read that span (a gap-safe
 * page: every transaction in it is settled) can derive per-event rows from it
 * in SQL without sending them back.
 */
export const logSpan = (first: Checkpoint, last: Checkpoint): RawBuilder<unknown> => sql`
  SELECT e.position, e.recorded_at, row_number() OVER w AS n, max(e.recorded_at) OVER w AS recorded_max
    FROM events e
   WHERE (e.transaction_id, e.position) >= (${first.transactionId}::xid8, ${first.position}::bigint)
     AND (e.transaction_id, e.position) <= (${last.transactionId}::xid8, ${last.position}::bigint)
  WINDOW w AS (ORDER BY e.transaction_id, e.position ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
