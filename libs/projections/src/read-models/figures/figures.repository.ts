import { sql, type RawBuilder } from 'kysely';
import type { Snapshot, SnapshotView } from '../query/read-snapshot';
import { isoTimestamp, selectColumns } from '../shared/batch-rows';
import {
  CITATION_COLUMNS,
  FIGURE_CURRENT_COLUMNS,
  FIGURE_VERSION_COLUMNS,
  type CitationRow,
  type FigureCurrentRow,
  type FigureMetricRow,
  type FigureVersionRow,
} from './figure-rows';
import { FIGURE_LIST_COLUMNS, type FigureListRow } from './figure-views';
import { FIGURES_PROJECTION } from './figures.projection';
import { validEnd } from './figures.tables';

export const table = (s: SnapshotView, name: string) => sql.id(s.schema(FIGURES_PROJECTION), name);

/**
 * The current path: at the head, for today, figures_current holds exactly the
 * versions to answer with (a figure's current version is its latest dated
 * one, and none is dated after the day it was recorded), so history is never read.
 */
export const onCurrentPath = (s: SnapshotView): boolean => s.atHead(FIGURES_PROJECTION) && s.validAtIsToday;

/**
 * recorded @> seq, spelled out so b-tree scans filter on it: `recorded_from`
 * inside figure_versions_by_metric (no heap visit for rows recorded later),
 * `recorded_to` on the row (closing a row must stay a HOT update).
 */
export const heldAt = (s: SnapshotView, alias = 'v'): RawBuilder<unknown> => {
  const to = sql.ref(`${alias}.recorded_to`);
  return sql`${sql.ref(`${alias}.recorded_from`)} <= ${s.seq}::bigint AND (${to} IS NULL OR ${to} > ${s.seq}::bigint)`;
};

/**
 * valid @> validAt, spelled out so the index range on valid_at applies; the
 * open end as 'infinity' in the very expression figure_versions_by_metric
 * holds (an OR would be checked on the heap row, not in the index).
 */
export const validAt = (s: SnapshotView, alias = 'v'): RawBuilder<unknown> =>
  sql`${sql.ref(`${alias}.valid_at`)} <= ${s.validAt}::date AND ${validEnd(sql.ref(`${alias}.valid_to`))} > ${s.validAt}::date`;

/** figures_current read as a figure list row: its current version, valid from its date on. */
const CURRENT_AS_LIST_ROW = sql`f.figure_id::text AS figure_id, f.metric_key, f.source_id, f.unit, f.current_version AS version, f.kind, f.qualifier,
  f.value::float8 AS value, f.low::float8 AS low, f.high::float8 AS high, to_char(f.valid_at, 'YYYY-MM-DD') AS valid_at, NULL::text AS valid_to,
  f.valid_precision, to_char(f.stated_at, 'YYYY-MM-DD') AS stated_at, f.method, f.scope_note, f.report_id, f.quote, f.quote_offset,
  f.version_position::text AS version_position, ${isoTimestamp(sql.ref('f.version_recorded_at'))} AS version_recorded_at, f.recorded_by`;

export async function metricAt(s: Snapshot, metricKey: string): Promise<Pick<FigureMetricRow, 'metric_key' | 'unit'> | null> {
  const { rows } = await sql<Pick<FigureMetricRow, 'metric_key' | 'unit'>>`
    SELECT metric_key, unit FROM ${table(s, 'metrics')} WHERE metric_key = ${metricKey} AND registered_seq <= ${s.seq}::bigint`.execute(s.trx);
  return rows[0] ?? null;
}

export async function sourceExistsAt(s: Snapshot, sourceId: string): Promise<boolean> {
  const { rows } = await sql`
    SELECT 1 FROM ${table(s, 'source_parties')} WHERE source_id = ${sourceId} AND recorded_from <= ${s.seq}::bigint LIMIT 1`.execute(s.trx);
  return rows.length > 0;
}

/** Each figure of the metric held at the basis, in the version valid at validAt; keyset-paged by (source, figure). */
export async function metricFiguresAt(s: Snapshot, metricKey: string, options: { sourceId?: string; after: string[] | null; limit: number }): Promise<FigureListRow[]> {
  const source = (alias: string) => (options.sourceId ? sql`AND ${sql.ref(`${alias}.source_id`)} = ${options.sourceId}` : sql``);
  const after = (alias: string) =>
    options.after ? sql`AND (${sql.ref(`${alias}.source_id`)}, ${sql.ref(`${alias}.figure_id`)}) > (${options.after[0]}, ${options.after[1]}::uuid)` : sql``;
  const query = onCurrentPath(s)
    ? sql`SELECT ${CURRENT_AS_LIST_ROW} FROM ${table(s, 'figures_current')} f
           WHERE f.metric_key = ${metricKey} AND f.status = 'active' ${source('f')} ${after('f')}
           ORDER BY f.source_id, f.figure_id LIMIT ${options.limit + 1}`
    : sql`SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'figure_versions')} v
           WHERE v.metric_key = ${metricKey} AND ${heldAt(s)} AND ${validAt(s)} ${source('v')} ${after('v')}
           ORDER BY v.source_id, v.figure_id LIMIT ${options.limit + 1}`;
  return (await sql<FigureListRow>`${query}`.execute(s.trx)).rows;
}

