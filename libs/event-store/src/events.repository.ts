import { sql, type Kysely, type QueryExecutorProvider, type QueryResult } from 'kysely';
import { kyselyQuery, prepareAppend, runAppend, toAppendResult } from './append-call';
import type { EventStoreTables } from './event-store.table';
import { parseTimestamptz } from './timestamptz-text';
import type { DomainEvent, Upcaster } from '@factledger/shared';
import { type AppendResult, type Checkpoint, type ExpectedVersion, type LogEvent, type NewEvent, type RecordedEvent } from './event-store.types';
import { upcastEvents } from './upcast-events';
import type { LogOrder } from './log-order';

type Db = Kysely<EventStoreTables>;

export { streamTypeOf } from './append-call';

/**
 * Appends atomically in one round trip (see the `factledger_append` function).
 * Pass a transaction as `db` to append inside it; the caller then notifies
 * listeners after commit. PostgresEventStore.append groups concurrent appends.
 */
export async function appendToStream(
  db: Db,
  streamId: string,
  events: readonly NewEvent[],
  options: { expectedVersion?: ExpectedVersion; streamType?: string } = {},
): Promise<AppendResult> {
  const append = prepareAppend(streamId, events, options);
  // Inside a caller's transaction a unique violation has already aborted it: no second query.
  const row = await runAppend(kyselyQuery(db), append, !db.isTransaction);
  return toAppendResult(append, row);
}

/** recorded_at as its text, parsed by parseTimestamptz (pg's own parser was a tenth of a catch-up's Node time). */
const EVENT_COLUMNS = sql`position::text AS position, transaction_id::text AS transaction_id, stream_id, stream_version,
  event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at::text AS recorded_at`;

/** EVENT_COLUMNS, with data and metadata left out for the event types in `skip`. */
const eventColumnsSkipping = (skip: readonly string[]) => sql`position::text AS position, transaction_id::text AS transaction_id, stream_id,
  stream_version, event_id::text AS event_id, event_type, schema_version,
  CASE WHEN event_type = ANY (${skip}::text[]) THEN NULL ELSE data END AS data,
  CASE WHEN event_type = ANY (${skip}::text[]) THEN '{}'::jsonb ELSE metadata END AS metadata, recorded_at::text AS recorded_at`;

interface EventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: string;
}

export const toRecordedEvent = (r: EventRow): RecordedEvent => ({
  position: r.position,
  transactionId: r.transaction_id,
  streamId: r.stream_id,
  streamVersion: Number(r.stream_version),
  id: r.event_id,
  type: r.event_type,
  schemaVersion: r.schema_version,
  data: r.data,
  metadata: r.metadata,
  recordedAt: parseTimestamptz(r.recorded_at),
});

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** Only events recorded at or before this time: the stream as it was then. */
  recordedAtOrBefore?: Date;
  limit?: number;
}

export async function readStream(db: Db, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
  const { rows } = await sql<EventRow>`
    SELECT ${EVENT_COLUMNS} FROM events
     WHERE stream_id = ${streamId}
       AND stream_version >= ${options.fromVersion ?? 1}
       AND (${options.toVersion ?? null}::bigint IS NULL OR stream_version <= ${options.toVersion ?? null}::bigint)
       AND (${options.recordedAtOrBefore ?? null}::timestamptz IS NULL OR recorded_at <= ${options.recordedAtOrBefore ?? null}::timestamptz)
     ORDER BY events.stream_version
     ${options.limit === undefined ? sql`` : sql`LIMIT ${options.limit}`}`.execute(db);
  return rows.map(toRecordedEvent);
}

