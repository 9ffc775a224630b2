import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { schemaName } from '../../engine';
import { READ_MODELS } from '../read-model-lineage';
import { activeCheckpoints, assertReadModel, type ActiveCheckpoint } from './active-checkpoints';
import { digestSchema, type SchemaDigest } from './schema-digest';

/** A live read model's digest and the checkpoint its rows describe. */
export type ReadModelDigest = ActiveCheckpoint & SchemaDigest;

/**
 * Digests of the active version of each read model, computed in one
 * REPEATABLE READ snapshot together with their checkpoints. The projector
 * moves a checkpoint in the transaction that applies the batch, so the
 * snapshot's rows are exactly those of the events up to the checkpoint.
 * Throws projection.unknown (404) for a name that is no read model and
 * projection.not_ready when one has no active version yet.
 */
export async function liveReadModelDigests(
  db: Kysely<EngineDb>,
  names: readonly string[] = READ_MODELS.map((s) => s.name),
): Promise<ReadModelDigest[]> {
  names.forEach(assertReadModel);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const digests: ReadModelDigest[] = [];
      for (const live of await activeCheckpoints(trx, names))
        digests.push({ ...live, ...(await digestSchema(trx, schemaName(live.name, live.version))) });
      return digests;
    });
}
