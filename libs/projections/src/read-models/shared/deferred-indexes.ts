import { sql, type RawBuilder } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { countEventsAfter, type Checkpoint } from '@factledger/event-store';
import { schemaTables } from './batch-preparation';

/** A batch this short is not a catch-up batch (the engine reads 1000 or 5000 at a time). */
const CATCH_UP_BATCH = 1000;

/** Where a batch leaves the model: caught up with the log, and whether this very batch built the query indexes. */
export interface QueryIndexState {
  caughtUp: boolean;
  builtNow: boolean;
}

/**
 * Builds a read model's query indexes once it has (nearly) caught up with the
 * log. Until then only the keys `apply` looks up are indexed, and each index
 * is then built in one sort instead of row by row. Runs in the batch's
 * transaction, so the indexes appear together with the rows of that batch (or
 * not at all). A batch counts as caught up when it is short, or when nothing
 * is committed after it.
 *
 * The indexes come one batch early, in the full batch after which at most one
 * more batch remains: an index built over a table with HOT-updated rows
 * (closing a version row is one) is marked `indcheckxmin`, and the planner
 * ignores it until the building transaction is older than every snapshot.
 * Queries in the building transaction itself (the figures model's head
 * estimates, at the first caught-up batch) would scan whole tables, so they
 * run in the next one. `builtNow` with `caughtUp` (a log that ends exactly at
 * a full batch, or a first batch that is already short) tells the caller to
 * leave such queries to a later batch. The tables are analysed after the
 * build: their statistics are from the last doubling (prepareBatch), and the
 * expression and partial indexes have none yet.
 */
export async function ensureQueryIndexes(
  trx: SqlConnection,
  schema: string,
  indexes: { name: string; ddl: RawBuilder<unknown> }[],
  batch: { last: Checkpoint | undefined; length: number },
): Promise<QueryIndexState> {
  const { last, length } = batch;
  if (!last) return { caughtUp: false, builtNow: false };
  const after = length < CATCH_UP_BATCH ? 0 : await countEventsAfter(trx, last, length + 1);
  if (after > length) return { caughtUp: false, builtNow: false };
  const caughtUp = after === 0;
  const { rows } = await sql<{ indexname: string }>`
    SELECT indexname FROM pg_indexes WHERE schemaname = ${schema}`.execute(trx);
  const existing = new Set(rows.map((r) => r.indexname));
  const missing = indexes.filter((index) => !existing.has(index.name));
  if (missing.length === 0) return { caughtUp, builtNow: false };
  await sql`SELECT set_config('maintenance_work_mem', '256MB', true)`.execute(trx);
  for (const index of missing) await index.ddl.execute(trx);
  // Every table, the ones no index held yet too: a bulk batch analyses only what its lookups use (prepareBatch).
  for (const table of await schemaTables(trx, schema)) await sql`ANALYZE ${sql.id(schema, table)}`.execute(trx);
  return { caughtUp, builtNow: true };
}
