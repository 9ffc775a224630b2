import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import type { EstimateCombination } from '../query/estimate-fold';
import { cursorHeadSelect } from '../shared/ledger-cursor';
import { FIGURES_PROJECTION } from './figures.projection';

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
const keeping = new WeakMap<Kysely<EngineDb>, Map<string, Promise<boolean>>>();

function keepsHeadEstimates(db: Kysely<EngineDb>, schema: string): Promise<boolean> {
  let schemas = keeping.get(db);
  if (!schemas) keeping.set(db, (schemas = new Map()));
  let known = schemas.get(schema);
  if (!known) {
    known = sql<{ kept: boolean }>`SELECT to_regclass(${`${quoteIdent(schema)}.head_estimates`}) IS NOT NULL AND NOT pg_is_in_recovery() AS kept`
      .execute(db)
      .then((r) => r.rows[0]!.kept);
    const forget = schemas;
    known.catch(() => forget.delete(schema));
    schemas.set(schema, known);
  }
  return known;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

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
  if (!(await keepsHeadEstimates(db, schema))) return null;
  const { rows } = await sql<HeadEstimateRead>`
    SELECT c.position, c."recordedAt", to_char(h.valid_at, 'YYYY-MM-DD') AS "validAt", h.data
      FROM (${cursorHeadSelect(FIGURES_PROJECTION, schema)}) c
      JOIN ${sql.id(schema, 'head_estimates')} h
        ON h.metric_key = ${metricKey} AND h.algorithm_version = ${c.algorithmVersion}
       AND h.exclude_parties = ${c.excludeParties} AND h.include_unverified = ${c.includeUnverified}`.execute(db);
  return rows[0] ?? null;
}
