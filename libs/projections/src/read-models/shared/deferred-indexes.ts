import { sql, type RawBuilder } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { hasEventsAfter } from '@factledger/event-store';
import type { NumberedEvent } from './ledger-cursor';

/** A batch this short is not a catch-up batch (the engine reads 1000 or 5000 at a time). */
const CATCH_UP_BATCH = 1000;

/**
 * Builds a read model's query indexes once it has caught up with the log: at
 * a short batch, or at one with nothing committed after it. Until then only
 * the keys `apply` looks up are indexed, and each index is then built in one
 * sort instead of row by row. Runs in the batch's transaction, so the indexes
 * appear together with the rows of that batch (or not at all). True when the
 * batch counts as caught up (the indexes exist after it).
 */
export async function ensureQueryIndexes(
  trx: SqlConnection,
  schema: string,
  indexes: { name: string; ddl: RawBuilder<unknown> }[],
  batch: readonly NumberedEvent[],
): Promise<boolean> {
  const last = batch.at(-1)?.logged;
  if (!last) return false;
  if (batch.length >= CATCH_UP_BATCH && (await hasEventsAfter(trx, last))) return false;
  const { rows } = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = ${schema}`.execute(trx);
  const existing = new Set(rows.map((r) => r.indexname));
  const missing = indexes.filter((index) => !existing.has(index.name));
  if (missing.length === 0) return true;
  await sql`SELECT set_config('maintenance_work_mem', '256MB', true)`.execute(trx);
  for (const index of missing) await index.ddl.execute(trx);
  return true;
}
