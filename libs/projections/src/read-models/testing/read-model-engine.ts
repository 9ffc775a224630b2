import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { ProjectionEngine, type ProjectionEngineOptions } from '../../engine';
import { firstVersion, READ_MODELS, type ReadModelSettings } from '../read-model-lineage';

/** Every read model of this code, started on a test database as the worker runs them (quiet but for errors, quick polling). */
export async function startReadModelEngine(
  database: { db: Kysely<EngineDb>; url: string },
  options: Partial<Pick<ProjectionEngineOptions, 'batchSize' | 'pollIntervalMs'>> & ReadModelSettings = {},
): Promise<ProjectionEngine> {
  const { headEstimateBudgetMs, headEstimateHotWindowMs, ...tuning } = options;
  const engine = new ProjectionEngine({
    db: database.db,
    connectionString: database.url,
    definitions: READ_MODELS.map((spec) => spec.define(firstVersion(spec), { headEstimateBudgetMs, headEstimateHotWindowMs })),
    logger: { log: () => undefined, warn: () => undefined, error: console.error },
    pollIntervalMs: 20,
    ...tuning,
  });
  await engine.start();
  return engine;
}
