import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import type { EstimateCombination } from '../query/estimate-fold';
import { quoteIdent } from '../shared/batch-rows';
import { cursorHeadSelect } from '../shared/ledger-cursor';
import { FIGURES_PROJECTION } from './figures.projection';
import { headSourceRowsAt, type HeadKept } from './estimate.repository';

/** A kept head estimate with the head it is read at. */
export interface HeadEstimateRead {
  /** The model's head (its cursor), read in the same statement as the row. */
  position: string;
  recordedAt: string | null;
  /** The day the row answers for. */
  validAt: string;
  /** The estimate as JSON text, exactly as the computed path's data serialises. */
  data: string;
}

/**
 * Per connection pool and schema: whether its version keeps head estimates (versions built by older code do not; a
 * schema's tables never change once readers see it) and this server can read them: the tables are UNLOGGED, which a
 * streaming replica neither receives nor lets anyone read ("cannot access temporary or unlogged relations during
 * recovery"), so reads on a replica (READ_DATABASE_URL) always take the computed path.
 */
const keeping = new WeakMap<Kysely<EngineDb>, Map<string, Promise<Kept>>>();

/** What a schema keeps that this server can read: the rows, and the candidates (head_estimate_sources, from figures model 7). */
interface Kept {
  rows: boolean;
  sources: boolean;
}

function keptBy(db: Kysely<EngineDb>, schema: string): Promise<Kept> {
  let schemas = keeping.get(db);
  if (!schemas) keeping.set(db, (schemas = new Map()));
  let known = schemas.get(schema);
  if (!known) {
    known = sql<Kept>`
      SELECT to_regclass(${`${quoteIdent(schema)}.head_estimates`}) IS NOT NULL AND NOT pg_is_in_recovery() AS rows,
             to_regclass(${`${quoteIdent(schema)}.head_estimate_sources`}) IS NOT NULL AND NOT pg_is_in_recovery() AS sources`
      .execute(db)
      .then((r) => r.rows[0]!);
    const forget = schemas;
    known.catch(() => forget.delete(schema));
    schemas.set(schema, known);
  }
  return known;
}

/**
 * The metric's kept row for one combination and the model's head, in one
 * statement (one snapshot: the row belongs to that head). The row holds for
 * every head from the batch that wrote it until the next batch touching the
 * metric, which rewrites it in its own transaction, so its data at this head
 * is what the computed path would answer here. Null when the version keeps
 * no rows or has none for the metric (not caught up yet, not registered).
 */
export async function headEstimateAt(
  db: Kysely<EngineDb>,
  schema: string,
  metricKey: string,
  c: EstimateCombination,
): Promise<HeadEstimateRead | null> {
  if (!(await keptBy(db, schema)).rows) return null;
  const { rows } = await sql<HeadEstimateRead>`
    SELECT c.position, c."recordedAt", to_char(h.valid_at, 'YYYY-MM-DD') AS "validAt", h.data
      FROM (${cursorHeadSelect(FIGURES_PROJECTION, schema)}) c
      JOIN ${sql.id(schema, 'head_estimates')} h
        ON h.metric_key = ${metricKey} AND h.algorithm_version = ${c.algorithmVersion}
       AND h.exclude_parties = ${c.excludeParties} AND h.include_unverified = ${c.includeUnverified}`.execute(db);
  return rows[0] ?? null;
}

/**
 * The combination's kept row with the model's head (headEstimateAt), or else
 * the metric's kept candidates with the head, in a second statement
 * (headSourceRowsAt, only on a missing row: its joins cost 1.5–7.5 ms to plan
 * on every execution, the row's statement a fraction of that). Each statement
 * is one snapshot, so each answer belongs to the head read with it. Versions
 * without kept candidates (code versions 4–6) read only the row. Null when
 * nothing is kept for `today` or the metric is not registered: then compute.
 */
export async function headKeptAt(
  db: Kysely<EngineDb>,
  schema: string,
  metricKey: string,
  c: EstimateCombination,
  today: string,
): Promise<HeadKept | null> {
  const kept = await keptBy(db, schema);
  const row = kept.rows ? await headEstimateAt(db, schema, metricKey, c) : null;
  if (row && row.validAt === today) return { head: { position: row.position, recordedAt: row.recordedAt }, data: row.data, rows: null };
  // No row for today: the candidates (a row written since is read with them, at their head).
  return kept.sources ? headSourceRowsAt(db, schema, metricKey, today, c) : null;
}
