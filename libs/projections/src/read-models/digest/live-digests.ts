import { sql, type Kysely } from 'kysely';
import { DomainError } from '@factledger/shared';
import { schemaName } from '../../engine';
import { readModelSpec, READ_MODELS } from '../read-model-lineage';
import { digestSchema, type SchemaDigest } from './schema-digest';

/** A live read model's digest and the checkpoint (last applied event, in log order) its rows describe. */
export interface ReadModelDigest extends SchemaDigest {
  name: string;
  version: number;
  /** Position of the last event applied ('0' before any). */
  position: string;
  transactionId: string;
  eventsApplied: string;
}

interface CheckpointRow {
  name: string;
  version: number;
  position: string;
  transaction_id: string;
  events_applied: string;
}

/**
 * Digests of the active version of each read model, computed in one
 * REPEATABLE READ snapshot together with their checkpoints. The projector
 * moves a checkpoint in the transaction that applies the batch, so the
 * snapshot's rows are exactly those of the events up to the checkpoint.
 * Throws projection.unknown for a name that is no read model and
 * projection.not_ready when one has no active version yet.
 */
export async function liveReadModelDigests(db: Kysely<any>, names: readonly string[] = READ_MODELS.map((s) => s.name)): Promise<ReadModelDigest[]> {
  for (const name of names) readModelSpec(name);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const { rows } = await sql<CheckpointRow>`
        SELECT r.name, r.active_version AS version, c.position::text AS position, c.transaction_id::text AS transaction_id,
               c.events_applied::text AS events_applied
          FROM projection_registry r JOIN projection_checkpoints c ON c.name = r.name AND c.version = r.active_version
         WHERE r.name = ANY (${names}::text[])`.execute(trx);
      const digests: ReadModelDigest[] = [];
      for (const name of names) {
        const row = rows.find((r) => r.name === name);
        if (!row) throw new DomainError('projection.not_ready', 'unavailable', `Read model ${name} has no active version yet`, { projection: name });
        const schema = await digestSchema(trx, schemaName(name, row.version));
        digests.push({ name, version: row.version, position: row.position, transactionId: row.transaction_id, eventsApplied: row.events_applied, ...schema });
      }
      return digests;
    });
}
