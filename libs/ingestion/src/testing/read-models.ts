import type { Kysely } from 'kysely';
import type { EngineDb } from '@factledger/projections';
import { firstVersion, ProjectionEngine, READ_MODELS } from '@factledger/projections';

/**
 * Runs the real `catalog` and `figures` read models (libs/projections) on a
 * test database, as the worker does, so matching reads what production reads
 * and `waitForPosition` behaves the same. stop() when done.
 */
export async function startReadModels(db: Kysely<EngineDb>, connectionString: string): Promise<ProjectionEngine> {
  const engine = new ProjectionEngine({
    db,
    connectionString,
    definitions: READ_MODELS.map((spec) => spec.define(firstVersion(spec))),
    logger: { log: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) },
    pollIntervalMs: 50,
    lockRetryMs: 100,
  });
  await engine.start();
  return engine;
}
