import { sql } from 'kysely';
import type { Snapshot } from '../query/read-snapshot';
import { isoTimestamp } from '../shared/batch-rows';
import type { FigureVersionRow } from './figure-rows';
import { FIGURES_PROJECTION } from './figures.projection';
import { heldAt, onCurrentPath, validAt } from './figures.repository';

export type EstimateCandidate = Pick<
  FigureVersionRow,
    | 'figure_id' | 'version' | 'source_id' | 'qualifier' | 'value' | 'low' | 'high' | 'valid_at' | 'valid_precision' | 'version_position' | 'version_recorded_at'
  | 'report_id' | 'quote' | 'quote_offset'
>;

const table = (s: Snapshot, name: string) => sql.id(s.schema(FIGURES_PROJECTION), name);

/**
 * Per source, the figure computeEstimate would retain: among the versions
 * held at the basis and valid at validAt (at most one per figure), the latest
 * validAt, then the latest recorded position, then the smallest figure id —
 * its own order, so it picks the same row from this shortlist (uuid order is
 * the order of the lower-case strings). One index probe per source of the
 * metric, newest first, stopping at the first row that qualifies; on the
 * current path in figures_current, else in the bitemporal figure_versions.
 */
export async function estimateCandidates(s: Snapshot, metricKey: string): Promise<EstimateCandidate[]> {
  const probe = onCurrentPath(s)
    ? sql`SELECT f.figure_id::text AS figure_id, f.current_version AS version, f.source_id, f.qualifier,
                 f.value::float8 AS value, f.low::float8 AS low, f.high::float8 AS high,
                 to_char(f.valid_at, 'YYYY-MM-DD') AS valid_at, f.valid_precision,
                 f.version_position::text AS version_position, ${isoTimestamp(sql.ref('f.version_recorded_at'))} AS version_recorded_at,
                 f.report_id, f.quote, f.quote_offset
            FROM ${table(s, 'figures_current')} f
           WHERE f.metric_key = ${metricKey} AND f.source_id = ms.source_id AND f.status = 'active' AND f.valid_at <= ${s.validAt}::date
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
  const { rows } = await sql<EstimateCandidate>`
    SELECT c.* FROM ${table(s, 'metric_sources')} ms CROSS JOIN LATERAL (${probe}) c
     WHERE ms.metric_key = ${metricKey} AND ms.first_seq <= ${s.seq}::bigint`.execute(s.trx);
  return rows;
}

/** Party-to-conflict flags of the sources as they stood at the basis. */
export async function partiesAt(s: Snapshot, sourceIds: readonly string[]): Promise<Map<string, boolean>> {
  if (sourceIds.length === 0) return new Map();
  const { rows } = await sql<{ source_id: string; party_to_conflict: boolean }>`
    SELECT source_id, party_to_conflict FROM ${table(s, 'source_parties')}
     WHERE source_id = ANY (${sourceIds}::text[]) AND recorded @> ${s.seq}::bigint`.execute(s.trx);
  return new Map(rows.map((r) => [r.source_id, r.party_to_conflict]));
}

/**
 * The last event at or before the basis that changed what the ledger held
 * about any figure of the metric: every such change opens a version row,
 * except a retraction, which only closes them.
 */
export async function lastChangeAt(s: Snapshot, metricKey: string): Promise<{ position: string; recordedAt: string } | null> {
  const { rows } = await sql<{ position: string; recordedAt: string }>`
    SELECT position::text AS position, ${isoTimestamp(sql.ref('at'))} AS "recordedAt" FROM (
      (SELECT v.recorded_from AS seq, v.recorded_from_position AS position, v.recorded_from_at AS at
         FROM ${table(s, 'figure_versions')} v
        WHERE v.metric_key = ${metricKey} AND v.recorded_from <= ${s.seq}::bigint
        ORDER BY v.recorded_from DESC LIMIT 1)
      UNION ALL
      (SELECT f.retracted_seq, f.retracted_position, f.retracted_at
         FROM ${table(s, 'figures_current')} f
        WHERE f.metric_key = ${metricKey} AND f.retracted_seq <= ${s.seq}::bigint
        ORDER BY f.retracted_seq DESC LIMIT 1)
    ) changes ORDER BY seq DESC LIMIT 1`.execute(s.trx);
  return rows[0] ?? null;
}
