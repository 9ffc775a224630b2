import { sql, type RawBuilder } from 'kysely';
import { PREPARED_STATEMENT, type SqlConnection } from '@factledger/platform';
import type { EstimateCombination } from '../query/estimate-fold';
import type { SnapshotView } from '../query/read-snapshot';
import { isoTimestamp } from '../shared/batch-rows';
import type { FigureVersionRow } from './figure-rows';
import { FIGURES_PROJECTION } from './figures.projection';
import { heldAt, onCurrentPath, validAt } from './figures.repository';
import { currentRow, retractedRow } from './figures.tables';
import { cursorHeadSelect } from '../shared/ledger-cursor';

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
    ? currentCandidate(s, sql`${metricKey}`, sql.ref('ms.source_id'), candidateColumns('f', true))
    : sql`SELECT ${candidateColumns('v', true)}
            FROM ${table(s, 'figure_versions')} v
           WHERE v.metric_key = ${metricKey} AND v.source_id = ms.source_id AND ${validAt(s)} AND ${heldAt(s)}
           ORDER BY v.valid_at DESC, v.version_position DESC, v.figure_id
           LIMIT 1`;
  return sql`
    SELECT c.* FROM ${table(s, 'metric_sources')} ms CROSS JOIN LATERAL (${probe}) c
     WHERE ms.metric_key = ${metricKey} AND ms.first_seq <= ${s.seq}::bigint`;
}

/** A candidate's columns as the fold reads them (amounts as float8), or as head_estimate_sources keeps them (numeric, exact). */
function candidateColumns(alias: string, float: boolean): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const amount = (name: string) => (float ? sql`${col(name)}::float8 AS ${sql.id(name)}` : col(name));
  return sql`${col('figure_id')}::text AS figure_id, ${col('version')}, ${col('source_id')}, ${col('qualifier')},
             ${amount('value')}, ${amount('low')}, ${amount('high')},
             to_char(${col('valid_at')}, 'YYYY-MM-DD') AS valid_at, ${col('valid_precision')},
             ${col('version_position')}::text AS version_position, ${isoTimestamp(col('version_recorded_at'))} AS version_recorded_at,
             ${col('report_id')}, ${col('quote')}, ${col('quote_offset')}`;
}

/** The current path's probe for one source: among its current rows (their partial index) valid at validAt, the one the estimate retains. */
const currentCandidate = (s: EstimateSnapshot, metric: RawBuilder<unknown>, source: RawBuilder<unknown>, columns: RawBuilder<unknown>) => sql`
  SELECT ${columns}
    FROM ${table(s, 'figure_versions')} f
   WHERE f.metric_key = ${metric} AND f.source_id = ${source} AND ${currentRow('f')} AND f.valid_at <= ${s.validAt}::date
   ORDER BY f.valid_at DESC, f.version_position DESC, f.figure_id
   LIMIT 1`;

/** Which candidates to redo: some pairs, every pair of some metrics, or all (null). */
export type HeadSourcesScope = { metricKeys: string[]; sourceIds: string[] } | { metrics: readonly string[] } | null;

/**
 * Keeps head_estimate_sources in the projector's batch (s: its own
 * transaction at the batch's end, today): the candidate of every pair in
 * `scope` as the current path's probe picks it now. A pair
 * whose figures no batch touched since keeps its row, and its row stays what
 * the probe answers (it reads only that pair's figure rows).
 */
export async function keepHeadSources(s: EstimateSnapshot, scope: HeadSourcesScope): Promise<void> {
  const target = table(s, 'head_estimate_sources');
  let only = sql``;
  let where = sql``;
  if (scope === null) await sql`DELETE FROM ${target}`.execute(s.trx);
  else if ('metrics' in scope) {
    if (scope.metrics.length === 0) return;
    await sql`DELETE FROM ${target} WHERE metric_key = ANY (${scope.metrics}::text[])`.execute(s.trx);
    where = sql`WHERE ms.metric_key = ANY (${scope.metrics}::text[])`;
  } else if (scope.metricKeys.length === 0) return;
  else {
    await sql`DELETE FROM ${target} t USING unnest(${scope.metricKeys}::text[], ${scope.sourceIds}::text[]) p (metric_key, source_id)
               WHERE t.metric_key = p.metric_key AND t.source_id = p.source_id`.execute(s.trx);
    only = sql`JOIN unnest(${scope.metricKeys}::text[], ${scope.sourceIds}::text[]) p (metric_key, source_id)
              ON p.metric_key = ms.metric_key AND p.source_id = ms.source_id`;
  }
  const probe = currentCandidate(s, sql.ref('ms.metric_key'), sql.ref('ms.source_id'), candidateColumns('f', false));
  await sql`
    INSERT INTO ${target} (metric_key, figure_id, version, source_id, qualifier, value, low, high, valid_at, valid_precision,
                           version_position, version_recorded_at, report_id, quote, quote_offset)
    SELECT ms.metric_key, c.* FROM ${table(s, 'metric_sources')} ms ${only} CROSS JOIN LATERAL (${probe}) c ${where}`.execute(s.trx);
}

