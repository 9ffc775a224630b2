import { sql, type RawBuilder } from 'kysely';
import type { Snapshot, SnapshotView } from '../query/read-snapshot';
import { selectColumns } from '../shared/batch-rows';
import {
  CITATION_COLUMNS,
  FIGURE_HEAD_COLUMNS,
  FIGURE_VERSION_COLUMNS,
  type CitationRow,
  type FigureHeadRow,
  type FigureMetricRow,
  type FigureVersionRow,
} from './figure-rows';
import { FIGURE_LIST_COLUMNS, type FigureListRow } from './figure-views';
import { FIGURES_PROJECTION } from './figures.projection';
import { currentRow, validEnd, versionCitations } from './figures.tables';

export const table = (s: SnapshotView, name: string) => sql.id(s.schema(FIGURES_PROJECTION), name);

/**
 * The current path: at the head, for today, the current rows (currentRow,
 * partially indexed) are exactly the versions to answer with (a figure's current version is its latest dated
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

/**
 * Each figure's head (FigureHeadRow) among the figures whose version 1 row
 * (its one with an open valid range: `o`) matches `where`: the retraction
 * from the closure it left on the figure's rows.
 */
export const figureHeads = (s: SnapshotView, where: RawBuilder<unknown>): RawBuilder<unknown> => sql`
  SELECT o.figure_id, o.metric_key, o.source_id, o.unit, o.recorded_from AS first_seq,
         r.recorded_to AS retracted_seq, r.recorded_to_position AS retracted_position, r.recorded_to_at AS retracted_at,
         r.closed_reason AS retraction_reason, r.closed_actor AS retracted_by
    FROM ${table(s, 'figure_versions')} o
    LEFT JOIN LATERAL (SELECT x.recorded_to, x.recorded_to_position, x.recorded_to_at, x.closed_reason, x.closed_actor
                         FROM ${table(s, 'figure_versions')} x WHERE x.figure_id = o.figure_id AND x.closed_by = 'retraction' LIMIT 1) r ON true
   WHERE o.version = 1 AND o.valid_to IS NULL AND ${where}`;

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
export async function metricFiguresAt(
  s: Snapshot,
  metricKey: string,
  options: { sourceId?: string; after: string[] | null; limit: number },
): Promise<FigureListRow[]> {
  const source = (alias: string) => (options.sourceId ? sql`AND ${sql.ref(`${alias}.source_id`)} = ${options.sourceId}` : sql``);
  const after = (alias: string) =>
    options.after
      ? sql`AND (${sql.ref(`${alias}.source_id`)}, ${sql.ref(`${alias}.figure_id`)}) > (${options.after[0]}, ${options.after[1]}::uuid)`
      : sql``;
  const query = onCurrentPath(s)
    ? sql`SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'figure_versions')} v
           WHERE v.metric_key = ${metricKey} AND ${currentRow('v')} ${source('v')} ${after('v')}
           ORDER BY v.source_id, v.figure_id LIMIT ${options.limit + 1}`
    : sql`SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'figure_versions')} v
           WHERE v.metric_key = ${metricKey} AND ${heldAt(s)} AND ${validAt(s)} ${source('v')} ${after('v')}
           ORDER BY v.source_id, v.figure_id LIMIT ${options.limit + 1}`;
  return (await sql<FigureListRow>`${query}`.execute(s.trx)).rows;
}

/** Each figure of the source held at the basis; keyset-paged by (metric, figure). */
export async function sourceFiguresAt(
  s: Snapshot,
  sourceId: string,
  options: { metricKey?: string; after: string[] | null; limit: number },
): Promise<FigureListRow[]> {
  const metric = (alias: string) => (options.metricKey ? sql`AND ${sql.ref(`${alias}.metric_key`)} = ${options.metricKey}` : sql``);
  const after = (alias: string) =>
    options.after
      ? sql`AND (${sql.ref(`${alias}.metric_key`)}, ${sql.ref(`${alias}.figure_id`)}) > (${options.after[0]}, ${options.after[1]}::uuid)`
      : sql``;
  // Through the metrics the source reported on: one index range per metric, in either table.
  const query = onCurrentPath(s)
    ? sql`SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'metric_sources')} ms
           JOIN ${table(s, 'figure_versions')} v ON v.metric_key = ms.metric_key AND v.source_id = ms.source_id
           WHERE ms.source_id = ${sourceId} AND ${currentRow('v')} ${metric('v')} ${after('v')}
           ORDER BY v.metric_key, v.figure_id LIMIT ${options.limit + 1}`
    : sql`SELECT ${selectColumns(FIGURE_LIST_COLUMNS, 'v')} FROM ${table(s, 'metric_sources')} ms
           JOIN ${table(s, 'figure_versions')} v ON v.metric_key = ms.metric_key AND v.source_id = ms.source_id
           WHERE ms.source_id = ${sourceId} AND ${heldAt(s)} AND ${validAt(s)} ${metric('v')} ${after('v')}
           ORDER BY v.metric_key, v.figure_id LIMIT ${options.limit + 1}`;
  return (await sql<FigureListRow>`${query}`.execute(s.trx)).rows;
}

/** The figure's head if it existed at the basis (it may have been retracted since, or by then). */
export async function figureAt(s: Snapshot, figureId: string): Promise<FigureHeadRow | null> {
  const { rows } = await sql<FigureHeadRow>`
    SELECT ${selectColumns(FIGURE_HEAD_COLUMNS, 'h')}
      FROM (${figureHeads(s, sql`o.figure_id = ${figureId}::uuid AND o.recorded_from <= ${s.seq}::bigint`)}) h`.execute(s.trx);
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

/** Citations of the report recorded by the basis, oldest first (versions' and the others', merged); keyset-paged by seq. */
export async function reportCitationsAt(
  s: Snapshot,
  reportId: string,
  options: { after: string[] | null; limit: number },
): Promise<ReportCitationRow[]> {
  const after = (seq: RawBuilder<unknown>) => (options.after ? sql`AND ${seq} > ${options.after[0]}::bigint` : sql``);
  const limit = options.limit + 1;
  const { rows } = await sql<ReportCitationRow>`
    SELECT ${selectColumns(CITATION_COLUMNS, 'c')}, f.metric_key, f.source_id,
           coalesce(f.retracted_seq <= ${s.seq}::bigint, false) AS retracted
      FROM ((SELECT t.* FROM ${table(s, 'citations')} t
              WHERE t.report_id = ${reportId} AND t.seq <= ${s.seq}::bigint ${after(sql.ref('t.seq'))} ORDER BY t.seq LIMIT ${limit})
            UNION ALL
            (${versionCitations(s.schema(FIGURES_PROJECTION), sql`v.report_id = ${reportId} AND v.version_seq <= ${s.seq}::bigint ${after(sql.ref('v.version_seq'))}`)}
              ORDER BY v.version_seq LIMIT ${limit})) c
     CROSS JOIN LATERAL (${figureHeads(s, sql`o.figure_id = c.figure_id`)}) f
     ORDER BY c.seq LIMIT ${limit}`.execute(s.trx);
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
