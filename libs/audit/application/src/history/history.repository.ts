import { sql, type Kysely } from 'kysely';
import { compareCheckpoints, toRecordedEvent, visibleHead, type Checkpoint, type RecordedEvent } from '@factledger/event-store';

type Db = Kysely<any>;

/** A recorded event and the leaf that seals it (null until the sealer gets to it). */
export interface LogEvent extends RecordedEvent {
  leafIndex: number | null;
}

export interface LogFilter {
  streamIds?: readonly string[];
  eventTypes?: readonly string[];
  /** recorded_at ≥ from */
  from?: Date;
  /** recorded_at < to */
  to?: Date;
}

export interface LogPage {
  events: LogEvent[];
  /** More events matched than fit the page. */
  hasMore: boolean;
  /** Where the next page starts. Past the last event when filters skipped the rest of the visible log. */
  next: Checkpoint;
}

const COLUMNS = sql`e.position::text AS position, e.transaction_id::text AS transaction_id, e.stream_id, e.stream_version,
  e.event_id::text AS event_id, e.event_type, e.schema_version, e.data, e.metadata, e.recorded_at, l.leaf_index::text AS leaf_index`;

type Row = Parameters<typeof toRecordedEvent>[0] & { leaf_index: string | null };

const toLogEvent = (r: Row): LogEvent => ({ ...toRecordedEvent(r), leafIndex: r.leaf_index === null ? null : Number(r.leaf_index) });

const hasFilter = (f: LogFilter) => Boolean(f.streamIds?.length || f.eventTypes?.length || f.from || f.to);

/**
 * One page of the global log after `after`, gap-safe like readAllAfter (only
 * transactions older than every one still in flight), with the audit leaf of
 * each event. `until` bounds the range (inclusive).
 */
export async function readLog(db: Db, after: Checkpoint, options: LogFilter & { limit: number; until?: Checkpoint }): Promise<LogPage> {
  const types = options.eventTypes?.length ? options.eventTypes : null;
  const streams = options.streamIds?.length ? options.streamIds : null;
  const until = options.until ?? null;
  // Everything up to the head seen *before* the read is final, so a short filtered page may skip to it.
  const head = hasFilter(options) && !until ? (await visibleHead(db)).checkpoint : null;
  const { rows } = await sql<Row>`
    SELECT ${COLUMNS} FROM events e LEFT JOIN audit_leaves l ON l.position = e.position
     WHERE (e.transaction_id, e.position) > (${after.transactionId}::xid8, ${after.position}::bigint)
       AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       AND (${until?.transactionId ?? null}::xid8 IS NULL
            OR (e.transaction_id, e.position) <= (${until?.transactionId ?? null}::xid8, ${until?.position ?? null}::bigint))
       AND (${types}::text[] IS NULL OR e.event_type = ANY (${types}::text[]))
       AND (${streams}::text[] IS NULL OR e.stream_id = ANY (${streams}::text[]))
       AND (${options.from ?? null}::timestamptz IS NULL OR e.recorded_at >= ${options.from ?? null}::timestamptz)
       AND (${options.to ?? null}::timestamptz IS NULL OR e.recorded_at < ${options.to ?? null}::timestamptz)
     ORDER BY e.transaction_id, e.position
     LIMIT ${options.limit + 1}`.execute(db);
  const hasMore = rows.length > options.limit;
  const events = rows.slice(0, options.limit).map(toLogEvent);
  const last = events.at(-1);
  let next: Checkpoint = last ? { transactionId: last.transactionId, position: last.position } : after;
  if (!hasMore && head && compareCheckpoints(head, next) > 0) next = head;
  return { events, hasMore, next };
}

export interface StreamPage {
  events: LogEvent[];
  hasMore: boolean;
}

/** A stream's events after `afterVersion`, in version order; null when the stream does not exist. */
export async function readStreamPage(db: Db, streamId: string, afterVersion: number, limit: number): Promise<StreamPage | null> {
  const { rows: streams } = await sql`SELECT 1 FROM streams WHERE stream_id = ${streamId}`.execute(db);
  if (streams.length === 0) return null;
  const { rows } = await sql<Row>`
    SELECT ${COLUMNS} FROM events e LEFT JOIN audit_leaves l ON l.position = e.position
     WHERE e.stream_id = ${streamId} AND e.stream_version > ${afterVersion}
     ORDER BY e.stream_version
     LIMIT ${limit + 1}`.execute(db);
  return { events: rows.slice(0, limit).map(toLogEvent), hasMore: rows.length > limit };
}

/** Where an event sits in the tree. `eventId` is null when the event row is gone (only a bypassed trigger does that). */
export interface EventLeafRef {
  eventId: string | null;
  position: string;
  leafIndex: number | null;
}

type RefRow = { event_id: string | null; position: string; leaf_index: string | null };

export async function findEventLeaf(db: Db, by: { eventId: string } | { position: string } | { leafIndex: number }): Promise<EventLeafRef | null> {
  const query =
    'eventId' in by
      ? sql<RefRow>`SELECT e.event_id::text AS event_id, e.position::text AS position, l.leaf_index::text AS leaf_index
                      FROM events e LEFT JOIN audit_leaves l ON l.position = e.position WHERE e.event_id = ${by.eventId}::uuid`
      : 'position' in by
        ? sql<RefRow>`SELECT e.event_id::text AS event_id, e.position::text AS position, l.leaf_index::text AS leaf_index
                        FROM events e LEFT JOIN audit_leaves l ON l.position = e.position WHERE e.position = ${by.position}::bigint
                      UNION ALL
                      SELECT NULL, l.position::text, l.leaf_index::text FROM audit_leaves l
                       WHERE l.position = ${by.position}::bigint AND NOT EXISTS (SELECT 1 FROM events e WHERE e.position = l.position)`
        : sql<RefRow>`SELECT e.event_id::text AS event_id, l.position::text AS position, l.leaf_index::text AS leaf_index
                        FROM audit_leaves l LEFT JOIN events e ON e.position = l.position WHERE l.leaf_index = ${by.leafIndex}`;
  const row = (await query.execute(db)).rows[0];
  return row ? { eventId: row.event_id, position: row.position, leafIndex: row.leaf_index === null ? null : Number(row.leaf_index) } : null;
}
