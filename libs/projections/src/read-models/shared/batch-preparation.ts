import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import type { NumberedEvent } from './ledger-cursor';

/**
 * Every statement a batch runs against a stored table is a keyed lookup from
 * the batch (a few thousand rows) into an indexed table. While a read model
 * fills from START its statistics lag far behind (autovacuum analyses now and
 * then), and a planner that believes a million-row table holds a few thousand
 * rows may scan it whole for every batch, or worse: catch-up turns quadratic.
 * So each time the model doubles in events during a catch-up, its tables are
 * analysed inside the batch (a few dozen times over a million events). Not in
 * a live batch (short: the model keeps up): its tables have statistics by
 * then, autovacuum keeps them, and analysing a million-row model there would
 * hold that batch, and every reader waiting for it, for the whole ANALYZE. JIT is off: these
 * statements run for milliseconds and would spend more compiling. And the
 * commit does not wait for the WAL flush: a crash can lose only whole
 * batches, rows and checkpoint together, which the projector applies again.
 */
/** Shorter batches are live ones: the engine reads 1000 or 5000 at a time while catching up (as deferred-indexes.ts counts). */
const LIVE_BATCH = 1000;

/**
 * `keyed`, for a bulk batch: analyse only these tables and columns ([]: all),
 * the ones its stored-row lookups use. The model's other statistics come when
 * its query indexes are built (ensureQueryIndexes analyses every table then):
 * nothing reads them before, and a wide table's full ANALYZE at each doubling
 * was a tenth of a bulk catch-up.
 */
export async function prepareBatch(
  trx: SqlConnection,
  schema: string,
  batch: readonly NumberedEvent[],
  keyed?: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  await batchSettings(trx);
  const last = batch.at(-1);
  if (!last || batch.length < LIVE_BATCH) return;
  const before = BigInt(batch[0]!.seq) - 1n;
  const after = BigInt(last.seq);
  if (after < 2048n || before.toString(2).length === after.toString(2).length) return;
  const tables = keyed ? Object.keys(keyed) : await schemaTables(trx, schema);
  // A bulk batch's lookups are by key (unique or nearly): a small sample tells the planner as much.
  const target = keyed ? (await sql<{ v: string }>`SELECT current_setting('default_statistics_target') AS v`.execute(trx)).rows[0]!.v : null;
  if (target !== null) await sql`SELECT set_config('default_statistics_target', '10', true)`.execute(trx);
  for (const table of tables) {
    const columns = keyed?.[table] ?? [];
    const list = columns.length > 0 ? sql` (${sql.join(columns.map((c) => sql.id(c)))})` : sql``;
    await sql`ANALYZE ${sql.id(schema, table)}${list}`.execute(trx);
  }
  if (target !== null) await sql`SELECT set_config('default_statistics_target', ${target}, true)`.execute(trx);
}

/** A catch-up transaction's settings (a batch's, a first fill's): no JIT, and a commit that does not wait for the WAL flush. */
export async function batchSettings(trx: SqlConnection): Promise<void> {
  await sql`SELECT set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true)`.execute(trx);
}

/**
 * A bulk batch's lookups of stored rows by index only (`on`), until `off`.
 * They look up a few thousand keys in a table of up to millions of rows, and
 * with the statistics of the last doubling the planner judges one pass over
 * the whole table cheaper (a hash join, or a scan filtered by `= ANY`): a
 * cost that grows with the table, paid by every batch, so a catch-up's
 * lookups grow quadratically with the log (EXPLAIN at 300k: the closes' scan
 * took 30–85 ms of each 100–480 ms statement, the stored figures' 60–130 ms).
 * The keys' index finds them in 10–60 ms whatever the table's size.
 */
export async function keyedLookups(trx: SqlConnection, on: boolean): Promise<void> {
  await (on ? sql`SELECT set_config('enable_seqscan', 'off', true)` : sql`SET LOCAL enable_seqscan TO DEFAULT`).execute(trx);
}

/** The schema's tables, from pg_tables (information_schema.tables checks privileges on every relation of the database: 20–100 ms). */
export async function schemaTables(trx: SqlConnection, schema: string): Promise<string[]> {
  const { rows } = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = ${schema}`.execute(trx);
  return rows.map((r) => r.tablename);
}
