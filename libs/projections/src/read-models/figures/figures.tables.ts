import { sql, type RawBuilder } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import type { StoredTable } from '../shared/batch-rows';
import { createCursorTable, type CursorTable } from '../shared/ledger-cursor';
import type {
  CITATION_COLUMNS,
  CitationRow,
  FIGURE_METRIC_COLUMNS,
  FIGURE_VERSION_COLUMNS,
  FigureMetricRow,
  FigureVersionRow,
  LOG_COLUMNS,
  LogRow,
  METRIC_SOURCE_COLUMNS,
  MetricSourceRow,
  SOURCE_PARTY_COLUMNS,
  SourcePartyRow,
} from './figure-rows';
import { createHeadEstimateTables, HEAD_ESTIMATE_TABLES, type HeadEstimateTables } from './head-estimate.tables';

/** Keys compare byte-wise: they are ASCII slugs, and b-tree work on them is a large part of catch-up. */
const KEY = sql`text COLLATE "C"`;

/** The figures model's tables (besides the ledger cursor): only libs/projections/src/read-models/figures/ names them in SQL. */
export const FIGURES_TABLES = [
  'log',
  'metrics',
  'source_parties',
  'metric_sources',
  'figure_versions',
  'citations',
  ...HEAD_ESTIMATE_TABLES,
] as const satisfies readonly (keyof FiguresTables)[];

/** The figures model's tables, by name inside its schema (`db.withSchema(schema).withTables<FiguresTables>()`). */
export interface FiguresTables extends HeadEstimateTables {
  cursor: CursorTable;
  log: StoredTable<LogRow, typeof LOG_COLUMNS>;
  metrics: StoredTable<FigureMetricRow, typeof FIGURE_METRIC_COLUMNS>;
  source_parties: StoredTable<SourcePartyRow, typeof SOURCE_PARTY_COLUMNS>;
  metric_sources: StoredTable<MetricSourceRow, typeof METRIC_SOURCE_COLUMNS>;
  figure_versions: StoredTable<FigureVersionRow, typeof FIGURE_VERSION_COLUMNS>;
  citations: StoredTable<CitationRow, typeof CITATION_COLUMNS>;
}

/**
 * The figures read model. `figure_versions` is bitemporal, and the one
 * place a version's columns are written: a figure's current state is the
 * row of its latest version with open ranges (see figures.repository).
 * [recorded_from, recorded_to) is a seq range (when the ledger held the row),
 * [valid_at, valid_to) a date range (which dates it describes); closing a row
 * is an UPDATE of `recorded_to` and the closure columns. No generated range
 * columns (figures code version 8): no query used them, and computing and
 * storing them was a tenth of every row's COPY and close.
 * Only the keys `apply` looks rows up by are indexed here; the indexes that
 * serve queries come once the model has caught up (see FIGURES_QUERY_INDEXES).
 */
