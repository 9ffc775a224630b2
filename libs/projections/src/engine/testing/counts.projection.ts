import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../projection.tables';
import { appendToStream, type LogEvent } from '@factledger/event-store';
import type { DomainEvent } from '@factledger/shared';
import type { ProjectionDefinition, ProjectionLogger } from '../projection-definition';

/** Test hooks; mutable, so a test can "deploy a fix" to a running projection. */
export interface CountsHooks {
  /** Awaited after the first statement of a batch, inside its transaction (block it to crash mid-batch). */
  midBatch?: (events: LogEvent[]) => Promise<void> | void;
  /** Events with `data.poison` then make apply throw, after it already wrote part of the batch. */
  rejectPoison?: boolean;
}

/**
 * Counts events per stream, two set-based statements per batch. `applied` has
 * a primary key on the position, so an event applied twice fails loudly.
 */
export function countsProjection(name: string, version = 1, hooks: CountsHooks = {}): ProjectionDefinition & { hooks: CountsHooks } {
  return {
    name,
    version,
    hooks,
    // Any event counts: every stored event is read as itself.
    upcast: (stored): DomainEvent => ({ type: stored.type, data: stored.data }),
    async setup(db: Kysely<EngineDb>, schema: string) {
      await db.schema
        .withSchema(schema)
        .createTable('counts')
        .addColumn('stream_id', 'text', (c) => c.primaryKey())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('last_position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .withSchema(schema)
        .createTable('applied')
        .addColumn('position', 'bigint', (c) => c.primaryKey())
        .execute();
    },
    async apply(trx, events, { schema }) {
      const rows = JSON.stringify(events.map((e) => ({ stream_id: e.streamId, position: e.position })));
      await sql`
        INSERT INTO ${sql.id(schema, 'applied')} (position)
        SELECT position FROM jsonb_to_recordset(${rows}::jsonb) AS x(stream_id text, position bigint)`.execute(trx);
      await hooks.midBatch?.(events);
      const poison = hooks.rejectPoison ? events.find((e) => (e.event?.data as { poison?: boolean })?.poison) : undefined;
      if (poison) throw new Error(`cannot count poison event ${poison.id}`);
      await sql`
        INSERT INTO ${sql.id(schema, 'counts')} AS c (stream_id, events, last_position)
        SELECT stream_id, count(*), max(position) FROM jsonb_to_recordset(${rows}::jsonb) AS x(stream_id text, position bigint)
         GROUP BY stream_id
        ON CONFLICT (stream_id) DO UPDATE SET events = c.events + excluded.events, last_position = greatest(c.last_position, excluded.last_position)`.execute(
        trx,
      );
    },
  };
}

/** What any counts projection must hold once caught up: straight from the log. */
export async function expectedCounts(db: Kysely<EngineDb>): Promise<{ stream_id: string; events: number; last_position: string }[]> {
  const { rows } = await sql<{ stream_id: string; events: number; last_position: string }>`
    SELECT stream_id, count(*)::integer AS events, max(events.position)::text AS last_position
      FROM events GROUP BY stream_id ORDER BY stream_id`.execute(db);
  return rows;
}

export async function countsIn(db: Kysely<EngineDb>, schema: string): Promise<{ stream_id: string; events: number; last_position: string }[]> {
  const { rows } = await sql<{ stream_id: string; events: number; last_position: string }>`
    SELECT stream_id, events, last_position::text AS last_position FROM ${sql.id(schema, 'counts')} ORDER BY stream_id`.execute(db);
  return rows;
}

/** Appends `count` events to a stream in one transaction; returns the last position. */
export async function appendMany(
  db: Kysely<EngineDb>,
  streamId: string,
  count: number,
  data: (i: number) => unknown = (i) => ({ i }),
): Promise<string> {
  const result = await appendToStream(
    db,
    streamId,
    Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type: 'counted.v1', data: data(i) })),
  );
  return result.lastPosition!;
}

/**
 * Waits until gap-safe readers can see the event: transaction ids are
 * cluster-wide, so a transaction left open anywhere (another test file) hides it.
 */
export async function visibleToReaders(db: Kysely<EngineDb>, position: string): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await sql<{ visible: boolean }>`
      SELECT transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS visible FROM events WHERE position = ${position}::bigint`.execute(db);
      return rows[0]?.visible;
    },
    10_000,
    `event ${position} to become visible`,
  );
}

export async function eventually<T>(probe: () => Promise<T | undefined | false | null>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RecordingLogger extends ProjectionLogger {
  lines: { level: 'log' | 'warn' | 'error'; message: string }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    log: (message) => void lines.push({ level: 'log', message }),
    warn: (message) => void lines.push({ level: 'warn', message }),
    error: (message) => void lines.push({ level: 'error', message }),
  };
}