/** What a head read finds kept: the combination's row (its answer's JSON), or else the metric's candidates. */
export interface HeadKept {
  /** The model's head, read in the same statement. */
  head: { position: string; recordedAt: string | null };
  /** The kept row's data (JSON text), when asked for a combination that has one. */
  data: string | null;
  /** Otherwise the estimate's rows from the kept candidates. */
  rows: EstimateRows | null;
}

/**
 * The estimate's rows at the model's head from head_estimate_sources, and
 * that head, in one statement: the same rows estimateRowsAt reads at the head
 * for `today`, without a probe per source. The sources' flags and the last
 * change are read at the head as estimateRowsAt reads them (at the head every
 * row is at or before its seq, so no seq bounds them). With `row`, the
 * combination's kept row for `today` is read too, and the candidates only
 * when it is absent: one round trip either way. Null when nothing is kept
 * for `today` or the metric is not registered (then compute). Prepared:
 * its planning cost more than its execution. The last change is one row,
 * materialised once (joined laterally, it ran once per candidate).
 */
export async function headSourceRowsAt(
  db: SqlConnection,
  schema: string,
  metricKey: string,
  today: string,
  row?: EstimateCombination,
): Promise<HeadKept | null> {
  const t = (name: string) => sql.id(schema, name);
  const atHead: EstimateSnapshot = {
    trx: db,
    seq: HEAD_SEQ,
    validAt: today,
    validAtIsToday: true,
    schema: () => schema,
    atHead: () => true,
  };
  const kept = row
    ? sql`LEFT JOIN ${t('head_estimates')} h
            ON h.metric_key = ${metricKey} AND h.algorithm_version = ${row.algorithmVersion}
           AND h.exclude_parties = ${row.excludeParties} AND h.include_unverified = ${row.includeUnverified} AND h.valid_at = ${today}::date`
    : sql`LEFT JOIN (SELECT NULL::text AS data) h ON false`;
  const { rows } = await sql<
    Partial<EstimateCandidate> & {
      head_position: string;
      head_recorded_at: string | null;
      kept_data: string | null;
      unit: string;
      last_change_position: string | null;
      last_change_at: string | null;
    }
  >`${sql.raw(PREPARED_STATEMENT)}
    WITH lc AS MATERIALIZED (${lastChange(atHead, metricKey)})
    SELECT c.position AS head_position, c."recordedAt" AS head_recorded_at, h.data AS kept_data, m.unit,
           lc.position::text AS last_change_position, ${isoTimestamp(sql.ref('lc.at'))} AS last_change_at,
           k.figure_id, k.version, k.source_id, k.qualifier, k.value::float8 AS value, k.low::float8 AS low, k.high::float8 AS high,
           k.valid_at, k.valid_precision, k.version_position, k.version_recorded_at, k.report_id, k.quote, k.quote_offset,
           coalesce(sp.party_to_conflict, false) AS party_to_conflict, coalesce(sp.needs_review, true) AS needs_review
      FROM (${cursorHeadSelect(FIGURES_PROJECTION, schema)}) c
      JOIN ${t('head_estimate_state')} st ON st.valid_at = ${today}::date
      JOIN ${t('metrics')} m ON m.metric_key = ${metricKey}
      ${kept}
      LEFT JOIN lc ON true
      LEFT JOIN ${t('head_estimate_sources')} k ON k.metric_key = ${metricKey} AND h.data IS NULL
      LEFT JOIN ${t('source_parties')} sp ON sp.source_id = k.source_id AND sp.recorded_to IS NULL
     ORDER BY k.source_id`.execute(db);
  const first = rows[0];
  if (!first) return null;
  const head = { position: first.head_position, recordedAt: first.head_recorded_at };
  if (first.kept_data !== null) return { head, data: first.kept_data, rows: null };
  const candidates = rows
    .filter((r) => r.figure_id != null)
    .map(
      ({ head_position: _h, head_recorded_at: _r, kept_data: _k, unit: _u, last_change_position: _p, last_change_at: _a, ...c }) =>
        c as EstimateCandidate,
    );
  const lastChanged = first.last_change_position === null ? null : { position: first.last_change_position, recordedAt: first.last_change_at! };
  return { head, data: null, rows: { unit: first.unit, candidates, lastChange: lastChanged } };
}

/** Above every seq: at the head, in one snapshot, every stored row is at or before it. */
const HEAD_SEQ = '9223372036854775807';

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
