import type { ColumnSpec } from '../shared/batch-rows';

/**
 * One period during which the ledger believed one version of a figure, for
 * one range of valid dates. `recorded` = [recorded_from, recorded_to) in seq
 * (see ledger-cursor), `valid` = [valid_at, valid_to) in dates; null ends
 * are open. An update closes the replaced version's row and re-inserts it
 * with its valid range ended at the new date; a correction closes it; a
 * retraction closes every open row of the figure.
 */
export interface FigureVersionRow {
  figure_id: string;
  version: number;
  recorded_from: string;
  recorded_to: string | null;
  /** The version's validAt date: where its valid range starts. */
  valid_at: string;
  valid_to: string | null;
  valid_precision: string;
  metric_key: string;
  source_id: string;
  unit: string;
  kind: 'reported' | 'correction' | 'update';
  revises: number | null;
  qualifier: string;
  /** The amount's own bounds, as reported (null where the qualifier has none). */
  value: number | null;
  low: number | null;
  high: number | null;
  point: number;
  stated_at: string | null;
  method: string;
  scope_note: string | null;
  report_id: string;
  quote: string;
  quote_offset: number | null;
  /** Why the version was made (a revision's reason); null for the original report. */
  reason: string | null;
  /** The event that made the version. */
  version_seq: string;
  version_position: string;
  version_recorded_at: string;
  recorded_by: string | null;
  recorded_reason: string | null;
  request_id: string | null;
  /** The events that opened and closed this belief period. */
  recorded_from_position: string;
  recorded_from_at: string;
  recorded_to_position: string | null;
  recorded_to_at: string | null;
  closed_by: 'update' | 'correction' | 'retraction' | null;
  closed_by_version: number | null;
  closed_actor: string | null;
  closed_reason: string | null;
}

export const FIGURE_VERSION_COLUMNS = {
  figure_id: 'uuid',
  version: 'integer',
  recorded_from: 'bigint',
  recorded_to: 'bigint',
  valid_at: 'date',
  valid_to: 'date',
  valid_precision: 'text',
  metric_key: 'text',
  source_id: 'text',
  unit: 'text',
  kind: 'text',
  revises: 'integer',
  qualifier: 'text',
  value: 'numeric',
  low: 'numeric',
  high: 'numeric',
  point: 'numeric',
  stated_at: 'date',
  method: 'text',
  scope_note: 'text',
  report_id: 'text',
  quote: 'text',
  quote_offset: 'integer',
  reason: 'text',
  version_seq: 'bigint',
  version_position: 'bigint',
  version_recorded_at: 'timestamptz',
  recorded_by: 'text',
  recorded_reason: 'text',
  request_id: 'text',
  recorded_from_position: 'bigint',
  recorded_from_at: 'timestamptz',
  recorded_to_position: 'bigint',
  recorded_to_at: 'timestamptz',
  closed_by: 'text',
  closed_by_version: 'integer',
  closed_actor: 'text',
  closed_reason: 'text',
} as const satisfies ColumnSpec<FigureVersionRow>;

type ClosureColumns =
  'recorded_to' | 'recorded_to_position' | 'recorded_to_at' | 'closed_by' | 'closed_by_version' | 'closed_actor' | 'closed_reason';

export const CLOSURE_COLUMNS: ColumnSpec<Pick<FigureVersionRow, ClosureColumns>> = {
  recorded_to: 'bigint',
  recorded_to_position: 'bigint',
  recorded_to_at: 'timestamptz',
  closed_by: 'text',
  closed_by_version: 'integer',
  closed_actor: 'text',
  closed_reason: 'text',
};

/** Closing a stored row: matched on figure and version (a close) or on the figure alone (a retraction). */
export const VERSION_CLOSE_COLUMNS: ColumnSpec<Pick<FigureVersionRow, 'figure_id' | 'version' | ClosureColumns>> = {
  figure_id: 'uuid',
  version: 'integer',
  ...CLOSURE_COLUMNS,
};
export const RETRACTION_CLOSE_COLUMNS: ColumnSpec<Pick<FigureVersionRow, 'figure_id' | ClosureColumns>> = { figure_id: 'uuid', ...CLOSURE_COLUMNS };

/** Re-inserting a stored row believed anew: the columns that differ from the stored one. */
export const VERSION_COPY_COLUMNS: ColumnSpec<
  Pick<FigureVersionRow, 'figure_id' | 'version' | 'recorded_from' | 'recorded_from_position' | 'recorded_from_at'> & { valid_to: string }
