import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import type { FigureBatchChanges, StoredFigureState } from './figure-batch.fold';

/**
 * The metrics whose estimates a batch may have changed: every metric a
 * figure of the batch belongs to (before and after the batch), every metric
 * registered, and, for a source whose flags changed (party, verification:
 * both weigh in an estimate), every metric it has figures in, stored or new.
 */
export async function touchedMetrics(db: SqlConnection, schema: string, stored: StoredFigureState, changes: FigureBatchChanges): Promise<string[]> {
  const keys = new Set<string>();
  for (const row of stored.figures.values()) keys.add(row.metric_key);
  for (const rows of [changes.versionInserts, changes.metrics, changes.metricSources]) for (const row of rows) keys.add(row.metric_key);
  const flagged = new Set([...changes.partyInserts.map((p) => p.source_id), ...changes.partyClosures.map((p) => p.source_id)]);
  if (flagged.size > 0) {
    const { rows } = await sql<{ metric_key: string }>`
      SELECT DISTINCT metric_key FROM ${sql.id(schema, 'metric_sources')} WHERE source_id = ANY (${[...flagged]}::text[])`.execute(db);
    for (const row of rows) keys.add(row.metric_key);
  }
  return [...keys];
}

/**
 * The metric–source pairs whose figure rows a batch changed: every figure it
 * touched before (stored) and after (new version rows). A pair's candidate
 * for the estimate depends on that pair's figure rows only.
 */
export function touchedPairs(stored: StoredFigureState, changes: FigureBatchChanges): { metricKeys: string[]; sourceIds: string[] } {
  const pairs = new Map<string, [string, string]>();
  for (const row of [...stored.figures.values(), ...changes.versionInserts])
    pairs.set(`${row.metric_key}\u0000${row.source_id}`, [row.metric_key, row.source_id]);
  return { metricKeys: [...pairs.values()].map((p) => p[0]), sourceIds: [...pairs.values()].map((p) => p[1]) };
}
