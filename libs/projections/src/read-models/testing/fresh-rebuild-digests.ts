import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { rebuildProjection, schemaName, type ProjectionDefinition } from '../../engine';
import { catalogProjection } from '../catalog/catalog.projection';
import { digestSchema, liveReadModelDigests } from '../digest';
import { figuresProjection } from '../figures/figures.projection';

/** Each read model's projection under another name: a build from the log that shares nothing with the live one. */
const FRESH: Record<string, (name: string) => ProjectionDefinition> = {
  catalog: (name) => catalogProjection({ name, version: 1 }),
  figures: (name) => figuresProjection({ name, version: 1 }),
};

export interface DigestPair {
  name: string;
  /** How the fresh one was built: by its first fill, or by bulk batches (ProjectionRunnerOptions.firstFill). */
  path: 'fill' | 'batches';
  /** The live read model's schema and the fresh one's. */
  schemas: { live: string; fresh: string };
  /** The live read model's checkpoint position. */
  position: string;
  live: { digest: string; rows: Record<string, number> };
  fresh: { digest: string; rows: Record<string, number> };
}

/** Test ledgers hold tens to thousands of events: most of a fresh rebuild goes through bulk batches. */
const FRESH_BULK_BATCH_SIZE = 50;

const rowsOf = (tables: { name: string; rows: number }[]) => Object.fromEntries(tables.map((t) => [t.name, t.rows]));
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Digests (libs/projections/src/read-models/digest) of every live read model
 * and of two fresh rebuilds of it from the whole log, one by its first fill
 * (`<name>_fresh`) and one by bulk batches (`<name>_batches`): the live one
 * is right exactly when the digests are equal. Call it once the live models
 * reached the head, with no writes under way; once per database.
 */
export async function liveAndFreshDigests(db: Kysely<EngineDb>, connectionString: string): Promise<DigestPair[]> {
  const live = await liveReadModelDigests(db);
  const pairs: DigestPair[] = [];
  for (const model of live) {
    const define = FRESH[model.name];
    if (!define) throw new Error(`no fresh projection for read model ${model.name}: add it to FRESH`);
    for (const path of ['fill', 'batches'] as const) pairs.push(await freshPair(db, connectionString, model, define, path));
  }
  return pairs;
}

async function freshPair(
  db: Kysely<EngineDb>,
  connectionString: string,
  model: Awaited<ReturnType<typeof liveReadModelDigests>>[number],
  define: (name: string) => ProjectionDefinition,
  path: DigestPair['path'],
): Promise<DigestPair> {
  const definition = define(`${model.name}_${path === 'fill' ? 'fresh' : 'batches'}`);
  // Bulk (COPY) from a small size on, so every check also proves the fill and the bulk batches equal to the live batches.
  const firstFill = path === 'fill';
  await rebuildProjection(db, definition, { connectionString, logger: silent, bulkBatchSize: FRESH_BULK_BATCH_SIZE, firstFill });
  const fresh = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => digestSchema(trx, schemaName(definition.name, definition.version)));
  return {
    name: model.name,
    path,
    schemas: { live: schemaName(model.name, model.version), fresh: schemaName(definition.name, definition.version) },
    position: model.position,
    live: { digest: model.digest, rows: rowsOf(model.tables) },
    fresh: { digest: fresh.digest, rows: rowsOf(fresh.tables) },
  };
}