/** Each figure of the source held at the basis; keyset-paged by (metric, figure). */
export async function sourceFiguresAt(s: Snapshot, sourceId: string, options: { metricKey?: string; after: string[] | null; limit: number }): Promise<FigureListRow[]> {
  const metric = (alias: string) => (options.metricKey ? sql`AND ${sql.ref(`${alias}.metric_key`)} = ${options.metricKey}` : sql``);
  const after = (alias: string) =>
    options.after ? sql`AND (${sql.ref(`${alias}.metric_key`)}, ${sql.ref(`${alias}.figure_id`)}) > (${options.after[0]}, ${options.after[1]}::uuid)` : sql``;
  // Through the metrics the source reported on: one index range per metric, in either table.
  const query = onCurrentPath(s)
    ? sql`SELECT ${CURRENT_AS_LIST_ROW} FROM ${table(s, 'metric_sources')} ms
           JOIN ${table(s, 'figures_current')} f ON f.metric_key = ms.metric_key AND f.source_id = ms.source_id
           WHERE ms.source_id = ${sourceId} AND f.status = 'active' ${metric('f')} ${after('f')}
           ORDER BY f.metric_key, f.figure_id LIMIT ${options.limit + 1}`
    : sql`SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'metric_sources')} ms
           JOIN ${table(s, 'figure_versions')} v ON v.metric_key = ms.metric_key AND v.source_id = ms.source_id
           WHERE ms.source_id = ${sourceId} AND ${heldAt(s)} AND ${validAt(s)} ${metric('v')} ${after('v')}
           ORDER BY v.metric_key, v.figure_id LIMIT ${options.limit + 1}`;
  return (await sql<FigureListRow>`${query}`.execute(s.trx)).rows;
}

/** The figure's row if it existed at the basis (it may have been retracted since, or by then). */
export async function figureAt(s: Snapshot, figureId: string): Promise<FigureCurrentRow | null> {
  const { rows } = await sql<FigureCurrentRow>`
    SELECT ${selectColumns(FIGURE_CURRENT_COLUMNS, 'f')} FROM ${table(s, 'figures_current')} f
     WHERE f.figure_id = ${figureId}::uuid AND f.first_seq <= ${s.seq}::bigint`.execute(s.trx);
  return rows[0] ?? null;
}

/** Every belief period of the figure that had begun by the basis. */
export async function figureHistoryAt(s: Snapshot, figureId: string): Promise<FigureVersionRow[]> {
  const { rows } = await sql<FigureVersionRow>`
    SELECT ${selectColumns(FIGURE_VERSION_COLUMNS, 'v')} FROM ${table(s, 'figure_versions')} v
     WHERE v.figure_id = ${figureId}::uuid AND v.recorded_from <= ${s.seq}::bigint
     ORDER BY v.version, v.recorded_from`.execute(s.trx);
  return rows;
}

export async function figureCitationsAt(s: Snapshot, figureId: string): Promise<CitationRow[]> {
  const { rows } = await sql<CitationRow>`
    SELECT ${selectColumns(CITATION_COLUMNS, 'c')} FROM ${table(s, 'citations')} c
     WHERE c.figure_id = ${figureId}::uuid AND c.seq <= ${s.seq}::bigint ORDER BY c.seq`.execute(s.trx);
  return rows;
}

export interface ReportCitationRow extends CitationRow {
  metric_key: string;
  source_id: string;
  retracted: boolean;
}

/** Citations of the report recorded by the basis, oldest first; keyset-paged by seq. */
export async function reportCitationsAt(s: Snapshot, reportId: string, options: { after: string[] | null; limit: number }): Promise<ReportCitationRow[]> {
  const { rows } = await sql<ReportCitationRow>`
    SELECT ${selectColumns(CITATION_COLUMNS, 'c')}, f.metric_key, f.source_id,
           coalesce(f.retracted_seq <= ${s.seq}::bigint, false) AS retracted
      FROM ${table(s, 'citations')} c JOIN ${table(s, 'figures_current')} f ON f.figure_id = c.figure_id
     WHERE c.report_id = ${reportId} AND c.seq <= ${s.seq}::bigint
       ${options.after ? sql`AND c.seq > ${options.after[0]}::bigint` : sql``}
     ORDER BY c.seq LIMIT ${options.limit + 1}`.execute(s.trx);
  return rows;
}

/** The version of each figure held at the basis and valid at validAt, for the given figures. */
export async function versionsHeldAt(s: Snapshot, figureIds: readonly string[]): Promise<FigureListRow[]> {
  if (figureIds.length === 0) return [];
  const { rows } = await sql<FigureListRow>`
    SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'figure_versions')} v
     WHERE v.figure_id = ANY (${[...new Set(figureIds)]}::uuid[]) AND ${heldAt(s)} AND ${validAt(s)}`.execute(s.trx);
  return rows;
}
