import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { DomainError } from '@factledger/shared';
import { prepareRebuild, RETIRED_SCHEMA_GRACE_MS } from './ensure-projection';
import { loadCheckpoint } from './checkpoints.repository';
import { defaultOwner } from './projection-engine';
import type { ProjectionDefinition, ProjectionLogger } from './projection-definition';
import { ProjectionRunner, type RebuildProgress } from './projection-runner';
import { BULK_BATCH_SIZE } from './projection-runner.types';
import { activeVersion } from './registry.repository';

export interface RebuildOptions {
  /** For the dedicated connection that holds the version's lock while building. */
  connectionString: string;
  onProgress?: (progress: RebuildProgress) => void;
  logger?: ProjectionLogger;
  /** Default 5000. */
  batchSize?: number;
  /** Default BULK_BATCH_SIZE (see ProjectionRunnerOptions.bulkBatchSize). */
  bulkBatchSize?: number;
  /** Default true (see ProjectionRunnerOptions.firstFill). */
  firstFill?: boolean;
  /** Start the version over instead of resuming its progress. */
  fresh?: boolean;
  lockRetryMs?: number;
  retiredSchemaGraceMs?: number;
}

export interface RebuildResult {
  name: string;
  version: number;
  /** The version readers used before; now retired and its schema dropped. */
  replacedVersion: number | null;
}

const silent: ProjectionLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Builds `definition.version` beside the active version from START with large
 * batches, switches readers to it once caught up, retires and drops the old
 * version. Resumes an interrupted rebuild; if another instance (a worker
 * already running the new definition) holds the version, waits for it and
 * reports its progress. Rejects if the rebuild fails (the version is marked
 * failed; running this again retries it).
 */
export async function rebuildProjection(db: Kysely<EngineDb>, definition: ProjectionDefinition, options: RebuildOptions): Promise<RebuildResult> {
  await prepareRebuild(db, definition, { fresh: options.fresh });
  const replacedVersion = await activeVersion(db, definition.name);
  let failure: string | null = null;
  const runner = new ProjectionRunner(definition, {
    db,
    connectionString: options.connectionString,
    owner: `rebuild:${defaultOwner()}`,
    logger: options.logger ?? silent,
    // A worker's runner stands by when failed; a rebuild gives up instead.
    onFailed: (error) => {
      failure = error;
      void runner.stop();
    },
    batchSize: options.batchSize ?? 5000,
    rebuildBatchSize: options.batchSize ?? 5000,
    bulkBatchSize: options.bulkBatchSize ?? BULK_BATCH_SIZE,
    firstFill: options.firstFill,
    pollIntervalMs: 200,
    lockRetryMs: options.lockRetryMs ?? 500,
    retiredSchemaGraceMs: options.retiredSchemaGraceMs ?? RETIRED_SCHEMA_GRACE_MS,
    untilActive: true,
    onProgress: options.onProgress,
  });
  const exit = await runner.start();
  await runner.settled();
  if (exit !== 'active') {
    const row = await loadCheckpoint(db, definition.name, definition.version);
    throw new DomainError(
      'projection.rebuild_failed',
      'unavailable',
      `Rebuild of ${definition.name} v${definition.version} did not finish: ${row?.error ?? failure ?? exit}`,
      {
        projection: definition.name,
        version: definition.version,
        state: row?.state,
      },
    );
  }
  return { name: definition.name, version: definition.version, replacedVersion };
}