export async function createFiguresTables(db: SqlConnection, schema: string): Promise<void> {
  const t = (name: string) => sql.id(schema, name);
  const exec = (query: RawBuilder<unknown>) => query.execute(db);

  await createCursorTable(db, schema);
  await exec(sql`
    CREATE TABLE ${t('log')} (
      position     bigint PRIMARY KEY,
      seq          bigint NOT NULL,
      recorded_at  timestamptz(3) NOT NULL,
      recorded_max timestamptz(3) NOT NULL
    )`);
  await exec(sql`
    CREATE TABLE ${t('metrics')} (
      metric_key ${KEY} PRIMARY KEY, unit text NOT NULL,
      registered_seq bigint NOT NULL, registered_position bigint NOT NULL, registered_at timestamptz(3) NOT NULL
    )`);
  // A source's flags over time (party to the conflict; needs_review: not verified yet). The name
  // predates needs_review; kept so readers of an older release still find the table in a rebuilt schema.
  await exec(sql`
    CREATE TABLE ${t('source_parties')} (
      source_id ${KEY} NOT NULL, recorded_from bigint NOT NULL, recorded_to bigint,
      recorded int8range GENERATED ALWAYS AS (int8range(recorded_from, recorded_to)) STORED,
      party_to_conflict boolean NOT NULL, needs_review boolean NOT NULL, position bigint NOT NULL, recorded_at timestamptz(3) NOT NULL,
      PRIMARY KEY (source_id, recorded_from)
    )`);
  // Which sources ever reported on a metric, from when: the estimate probes each.
  await exec(sql`
    CREATE TABLE ${t('metric_sources')} (
      metric_key ${KEY} NOT NULL, source_id ${KEY} NOT NULL, first_seq bigint NOT NULL,
      PRIMARY KEY (metric_key, source_id)
    )`);

  // Until the query indexes exist no index holds recorded_to, so closing a row is a HOT update (hence the fillfactor).
  await exec(sql`
    CREATE TABLE ${t('figure_versions')} (
      figure_id uuid NOT NULL, version integer NOT NULL,
      recorded_from bigint NOT NULL, recorded_to bigint,
      valid_at date NOT NULL, valid_to date,
      valid_precision text NOT NULL,
      metric_key ${KEY} NOT NULL, source_id ${KEY} NOT NULL, unit text NOT NULL,
      kind text NOT NULL, revises integer,
      qualifier text NOT NULL, value numeric, low numeric, high numeric, point numeric NOT NULL,
      stated_at date, method text NOT NULL, scope_note text,
      report_id ${KEY} NOT NULL, quote text NOT NULL, quote_offset integer, reason text,
      version_seq bigint NOT NULL, version_position bigint NOT NULL, version_recorded_at timestamptz(3) NOT NULL,
      recorded_by text, recorded_reason text, request_id text,
      recorded_from_position bigint NOT NULL, recorded_from_at timestamptz(3) NOT NULL,
      recorded_to_position bigint, recorded_to_at timestamptz(3),
      closed_by text, closed_by_version integer, closed_actor text, closed_reason text,
      PRIMARY KEY (figure_id, version, recorded_from)
    ) WITH (fillfactor = 85)`);
  // Columns no query filters, joins or sorts on: ANALYZE skips them (its sort of each column's sample was half its time).
  await exec(
    sql`ALTER TABLE ${t('figure_versions')} ${sql.join(UNFILTERED_VERSION_COLUMNS.map((c) => sql`ALTER COLUMN ${sql.id(c)} SET STATISTICS 0`))}`,
  );

  await exec(sql`
    CREATE TABLE ${t('citations')} (
      seq bigint NOT NULL, report_id ${KEY} NOT NULL, figure_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('corroboration', 'retraction')), version integer,
      quote text NOT NULL, quote_offset integer, cited_by_source_id text,
      position bigint NOT NULL, recorded_at timestamptz(3) NOT NULL, recorded_by text
    )`);
  await createHeadEstimateTables(db, schema);
}

/** The version columns only read back, never in a WHERE, JOIN, ORDER BY or DISTINCT: no statistics (see createFiguresTables). */
const UNFILTERED_VERSION_COLUMNS = [
  'valid_precision',
  'unit',
  'kind',
  'revises',
  'qualifier',
  'value',
  'low',
  'high',
  'point',
  'stated_at',
  'method',
  'scope_note',
  'quote',
  'quote_offset',
  'reason',
  'version_recorded_at',
  'recorded_by',
  'recorded_reason',
  'request_id',
  'recorded_from_position',
  'recorded_from_at',
  'recorded_to_position',
  'recorded_to_at',
  'closed_by_version',
  'closed_actor',
  'closed_reason',
] as const satisfies readonly (keyof FigureVersionRow)[];

const column = (alias: string | undefined, name: string) => sql.ref(alias ? `${alias}.${name}` : name);

/**
 * The row of a figure's current version with an open valid range (each
 * version has one: an update's copies end theirs), still held: exactly one
 * per active figure. One spelling (literals inline) for the partial index and the queries, so the planner matches them.
 */
export const currentRow = (alias?: string): RawBuilder<unknown> =>
  sql`${column(alias, 'recorded_to')} IS NULL AND ${column(alias, 'valid_to')} IS NULL`;

/** The row of a retracted figure's last version with an open valid range, as the retraction closed it: one per retracted figure. */
export const retractedRow = (alias?: string): RawBuilder<unknown> =>
  sql`${column(alias, 'closed_by')} = 'retraction' AND ${column(alias, 'valid_to')} IS NULL`;

