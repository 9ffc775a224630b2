import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../engine/projection.tables';
import { invalid } from '@factledger/shared';
import type { ProjectionDefinition } from '../engine';
import { catalogProjection, CATALOG_PROJECTION } from './catalog/catalog.projection';
import { figuresProjection, FIGURES_PROJECTION } from './figures/figures.projection';

/**
 * A read model's code, and the versions it may run as. Engine versions are
 * `codeVersion * 1000 + generation`: bump `codeVersion` when setup or apply
 * change (workers then rebuild beside the old version on deploy); a rebuild
 * of unchanged code (`factledger rebuild`) takes the next generation, which
 * running workers of the same code follow once it is switched in.
 */
export interface ReadModelSpec {
  name: string;
  codeVersion: number;
  define(version: number, settings?: ReadModelSettings): ProjectionDefinition;
}

/** The worker's settings that tune how a read model keeps its derived rows (never what its tables mean). */
export interface ReadModelSettings {
  /** HEAD_ESTIMATE_BUDGET_MS: the figures projector's head-estimate work per batch (head-estimates.ts). */
  headEstimateBudgetMs?: number;
  /** When a metric counts as hot (head-estimates.ts' HOT_WINDOW_MS unless given; 0: never): tests that expect a row after each write. */
  headEstimateHotWindowMs?: number;
}

export const GENERATIONS_PER_CODE_VERSION = 1000;

export const READ_MODELS: readonly ReadModelSpec[] = [
  // catalog 2: reports.published_zone (report.registered.v2); v1 registrations have it null.
  { name: CATALOG_PROJECTION, codeVersion: 2, define: (version) => catalogProjection({ version }) },
  // figures 2: figure_versions_by_metric also keys recorded_from and the valid end (as-of estimates at 1M).
  // figures 3: source_parties.needs_review, a source's verification over time (estimate algorithm 2).
  // figures 3: a range's point is overflow-free (midpoint): a range near ±1.8e308, stored before the amount bound, held Infinity.
  // figures 4: head_estimates, each metric's head estimate per filter combination, kept once caught up (head-estimates.ts).
  // figures 5: head_estimate_backlog, the metrics whose rows wait for a batch's budget.
  // figures 6: no figures_current: a figure's current state is its current version's open row (partial index), no per-event current-row
  // write; a version's citation is its first row (no citation row per report or revision).
  // figures 8: figure_versions without the generated recorded/valid ranges (no query read them), no statistics on columns
  // no query filters on.
  { name: FIGURES_PROJECTION, codeVersion: 8, define: (version, settings) => figuresProjection({ version, ...settings }) },
];

export const firstVersion = (spec: ReadModelSpec): number => spec.codeVersion * GENERATIONS_PER_CODE_VERSION;
export const isOwnGeneration = (spec: ReadModelSpec, version: number): boolean =>
  version >= firstVersion(spec) && version < firstVersion(spec) + GENERATIONS_PER_CODE_VERSION;

export function readModelSpec(name: string): ReadModelSpec {
  const spec = READ_MODELS.find((s) => s.name === name);
  if (!spec)
    throw invalid('projection.unknown', `No read model named ${name} (known: ${READ_MODELS.map((s) => s.name).join(', ')})`, { projection: name });
  return spec;
}

async function versionsOf(db: Kysely<EngineDb>, name: string): Promise<{ active: number | null; existing: { version: number; state: string }[] }> {
  const { rows } = await sql<{ version: number; state: string; active_version: number | null }>`
    SELECT c.version, c.state, r.active_version FROM projection_checkpoints c
      LEFT JOIN projection_registry r ON r.name = c.name
     WHERE c.name = ${name} ORDER BY c.version`.execute(db);
  return { active: rows[0]?.active_version ?? null, existing: rows.map((r) => ({ version: r.version, state: r.state })) };
}

/** The version a worker runs: the active one when it is a generation of this code, else this code's first. */
export async function workerDefinition(db: Kysely<EngineDb>, spec: ReadModelSpec, settings?: ReadModelSettings): Promise<ProjectionDefinition> {
  const { active } = await versionsOf(db, spec.name);
  return spec.define(active !== null && isOwnGeneration(spec, active) ? active : firstVersion(spec), settings);
}

/**
 * The version a rebuild builds beside the active one: an unfinished rebuild
 * of this code is resumed, else the next generation; the first version of
 * this code when an older code's version (or none) is active.
 */
export async function rebuildDefinition(db: Kysely<EngineDb>, spec: ReadModelSpec): Promise<ProjectionDefinition> {
  const { active, existing } = await versionsOf(db, spec.name);
  if (active === null || active < firstVersion(spec)) return spec.define(firstVersion(spec));
  if (!isOwnGeneration(spec, active)) {
    throw invalid(
      'projection.newer_code_active',
      `Read model ${spec.name} v${active} was built by newer code than this (v${firstVersion(spec)}…); run the rebuild from the newer release`,
      {
        projection: spec.name,
        activeVersion: active,
      },
    );
  }
  const unfinished = existing.find((e) => e.version > active && isOwnGeneration(spec, e.version) && e.state !== 'stopped');
  const version = unfinished?.version ?? active + 1;
  if (!isOwnGeneration(spec, version))
    throw invalid('projection.generations_exhausted', `Read model ${spec.name} has no generation left for code version ${spec.codeVersion}`);
  return spec.define(version);
}
