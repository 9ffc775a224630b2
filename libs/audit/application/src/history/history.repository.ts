import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import {
  compareCheckpoints,
  findEventRef,
  readAllAfter,
  readStream,
  streamVersion,
  visibleHead,
  type Checkpoint,
  type RecordedEvent,
} from '@factledger/event-store';

type Db = Kysely<AuditDb>;

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

/** The leaf that seals each of these positions (a position not sealed yet is absent). */
async function leafIndexesAt(db: Db, positions: readonly string[]): Promise<Map<string, number>> {
  if (positions.length === 0) return new Map();
  const { rows } = await sql<{ position: string; leaf_index: string }>`
    SELECT position::text AS position, leaf_index::text AS leaf_index FROM audit_leaves WHERE position = ANY (${sql.val([...positions])}::bigint[])`.execute(
    db,
  );
  return new Map(rows.map((r) => [r.position, Number(r.leaf_index)]));
}

/** The events with their leaves: the log is read through the event store, the leaves here. */
async function withLeaves(db: Db, events: readonly RecordedEvent[]): Promise<LogEvent[]> {
  const leaves = await leafIndexesAt(
    db,
    events.map((e) => e.position),
  );
  return events.map((e) => ({ ...e, leafIndex: leaves.get(e.position) ?? null }));
}

const hasFilter = (f: LogFilter) => Boolean(f.streamIds?.length || f.eventTypes?.length || f.from || f.to);

/**
 * One page of the global log after `after`, gap-safe like readAllAfter (only
 * transactions older than every one still in flight), with the audit leaf of
 * each event. `until` bounds the range (inclusive).
 */
export async function readLog(db: Db, after: Checkpoint, options: LogFilter & { limit: number; until?: Checkpoint }): Promise<LogPage> {
  // Everything up to the head seen *before* the read is final, so a short filtered page may skip to it.
  const head = hasFilter(options) && !options.until ? (await visibleHead(db)).checkpoint : null;
  const { events: rows } = await readAllAfter(db, after, {
    limit: options.limit + 1,
    eventTypes: options.eventTypes,
    streamIds: options.streamIds,
    until: options.until,
    recordedFrom: options.from,
    recordedBefore: options.to,
  });
  const hasMore = rows.length > options.limit;
  const events = await withLeaves(db, rows.slice(0, options.limit));
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
  if ((await streamVersion(db, streamId)) === 0) return null;
  const rows = await readStream(db, streamId, { fromVersion: afterVersion + 1, limit: limit + 1 });
  return { events: await withLeaves(db, rows.slice(0, limit)), hasMore: rows.length > limit };
}

/** Where an event sits in the tree. `eventId` is null when the event row is gone (only a bypassed trigger does that). */
export interface EventLeafRef {
  eventId: string | null;
  position: string;
  leafIndex: number | null;
}

export async function findEventLeaf(db: Db, by: { eventId: string } | { position: string } | { leafIndex: number }): Promise<EventLeafRef | null> {
  if ('leafIndex' in by) {
    const leaf = await db.selectFrom('audit_leaves').select('position').where('leaf_index', '=', String(by.leafIndex)).executeTakeFirst();
    const position = leaf?.position;
    if (position === undefined) return null;
    return { eventId: (await findEventRef(db, { position }))?.eventId ?? null, position, leafIndex: by.leafIndex };
  }
  const ref = await findEventRef(db, by);
  const position = ref?.position ?? ('position' in by ? by.position : null);
  if (position === null) return null;
  const leafIndex = (await leafIndexesAt(db, [position])).get(position) ?? null;
  // A leaf whose event row is gone (only a bypassed trigger does that) is still found by its position.
  if (!ref && leafIndex === null) return null;
  return { eventId: ref?.eventId ?? null, position, leafIndex };
}
