import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { ESTIMATE_COMBINATIONS, estimateFromRows, filtersOf } from '../query/estimate-fold';
import { insertRows } from '../shared/batch-rows';
import type { NumberedEvent } from '../shared/ledger-cursor';
import { estimateRowsAt, type EstimateSnapshot } from './estimate.repository';
import { FIGURES_PROJECTION } from './figures.projection';
import { HEAD_ESTIMATE_COLUMNS, HEAD_ESTIMATE_STATE_COLUMNS, type HeadEstimateRow } from './head-estimate.tables';

export interface HeadEstimateBatch {
  /** The batch's last event: the rows' basis. */
  last: NumberedEvent;
  /** The metrics the batch touched (the notice's keys). */
  touched: readonly string[];
  /** The batch counts as caught up with the log (ensureQueryIndexes' answer). */
  caughtUp: boolean;
  /** Today (UTC) by the projector's clock: the day the rows answer for. */
  today: string;
}

/**
 * Keeps the head-estimate rows, in the batch's transaction, after its
 * changes are written. While the model catches up nothing is kept (a fold
 * per touched metric and batch would slow the catch-up down); the first
 * caught-up batch computes every metric's rows once and marks them kept;
 * from then on each batch recomputes only the metrics it touched, whatever
 * its size. A batch on a day after the rows' day recomputes every metric (a
 * head estimate describes today, and the candidate figures depend on it);
 * until then readers see yesterday's rows and compute instead.
 */
export async function keepHeadEstimates(db: SqlConnection, schema: string, batch: HeadEstimateBatch): Promise<void> {
  const t = (name: string) => sql.id(schema, name);
  const { rows: states } = await sql<{ valid_at: string }>`SELECT to_char(valid_at, 'YYYY-MM-DD') AS valid_at FROM ${t('head_estimate_state')}`.execute(db);
  const state = states[0];
  if (!state && !batch.caughtUp) return;
  const everything = state?.valid_at !== batch.today;
  let metrics = batch.touched;
  if (everything) {
    await sql`DELETE FROM ${t('head_estimates')}`.execute(db);
    metrics = (await sql<{ metric_key: string }>`SELECT metric_key FROM ${t('metrics')} ORDER BY metric_key`.execute(db)).rows.map((r) => r.metric_key);
    const marker = [{ singleton: true, valid_at: batch.today, seq: batch.last.seq }];
    await insertRows(db, [schema, 'head_estimate_state'], HEAD_ESTIMATE_STATE_COLUMNS, marker, sql`ON CONFLICT (singleton) DO UPDATE SET valid_at = excluded.valid_at, seq = excluded.seq`);
  }
  if (metrics.length === 0) return;
  const { rows, unregistered } = await headEstimateRows(db, schema, batch, metrics);
  if (unregistered.length > 0) await sql`DELETE FROM ${t('head_estimates')} WHERE metric_key = ANY (${unregistered}::text[])`.execute(db);
  await insertRows(
    db,
    [schema, 'head_estimates'],
    HEAD_ESTIMATE_COLUMNS,
    rows,
    sql`ON CONFLICT (metric_key, algorithm_version, exclude_parties, include_unverified)
        DO UPDATE SET valid_at = excluded.valid_at, seq = excluded.seq, position = excluded.position, data = excluded.data`,
  );
}

/**
 * Each metric's rows: one read of what the model holds about it at the
 * batch's end (the read path's own query, on the current tables), folded
 * once per combination. Metrics are read one by one: a batch touches a few.
 */
async function headEstimateRows(db: SqlConnection, schema: string, batch: HeadEstimateBatch, metrics: readonly string[]): Promise<{ rows: HeadEstimateRow[]; unregistered: string[] }> {
  const { last, today } = batch;
  const snapshot: EstimateSnapshot = {
    trx: db,
    seq: last.seq,
    validAt: today,
    validAtIsToday: true,
    schema: (name) => (name === FIGURES_PROJECTION ? schema : failOther(name)),
    atHead: (name) => name === FIGURES_PROJECTION,
  };
  const rows: HeadEstimateRow[] = [];
  const unregistered: string[] = [];
  for (const metricKey of metrics) {
    const read = await estimateRowsAt(snapshot, metricKey);
    if (!read) {
      unregistered.push(metricKey);
      continue;
    }
    for (const c of ESTIMATE_COMBINATIONS) {
      const data = estimateFromRows(metricKey, read, c.algorithmVersion, filtersOf(c), today);
      rows.push({
        metric_key: metricKey,
        algorithm_version: c.algorithmVersion,
        exclude_parties: c.excludeParties,
        include_unverified: c.includeUnverified,
        valid_at: today,
        seq: last.seq,
        position: last.logged.position,
        data: JSON.stringify(data),
      });
    }
  }
  return { rows, unregistered };
}

const failOther = (name: string): never => {
  throw new Error(`the figures projector reads only its own model, not ${name}`);
};
