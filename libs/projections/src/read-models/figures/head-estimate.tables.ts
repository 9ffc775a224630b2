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

/**
 * Each metric–source pair's candidate for today (the figure the estimate
 * would retain from the source: estimate.repository.ts' probe at the head),
 * as the read path selects it, so a reader folds these rows instead of
 * probing every source. What the 6 combinations share, once per pair. The
 * source's flags are not here: readers join them at the head.
 */
export interface HeadEstimateSourceRow {
  metric_key: string;
  source_id: string;
  figure_id: string;
  version: number;
  qualifier: string;
  value: number | null;
  low: number | null;
  high: number | null;
  valid_at: string;
  valid_precision: string;
  version_position: string;
  version_recorded_at: string;
  report_id: string;
  quote: string;
  quote_offset: number | null;
}

export const HEAD_ESTIMATE_SOURCE_COLUMNS = {
  metric_key: 'text',
  source_id: 'text',
  figure_id: 'text',
  version: 'integer',
  qualifier: 'text',
  value: 'numeric',
  low: 'numeric',
  high: 'numeric',
  valid_at: 'text',
  valid_precision: 'text',
  version_position: 'text',
  version_recorded_at: 'text',
  report_id: 'text',
  quote: 'text',
  quote_offset: 'integer',
} as const satisfies ColumnSpec<HeadEstimateSourceRow>;

export interface HeadEstimateTables {
  head_estimates: StoredTable<HeadEstimateRow, typeof HEAD_ESTIMATE_COLUMNS>;
  head_estimate_state: StoredTable<HeadEstimateStateRow, typeof HEAD_ESTIMATE_STATE_COLUMNS>;
  head_estimate_backlog: StoredTable<HeadEstimateBacklogRow, typeof HEAD_ESTIMATE_BACKLOG_COLUMNS>;
  head_estimate_sources: StoredTable<HeadEstimateSourceRow, typeof HEAD_ESTIMATE_SOURCE_COLUMNS>;
}

export const HEAD_ESTIMATE_TABLES = [
  'head_estimates',
  'head_estimate_state',
  'head_estimate_backlog',
  'head_estimate_sources',
] as const satisfies readonly (keyof HeadEstimateTables)[];

/**
 * UNLOGGED: a cache of answers, not evidence. No WAL in the projector's
 * transaction, and a crash empties the four tables together, which readers and
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
  await sql`
    CREATE UNLOGGED TABLE ${t('head_estimate_sources')} (
      metric_key text COLLATE "C" NOT NULL, source_id text COLLATE "C" NOT NULL,
      figure_id text NOT NULL, version integer NOT NULL, qualifier text NOT NULL,
      value numeric, low numeric, high numeric, valid_at text NOT NULL, valid_precision text NOT NULL,
      version_position text NOT NULL, version_recorded_at text NOT NULL,
      report_id text NOT NULL, quote text NOT NULL, quote_offset integer,
      PRIMARY KEY (metric_key, source_id)
    )`.execute(db);
}