/** The row a version was first recorded in (its later rows are copies, believed anew from a later seq): one per version. */
export const firstRow = (alias?: string): RawBuilder<unknown> => sql`${column(alias, 'recorded_from')} = ${column(alias, 'version_seq')}`;

/**
 * The citations versions make, as citation rows (CITATION_COLUMNS' names; the
 * `citations` table holds only corroborations' and retractions'): each
 * version's first row, where `where` holds on `v`.
 */
export const versionCitations = (schema: string, where: RawBuilder<unknown>): RawBuilder<unknown> => sql`
  SELECT v.version_seq AS seq, v.report_id, v.figure_id, 'version'::text AS kind, v.version, v.quote, v.quote_offset,
         NULL::text AS cited_by_source_id, v.version_position AS position, v.version_recorded_at AS recorded_at, v.recorded_by
    FROM ${sql.id(schema, 'figure_versions')} v WHERE ${firstRow('v')} AND ${where}`;

/** A row's valid end with the open end as 'infinity': one spelling for the index and the queries, so the planner matches them. */
export const validEnd = (validTo: RawBuilder<unknown>): RawBuilder<unknown> => sql`coalesce(${validTo}, 'infinity'::date)`;

/**
 * The indexes queries use and `apply` does not. Built in one pass once the
 * model has caught up with the log: maintaining them row by row through a
 * million-event catch-up costs several times more. Until then queries are
 * correct, only slower (and during a rebuild beside the live version nobody
 * reads the new one).
 */
export const FIGURES_QUERY_INDEXES = (schema: string): { name: string; ddl: RawBuilder<unknown> }[] => {
  const t = (name: string) => sql.id(schema, name);
  return [
    // "As of time T": the last seq whose running maximum of recorded_at is at or before T.
    { name: 'log_by_time', ddl: sql`CREATE INDEX log_by_time ON ${t('log')} (recorded_max, seq)` },
    { name: 'metric_sources_by_source', ddl: sql`CREATE INDEX metric_sources_by_source ON ${t('metric_sources')} (source_id, metric_key)` },
    // The current path, with no history in the way: the open row of each active figure's current version
    // (currentRow), per (metric, source) the latest figure first. Closing a row moves it out (no HOT update then).
    {
      name: 'figure_versions_current',
      ddl: sql`CREATE INDEX figure_versions_current ON ${t('figure_versions')} (metric_key, source_id, valid_at DESC, version_position DESC, figure_id)
                 WHERE ${currentRow()}`,
    },
    // Retractions are the one change that opens no version row: "last change" looks here too (retractedRow: one per retracted figure).
    {
      name: 'figure_versions_retractions',
      ddl: sql`CREATE INDEX figure_versions_retractions ON ${t('figure_versions')} (metric_key, recorded_to) WHERE ${retractedRow()}`,
    },
    // Held at seq S and valid at D, per metric and source: the estimate probes each source's
    // latest valid row (valid_at ≤ D, newest first), skipping rows not held at S. B-trees,
    // not GiST over the ranges: GiST with the metric in it (btree_gist) costs four times as much to maintain.
    // recorded_from and the valid end (both immutable) are keys so the scan skips rows recorded after S
    // or ended by D inside the index: an early S otherwise visits every later version's heap row
    // (~2,000 per source at 1M). recorded_to is not: closing a row must stay a HOT update.
    {
      name: 'figure_versions_by_metric',
      ddl: sql`CREATE INDEX figure_versions_by_metric ON ${t('figure_versions')}
                 (metric_key, source_id, valid_at DESC, version_position DESC, figure_id, recorded_from, (${validEnd(sql.ref('valid_to'))}))`,
    },
    { name: 'figure_versions_changes', ddl: sql`CREATE INDEX figure_versions_changes ON ${t('figure_versions')} (metric_key, recorded_from)` },
    { name: 'citations_by_report', ddl: sql`CREATE INDEX citations_by_report ON ${t('citations')} (report_id, seq)` },
    // A version's citation is the version's first row (versionCitations): by report, in seq order.
    {
      name: 'figure_versions_by_report',
      ddl: sql`CREATE INDEX figure_versions_by_report ON ${t('figure_versions')} (report_id, version_seq) WHERE ${firstRow()}`,
    },
    { name: 'citations_by_figure', ddl: sql`CREATE INDEX citations_by_figure ON ${t('citations')} (figure_id, seq)` },
  ];
};