export async function streamVersion(db: Db, streamId: string): Promise<number> {
  const row = await db.selectFrom('streams').select('version').where('stream_id', '=', streamId).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

export interface ReadAllOptions {
  limit?: number;
  eventTypes?: readonly string[];
  streamIds?: readonly string[];
  /** Only up to this point of the log (inclusive). */
  until?: Checkpoint;
  /** Only events recorded at or after this time. */
  recordedFrom?: Date;
  /** Only events recorded before this time. */
  recordedBefore?: Date;
  /**
   * Events of these types come without their payload (data null, metadata {}):
   * for a reader that takes every event's place in the log but reads few
   * payloads (decoding the JSON is most of a log read's cost in Node).
   */
  skipPayloadOf?: readonly string[];
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Where the next page starts: the last event read, or `after` when none. */
  checkpoint: Checkpoint;
}

/**
 * One page of the global log after `after`, gap-safe: only transactions older
 * than every transaction still in flight are visible, so an event whose
 * position was handed out before a late commit can never be skipped.
 */
export async function readAllAfter(db: Db, after: Checkpoint, options: ReadAllOptions = {}): Promise<ReadAllPage> {
  const limit = options.limit ?? 500;
  const types = options.eventTypes?.length ? options.eventTypes : null;
  const streams = options.streamIds?.length ? options.streamIds : null;
  const until = options.until;
  const skip = options.skipPayloadOf?.length ? options.skipPayloadOf : null;
  const { rows } = await sql<EventRow>`
    SELECT ${skip ? eventColumnsSkipping(skip) : EVENT_COLUMNS} FROM events
     WHERE (transaction_id, position) > (${after.transactionId}::xid8, ${after.position}::bigint)
       AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       AND (${types}::text[] IS NULL OR event_type = ANY (${types}::text[]))
       AND (${streams}::text[] IS NULL OR stream_id = ANY (${streams}::text[]))
       ${until ? sql`AND (transaction_id, position) <= (${until.transactionId}::xid8, ${until.position}::bigint)` : sql``}
       ${options.recordedFrom ? sql`AND recorded_at >= ${options.recordedFrom}::timestamptz` : sql``}
       ${options.recordedBefore ? sql`AND recorded_at < ${options.recordedBefore}::timestamptz` : sql``}
     ORDER BY events.transaction_id, events.position -- qualified: the bare names are the ::text aliases
     LIMIT ${limit}`.execute(db);
  const events = rows.map(toRecordedEvent);
  const last = events.at(-1);
  return { events, checkpoint: last ? { transactionId: last.transactionId, position: last.position } : after };
}

/** The whole log after `after`, page by page, so memory stays flat at any size. */
export async function* streamAllAfter(db: Db, after: Checkpoint, options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
  let checkpoint = after;
  for (;;) {
    const page = await readAllAfter(db, checkpoint, options);
    yield* page.events;
    if (page.events.length < (options.limit ?? 500)) return;
    checkpoint = page.checkpoint;
  }
}

/** The highest committed position that gap-safe readers can see, and its time. */
export async function visibleHead(db: Db): Promise<{ checkpoint: Checkpoint | null; recordedAt: Date | null }> {
  const { rows } = await sql<{ transaction_id: string; position: string; recorded_at: Date }>`
    SELECT transaction_id::text AS transaction_id, position::text AS position, recorded_at FROM events
     WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1`.execute(db);
  const row = rows[0];
  return row
    ? { checkpoint: { transactionId: row.transaction_id, position: row.position }, recordedAt: row.recorded_at }
    : { checkpoint: null, recordedAt: null };
}

/** An event of the log with its number in log order from START (1, 2, 3 …). */
export interface NumberedLogEvent<E extends DomainEvent = DomainEvent> {
  logged: LogEvent<E>;
  n: number;
}

/**
 * The log from START to `order`'s last event (a checkpoint a gap-safe read
 * returned: every transaction up to it is settled, so any connection reads
 * the same events) stream by stream, for a subscriber that folds each
 * stream's whole history at once, e.g. a read model's first fill: chunks of
 * about `chunk` events (or, with `categories`, `chunk` streams of those
 * stream types only) holding whole streams, each in stream order, each event
 * numbered in log order by `order`. Pages follow the stream index, with no
 * sort of the log; the next is read on another of `db`'s connections while
 * the caller works on the chunk it was given.
 */
export async function* readLogByStream<E extends DomainEvent>(
  db: QueryExecutorProvider,
  order: LogOrder,
  upcast: Upcaster<E>,
  options: { chunk?: number; categories?: readonly string[] } = {},
): AsyncGenerator<NumberedLogEvent<E>[]> {
  const chunk = options.chunk ?? 20_000;
  const pages = options.categories ? categoryPages(db, order.last, options.categories, chunk) : streamPages(db, order.last, chunk);
  for await (const rows of readAhead(pages)) {
    yield upcastEvents(rows.map(toRecordedEvent), upcast).map((logged) => ({ logged, n: order.numberOf(logged.position) }));
  }
}

/** Every stream, by the (stream_id, stream_version) index: pages of `chunk` events cut after the last whole stream. */
async function* streamPages(db: QueryExecutorProvider, last: Checkpoint, chunk: number): AsyncGenerator<EventRow[]> {
  let after = { stream_id: '', stream_version: '0' };
  let carry: EventRow[] = [];
  for (;;) {
    const { rows }: QueryResult<EventRow> = await sql<EventRow>`
      SELECT ${EVENT_COLUMNS} FROM events
       WHERE (stream_id, stream_version) > (${after.stream_id}, ${after.stream_version}::bigint)
         AND (transaction_id, position) <= (${last.transactionId}::xid8, ${last.position}::bigint)
       ORDER BY events.stream_id, events.stream_version
       LIMIT ${chunk}`.execute(db);
    const held = carry.length > 0 ? carry.concat(rows) : rows;
    const tail = rows.at(-1);
    if (rows.length < chunk || !tail) {
      if (held.length > 0) yield held;
      return;
    }
    after = tail;
    // The last stream may go on in the next page: it waits for it (a stream longer than a page waits for several).
    let cut = held.length;
    while (cut > 0 && held[cut - 1]!.stream_id === tail.stream_id) cut--;
    carry = held.slice(cut);
    if (cut > 0) yield held.slice(0, cut);
  }
}

/** The streams of some types (the streams table's), `chunk` streams a page, with all their events up to `last`. */
async function* categoryPages(db: QueryExecutorProvider, last: Checkpoint, categories: readonly string[], chunk: number): AsyncGenerator<EventRow[]> {
  for (const category of categories) {
    let after = '';
    for (;;) {
      const { rows: streams } = await sql<{ stream_id: string }>`
        SELECT stream_id FROM streams WHERE stream_type = ${category} AND stream_id > ${after} ORDER BY stream_id LIMIT ${chunk}`.execute(db);
      if (streams.length === 0) break;
      after = streams.at(-1)!.stream_id;
      const { rows }: QueryResult<EventRow> = await sql<EventRow>`
        SELECT ${EVENT_COLUMNS} FROM events
         WHERE stream_id = ANY (${streams.map((s) => s.stream_id)}::text[])
           AND (transaction_id, position) <= (${last.transactionId}::xid8, ${last.position}::bigint)
         ORDER BY events.stream_id, events.stream_version`.execute(db);
      if (rows.length > 0) yield rows;
      if (streams.length < chunk) break;
    }
  }
}

/** Asks `pages` for the next page as soon as one is handed out, so it is read while the caller works. */
async function* readAhead<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next: Promise<IteratorResult<T>> = pages.next();
  try {
    for (;;) {
      const page = await next;
      if (page.done) return;
      next = pages.next();
      yield page.value;
    }
  } finally {
    // Left early (the caller failed or stopped): the read in flight is not awaited by anyone.
    next.catch(() => undefined);
  }
}