> = {
  figure_id: 'uuid',
  version: 'integer',
  recorded_from: 'bigint',
  recorded_from_position: 'bigint',
  recorded_from_at: 'timestamptz',
  valid_to: 'date',
};

/**
 * A figure's identity and standing, read from its version rows (no table of
 * its own: the current state is the open row of its current version, see
 * figures.repository): first_seq from version 1's row, the retraction from
 * the closure of the rows a retraction ended.
 */
export interface FigureHeadRow {
  figure_id: string;
  metric_key: string;
  source_id: string;
  unit: string;
  first_seq: string;
  retracted_seq: string | null;
  retracted_position: string | null;
  retracted_at: string | null;
  retraction_reason: string | null;
  retracted_by: string | null;
}

export const FIGURE_HEAD_COLUMNS = {
  figure_id: 'uuid',
  metric_key: 'text',
  source_id: 'text',
  unit: 'text',
  first_seq: 'bigint',
  retracted_seq: 'bigint',
  retracted_position: 'bigint',
  retracted_at: 'timestamptz',
  retraction_reason: 'text',
  retracted_by: 'text',
} as const satisfies ColumnSpec<FigureHeadRow>;

/** Every citation of a report by a figure: a version's, a corroboration's or a retraction's. */
export interface CitationRow {
  seq: string;
  report_id: string;
  figure_id: string;
  kind: 'version' | 'corroboration' | 'retraction';
  version: number | null;
  quote: string;
  quote_offset: number | null;
  cited_by_source_id: string | null;
  position: string;
  recorded_at: string;
  recorded_by: string | null;
}

export const CITATION_COLUMNS = {
  seq: 'bigint',
  report_id: 'text',
  figure_id: 'uuid',
  kind: 'text',
  version: 'integer',
  quote: 'text',
  quote_offset: 'integer',
  cited_by_source_id: 'text',
  position: 'bigint',
  recorded_at: 'timestamptz',
  recorded_by: 'text',
} as const satisfies ColumnSpec<CitationRow>;

/** A source's registration and flags over time: party to the conflict, awaiting verification (estimates read them as of their basis). */
export interface SourcePartyRow {
  source_id: string;
  recorded_from: string;
  recorded_to: string | null;
  party_to_conflict: boolean;
  needs_review: boolean;
  position: string;
  recorded_at: string;
}

export const SOURCE_PARTY_COLUMNS = {
  source_id: 'text',
  recorded_from: 'bigint',
  recorded_to: 'bigint',
  party_to_conflict: 'boolean',
  needs_review: 'boolean',
  position: 'bigint',
  recorded_at: 'timestamptz',
} as const satisfies ColumnSpec<SourcePartyRow>;

export type SourcePartyClosure = Pick<SourcePartyRow, 'source_id' | 'recorded_from' | 'recorded_to'>;

export const SOURCE_PARTY_CLOSURE_COLUMNS: ColumnSpec<SourcePartyClosure> = { source_id: 'text', recorded_from: 'bigint', recorded_to: 'bigint' };

/** Metrics as the figures model needs them: unit, and from when they exist. */
export interface FigureMetricRow {
  metric_key: string;
  unit: string;
  registered_seq: string;
  registered_position: string;
  registered_at: string;
}

export const FIGURE_METRIC_COLUMNS = {
  metric_key: 'text',
  unit: 'text',
  registered_seq: 'bigint',
  registered_position: 'bigint',
  registered_at: 'timestamptz',
} as const satisfies ColumnSpec<FigureMetricRow>;

/** Which sources ever reported on a metric, from which seq: the estimate probes each one's latest figure. */
export interface MetricSourceRow {
  metric_key: string;
  source_id: string;
  first_seq: string;
}

export const METRIC_SOURCE_COLUMNS = { metric_key: 'text', source_id: 'text', first_seq: 'bigint' } as const satisfies ColumnSpec<MetricSourceRow>;

/** position → seq, and the running maximum of recorded_at for "as of time T". */
export interface LogRow {
  position: string;
  seq: string;
  recorded_at: string;
  recorded_max: string;
}

export const LOG_COLUMNS = {
  position: 'bigint',
  seq: 'bigint',
  recorded_at: 'timestamptz',
  recorded_max: 'timestamptz',
} as const satisfies ColumnSpec<LogRow>;
