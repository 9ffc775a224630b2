import { sql, type RawBuilder } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import type { SnapshotView } from '../query/read-snapshot';
import { isoTimestamp } from '../shared/batch-rows';
import type { FigureVersionRow } from './figure-rows';
import { FIGURES_PROJECTION } from './figures.projection';
import { heldAt, onCurrentPath, validAt } from './figures.repository';
import { currentRow, retractedRow } from './figures.tables';

export type EstimateCandidate = Pick<
  FigureVersionRow,
  | 'figure_id'
  | 'version'
  | 'source_id'
  | 'qualifier'
  | 'value'
  | 'low'
  | 'high'
  | 'valid_at'
  | 'valid_precision'
  | 'version_position'
  | 'version_recorded_at'
  | 'report_id'
  | 'quote'
  | 'quote_offset'
> & {
  /** The source's party-to-conflict flag as it stood at the basis. */
  party_to_conflict: boolean;
  /** The source was awaiting verification at the basis (a source not registered then counts as unverified). */
  needs_review: boolean;
};

/** What the estimate reads about a metric at the basis. */
export interface EstimateRows {
  unit: string;
  candidates: EstimateCandidate[];
  /** The last event at or before the basis that changed what the ledger held about any figure of the metric. */
  lastChange: { position: string; recordedAt: string } | null;
}

/** A read's snapshot, or the projector's own batch transaction seen as one (head-estimates.ts). */
export type EstimateSnapshot = SnapshotView & { trx: SqlConnection };

const table = (s: EstimateSnapshot, name: string) => sql.id(s.schema(FIGURES_PROJECTION), name);

/**
 * The metric, its candidates with their sources' flags at the basis, and its last
 * change, in one statement: each statement is a round trip, and on a busy
 * host every round trip adds its own scheduling tail. Null when the metric
 * is not registered at the basis.
 */
export async function estimateRowsAt(s: EstimateSnapshot, metricKey: string): Promise<EstimateRows | null> {
  const { rows } = await sql<Partial<EstimateCandidate> & { unit: string; last_change_position: string | null; last_change_at: string | null }>`
    SELECT m.unit, lc.position::text AS last_change_position, ${isoTimestamp(sql.ref('lc.at'))} AS last_change_at,
           c.*, coalesce(sp.party_to_conflict, false) AS party_to_conflict, coalesce(sp.needs_review, true) AS needs_review
      FROM ${table(s, 'metrics')} m
      LEFT JOIN LATERAL (${lastChange(s, metricKey)}) lc ON true
      LEFT JOIN (${candidates(s, metricKey)}) c ON true
      LEFT JOIN ${table(s, 'source_parties')} sp ON sp.source_id = c.source_id AND ${heldAt(s, 'sp')}
     WHERE m.metric_key = ${metricKey} AND m.registered_seq <= ${s.seq}::bigint
     ORDER BY c.source_id`.execute(s.trx);
  const first = rows[0];
  if (!first) return null;
  return {
    unit: first.unit,
    candidates: rows
      .filter((r) => r.figure_id != null)
      .map(({ unit: _u, last_change_position: _p, last_change_at: _a, ...c }) => c as EstimateCandidate),
    lastChange: first.last_change_position === null ? null : { position: first.last_change_position, recordedAt: first.last_change_at! },
  };
}

/**
 * Per source, the figure computeEstimate would retain: among the versions
 * held at the basis and valid at validAt (at most one per figure), the latest
 * validAt, then the latest recorded position, then the smallest figure id —
 * its own order, so it picks the same row from this shortlist (uuid order is
 * the order of the lower-case strings). One index probe per source of the
 * metric, newest first, stopping at the first row that qualifies; on the
 * current path among the current rows (their partial index), else among all version rows.
 */
function candidates(s: EstimateSnapshot, metricKey: string): RawBuilder<unknown> {
  const probe = onCurrentPath(s)
    ? sql`SELECT f.figure_id::text AS figure_id, f.version, f.source_id, f.qualifier,
                 f.value::float8 AS value, f.low::float8 AS low, f.high::float8 AS high,
                 to_char(f.valid_at, 'YYYY-MM-DD') AS valid_at, f.valid_precision,
                 f.version_position::text AS version_position, ${isoTimestamp(sql.ref('f.version_recorded_at'))} AS version_recorded_at,
                 f.report_id, f.quote, f.quote_offset
            FROM ${table(s, 'figure_versions')} f
           WHERE f.metric_key = ${metricKey} AND f.source_id = ms.source_id AND ${currentRow('f')} AND f.valid_at <= ${s.validAt}::date
           ORDER BY f.valid_at DESC, f.version_position DESC, f.figure_id
           LIMIT 1`
    : sql`SELECT v.figure_id::text AS figure_id, v.version, v.source_id, v.qualifier,
                 v.value::float8 AS value, v.low::float8 AS low, v.high::float8 AS high,
                 to_char(v.valid_at, 'YYYY-MM-DD') AS valid_at, v.valid_precision,
                 v.version_position::text AS version_position, ${isoTimestamp(sql.ref('v.version_recorded_at'))} AS version_recorded_at,
                 v.report_id, v.quote, v.quote_offset
            FROM ${table(s, 'figure_versions')} v
           WHERE v.metric_key = ${metricKey} AND v.source_id = ms.source_id AND ${validAt(s)} AND ${heldAt(s)}
           ORDER BY v.valid_at DESC, v.version_position DESC, v.figure_id
           LIMIT 1`;
  return sql`
    SELECT c.* FROM ${table(s, 'metric_sources')} ms CROSS JOIN LATERAL (${probe}) c
     WHERE ms.metric_key = ${metricKey} AND ms.first_seq <= ${s.seq}::bigint`;
}

/**
 * The last change at or before the basis: every change of belief about a
 * figure opens a version row, except a retraction, which only closes them.
 */
function lastChange(s: EstimateSnapshot, metricKey: string): RawBuilder<unknown> {
  return sql`
    SELECT changes.position, changes.at FROM (
      (SELECT v.recorded_from AS seq, v.recorded_from_position AS position, v.recorded_from_at AS at
         FROM ${table(s, 'figure_versions')} v
        WHERE v.metric_key = ${metricKey} AND v.recorded_from <= ${s.seq}::bigint
        ORDER BY v.recorded_from DESC LIMIT 1)
      UNION ALL
      (SELECT r.recorded_to, r.recorded_to_position, r.recorded_to_at
         FROM ${table(s, 'figure_versions')} r
        WHERE r.metric_key = ${metricKey} AND ${retractedRow('r')} AND r.recorded_to <= ${s.seq}::bigint
        ORDER BY r.recorded_to DESC LIMIT 1)
    ) changes ORDER BY changes.seq DESC LIMIT 1`;
}
