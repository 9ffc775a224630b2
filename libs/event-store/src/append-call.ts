import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import { invalid } from '@factledger/shared';
import { EventIdConflictError, VersionConflictError } from './event-store.errors';
import type { AppendResult, ExpectedVersion, NewEvent } from './event-store.types';

/** An append validated and serialised once, ready to send alone or in a group. */
export interface PreparedAppend {
  streamId: string;
  streamType: string;
  expected: ExpectedVersion;
  count: number;
  /** The events as factledger_append's jsonb argument. */
  eventsJson: string;
}

/** One row of factledger_append / factledger_append_checked (bigints as strings). */
export interface AppendRow {
  status: 'ok' | 'duplicate' | 'conflict' | 'id_conflict';
  stream_version: string;
  first_position: string | null;
  last_position: string | null;
  transaction_id: string | null;
}

/** Runs one statement and returns its rows; a pool or Kysely (possibly a transaction) underneath. */
export type AppendQuery = <Row>(name: string, text: string, values: unknown[]) => Promise<Row[]>;

export const APPEND_SQL = 'SELECT * FROM factledger_append($1, $2, $3, $4::jsonb)';
const APPEND_CHECKED_SQL = 'SELECT * FROM factledger_append_checked($1, $2, $3, $4::jsonb)';

/** `figure-1234` → `figure`: the stream type is the id's prefix. */
export const streamTypeOf = (streamId: string): string => streamId.split('-', 1)[0]!;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schemaVersionOf = (e: NewEvent): number => e.schemaVersion ?? Number(/\.v(\d+)$/.exec(e.type)?.[1] ?? 1);

function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): void {
  if (!streamId || streamId.length > 200) throw invalid('stream.invalid_append', 'Stream id must be 1 to 200 characters');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw invalid('stream.invalid_append', `Expected version ${expected} is not a non-negative integer`);
  }
  // A Set only when there can be a repeat: most appends carry one event.
  const ids = events.length > 1 ? new Set<string>() : null;
  for (const e of events) {
    if (!UUID.test(e.id)) throw invalid('stream.invalid_append', `Event id "${e.id}" is not a uuid`);
    if (!e.type) throw invalid('stream.invalid_append', 'Event type must not be empty');
    if (ids) {
      const id = e.id.toLowerCase();
      if (ids.has(id)) throw invalid('stream.invalid_append', `Event id ${e.id} appears twice in one append`);
      ids.add(id);
    }
  }
}

export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  options: { expectedVersion?: ExpectedVersion; streamType?: string },
): PreparedAppend {
  const expected = options.expectedVersion ?? 'any';
  validateAppend(streamId, events, expected);
  const eventsJson = JSON.stringify(
    events.map((e) => ({ id: e.id, type: e.type, schemaVersion: schemaVersionOf(e), data: e.data, metadata: e.metadata ?? {} })),
  );
  return { streamId, streamType: options.streamType ?? streamTypeOf(streamId), expected, count: events.length, eventsJson };
}

/** The row as the caller's result, or its typed error. */
export function toAppendResult(append: PreparedAppend, row: AppendRow): AppendResult {
  const version = Number(row.stream_version);
  if (row.status === 'conflict') throw new VersionConflictError(append.streamId, append.expected, version);
  if (row.status === 'id_conflict') throw new EventIdConflictError(append.streamId);
  return {
    streamId: append.streamId,
    streamVersion: version,
    firstPosition: row.first_position,
    lastPosition: row.last_position,
    transactionId: row.transaction_id,
    duplicate: row.status === 'duplicate',
  };
}

const isEventIdViolation = (e: unknown): boolean =>
  (e as { code?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'events_event_id_key';

/**
 * One append, one round trip. The fast path skips the id probe, so an id
 * stored before surfaces as a unique violation; then (rare: a client bug or
 * a reused id) a second call runs the full checks for the exact status,
 * `duplicate` or `id_conflict`, unless `recheck` is off (inside a caller's
 * transaction, which the violation has aborted).
 */
export async function runAppend(query: AppendQuery, append: PreparedAppend, recheck = true): Promise<AppendRow> {
  const values = [append.streamId, append.streamType, String(append.expected), append.eventsJson];
  try {
    return (await query<AppendRow>('factledger_append', APPEND_SQL, values))[0]!;
  } catch (e) {
    if (!isEventIdViolation(e)) throw e;
    if (!recheck) throw new EventIdConflictError(append.streamId);
    return (await query<AppendRow>('factledger_append_checked', APPEND_CHECKED_SQL, values))[0]!;
  }
}

/** Through Kysely (or one of its transactions), precompiled: no query builder on the hot path. */
export const kyselyQuery =
  <DB>(db: Kysely<DB>): AppendQuery =>
  async <Row>(_name: string, text: string, values: unknown[]) =>
    (await db.executeQuery<Row>(CompiledQuery.raw(text, values))).rows;

/** Straight through a pg pool, as named (per-connection prepared) statements: parsed and planned once. */
export const poolQuery =
  (pool: pg.Pool): AppendQuery =>
  async <Row>(name: string, text: string, values: unknown[]) =>
    (await pool.query<Row & pg.QueryResultRow>({ name, text, values })).rows;
