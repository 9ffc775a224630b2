import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { DomainError, notFound } from '@factledger/shared';
import { READ_MODELS } from '../read-model-lineage';

/** The active version of a read model and the checkpoint (last applied event, in log order) its rows describe. */
export interface ActiveCheckpoint {
  name: string;
  version: number;
  position: string;
  transactionId: string;
  eventsApplied: string;
}

/** 404 projection.unknown for a name that is no read model. */
export function assertReadModel(name: string): void {
  if (!READ_MODELS.some((spec) => spec.name === name)) throw notFound('projection.unknown', `No read model named ${name}`, { projection: name });
}

/** In the caller's snapshot, in the order of `names`; 503 projection.not_ready for one with no active version yet. */
export async function activeCheckpoints(trx: Kysely<EngineDb>, names: readonly string[]): Promise<ActiveCheckpoint[]> {
  const { rows } = await sql<ActiveCheckpoint>`
    SELECT r.name, r.active_version AS version, c.position::text AS position, c.transaction_id::text AS "transactionId",
           c.events_applied::text AS "eventsApplied"
      FROM projection_registry r JOIN projection_checkpoints c ON c.name = r.name AND c.version = r.active_version
     WHERE r.name = ANY (${names}::text[])`.execute(trx);
  return names.map((name) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new DomainError('projection.not_ready', 'unavailable', `Read model ${name} has no active version yet`, { projection: name });
    return row;
  });
}
