import { sql, type ColumnType, type RawBuilder } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import type { LogEvent, NumberedLogEvent } from '@factledger/event-store';
import type { LedgerEvent } from '@factledger/ledger-domain';
import { isoTimestamp } from './batch-rows';

/**
 * Every read model numbers the events it applies 1, 2, 3 … in log order
 * (transaction id, position): the `seq`. Belief periods are ranges of seq,
 * because positions are handed out before commit and so are not in log order
 * under concurrent writers, while a prefix of the log in log order never
 * changes once read. The numbering is the same in every read model and in
 * every rebuild, as each one applies every event of the log.
 */
export interface LedgerCursor {
  /** Events applied so far; the seq of the last one. */
  seq: string;
  /** Position and recorded time of the last applied event ('0' and null before any). */
  position: string;
  recordedAt: string | null;
  /** Latest recorded_at among all applied events (recorded_at is not monotone in log order). */
  recordedMax: string | null;
}

/** An event of the log as the read models fold it. */
export interface SeqEvent {
  /** Its place in the log (position, stream version, metadata). */
  logged: LogEvent<LedgerEvent>;
  /** The ledger event, upcast by the store; null for the log's other events, which only take a seq. */
  event: LedgerEvent | null;
  seq: string;
  recordedAt: string;
}

/** A SeqEvent of a batch, which also indexes the log: the running maximum of recorded_at up to it. */
export interface NumberedEvent extends SeqEvent {
  recordedMax: string;
}

/** Every read model's single-row cursor: the last seq it numbered and where. */
export interface CursorTable {
  singleton: ColumnType<true, never, never>;
  seq: ColumnType<string, string, string>;
  position: ColumnType<string, string, string>;
  recorded_at: Date | null;
  recorded_max: Date | null;
}

export async function createCursorTable(db: SqlConnection, schema: string): Promise<void> {
  await sql`
    CREATE TABLE ${sql.id(schema, 'cursor')} (
      singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      seq          bigint NOT NULL,
      position     bigint NOT NULL,
      recorded_at  timestamptz(3),
      recorded_max timestamptz(3)
    )`.execute(db);
  await sql`INSERT INTO ${sql.id(schema, 'cursor')} (seq, position) VALUES (0, 0)`.execute(db);
}

export async function loadCursor(db: SqlConnection, schema: string): Promise<LedgerCursor> {
  const { rows } = await sql<LedgerCursor>`
    SELECT seq::text AS seq, position::text AS position, ${isoTimestamp(sql.ref('recorded_at'))} AS "recordedAt",
           ${isoTimestamp(sql.ref('recorded_max'))} AS "recordedMax"
      FROM ${sql.id(schema, 'cursor')}`.execute(db);
  return rows[0]!;
}

/** A SELECT of one read model's head: (name, seq, position, recordedAt), to UNION with others in one round trip. */
export const cursorHeadSelect = (name: string, schema: string): RawBuilder<unknown> =>
  sql`SELECT ${name}::text AS name, seq::text AS seq, position::text AS position, ${isoTimestamp(sql.ref('recorded_at'))} AS "recordedAt" FROM ${sql.id(schema, 'cursor')}`;

/** Numbers a batch after the cursor and moves the cursor to its last event. */
export async function numberBatch(db: SqlConnection, schema: string, events: readonly LogEvent<LedgerEvent>[]): Promise<NumberedEvent[]> {
  const cursor = await loadCursor(db, schema);
  const numbered = numberEvents(cursor, events);
  const last = numbered.at(-1);
  if (last)
    await moveCursor(db, schema, { seq: last.seq, position: last.logged.position, recordedAt: last.recordedAt, recordedMax: last.recordedMax });
  return numbered;
}

/** Sets the cursor to the last event applied (a batch's, or a first fill's: the whole log's up to it). */
export async function moveCursor(
  db: SqlConnection,
  schema: string,
  to: { seq: string | number; position: string; recordedAt: string | Date | null; recordedMax: string | Date | null },
): Promise<void> {
  await sql`
    UPDATE ${sql.id(schema, 'cursor')}
       SET seq = ${String(to.seq)}::bigint, position = ${to.position}::bigint,
           recorded_at = ${to.recordedAt}::timestamptz, recorded_max = ${to.recordedMax}::timestamptz`.execute(db);
}

export function numberEvents(cursor: Pick<LedgerCursor, 'seq' | 'recordedMax'>, events: readonly LogEvent<LedgerEvent>[]): NumberedEvent[] {
  let seq = BigInt(cursor.seq);
  let recordedMax = cursor.recordedMax;
  return events.map((logged) => {
    const recordedAt = logged.recordedAt.toISOString();
    // ISO strings of one format compare like the instants they name.
    if (recordedMax === null || recordedAt > recordedMax) recordedMax = recordedAt;
    seq += 1n;
    return { logged, event: logged.event, seq: seq.toString(), recordedAt, recordedMax };
  });
}

/** A first fill's chunk (whole streams, read stream by stream, numbered by the store's LogOrder) as the folds take events. */
export const seqEvents = (chunk: readonly NumberedLogEvent<LedgerEvent>[]): SeqEvent[] =>
  chunk.map(({ logged, n }) => ({ logged, event: logged.event, seq: String(n), recordedAt: logged.recordedAt.toISOString() }));
