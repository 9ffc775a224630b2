import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import type { ColumnSpec, StoredTable } from '../shared/batch-rows';

/**
 * One row per metric and filter combination the estimate route accepts: the
 * head estimate's `data` as the computed path answers it for the day
 * `valid_at` (UTC), kept by the figures projector in its batch transaction
 * (deleted for the metrics a batch touched, recomputed within its budget). Not part of the model's content (see
 * head-estimates.ts): it depends on the clock as well as the log.
 */
export interface HeadEstimateRow {
  metric_key: string;
  algorithm_version: number;
  exclude_parties: boolean;
  include_unverified: boolean;
  /** The day the answer describes: usable only while it is today (UTC) for the reader. */
  valid_at: string;
  /** The batch that computed the row (its last event); the answer holds for every head from there until a batch touches the metric again. */
  seq: string;
  position: string;
  /** The estimate (`data` of the answer) as JSON text: text, not jsonb, keeps the key order, so the answer stays byte for byte the same. */
  data: string;
}

export const HEAD_ESTIMATE_COLUMNS = {
  metric_key: 'text',
  algorithm_version: 'integer',
  exclude_parties: 'boolean',
  include_unverified: 'boolean',
  valid_at: 'date',
  seq: 'bigint',
  position: 'bigint',
  data: 'text',
} as const satisfies ColumnSpec<HeadEstimateRow>;

/** The rows are kept (for the day valid_at) from this batch on; absent: not kept yet (catching up). */
export interface HeadEstimateStateRow {
  singleton: boolean;
  valid_at: string;
  seq: string;
}

export const HEAD_ESTIMATE_STATE_COLUMNS = {
  singleton: 'boolean',
  valid_at: 'date',
  seq: 'bigint',
} as const satisfies ColumnSpec<HeadEstimateStateRow>;

/** A metric whose rows are absent (invalidated, or not computed yet today) and wait for a batch's budget. */
export interface HeadEstimateBacklogRow {
  metric_key: string;
  /** The batch (last seq) that put it here: the oldest wait first, among equal costs. */
  since_seq: string;
}

export const HEAD_ESTIMATE_BACKLOG_COLUMNS = {
  metric_key: 'text',
  since_seq: 'bigint',
} as const satisfies ColumnSpec<HeadEstimateBacklogRow>;

export interface HeadEstimateTables {
  head_estimates: StoredTable<HeadEstimateRow, typeof HEAD_ESTIMATE_COLUMNS>;
  head_estimate_state: StoredTable<HeadEstimateStateRow, typeof HEAD_ESTIMATE_STATE_COLUMNS>;
  head_estimate_backlog: StoredTable<HeadEstimateBacklogRow, typeof HEAD_ESTIMATE_BACKLOG_COLUMNS>;
}

export const HEAD_ESTIMATE_TABLES = [
  'head_estimates',
  'head_estimate_state',
  'head_estimate_backlog',
] as const satisfies readonly (keyof HeadEstimateTables)[];

/**
 * UNLOGGED: a cache of answers, not evidence. No WAL in the projector's
 * transaction, and a crash empties the three tables together, which readers and
 * the projector take as "not kept": readers compute, and the next caught-up
 * batch fills them again. Read-model digests leave unlogged tables out.
 */
export async function createHeadEstimateTables(db: SqlConnection, schema: string): Promise<void> {
  const t = (name: string) => sql.id(schema, name);
  await sql`
    CREATE UNLOGGED TABLE ${t('head_estimates')} (
      metric_key text COLLATE "C" NOT NULL, algorithm_version integer NOT NULL,
      exclude_parties boolean NOT NULL, include_unverified boolean NOT NULL,
      valid_at date NOT NULL, seq bigint NOT NULL, position bigint NOT NULL, data text NOT NULL,
      PRIMARY KEY (metric_key, algorithm_version, exclude_parties, include_unverified)
    )`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE ${t('head_estimate_state')} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), valid_at date NOT NULL, seq bigint NOT NULL
    )`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE ${t('head_estimate_backlog')} (
      metric_key text COLLATE "C" PRIMARY KEY, since_seq bigint NOT NULL
    )`.execute(db);
}
