import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { conflict, notFound } from '@factledger/shared';
import { schemaName } from '../../engine';
import { activeCheckpoints, assertReadModel } from './active-checkpoints';
import { hashedRows, type HashedRow } from './schema-digest';

export interface LiveRowsPage {
  name: string;
  version: number;
  position: string;
  table: string;
  rows: HashedRow[];
  /** Pass as `after` for the next page; null after the last row. */
  nextAfter: string | null;
}

/**
 * One page of a live read model's table in digest order, at the position the
 * caller compared: if the model has moved on since, the rows would describe
 * another state, so that is refused (409 projection.moved).
 */
export async function liveTableRows(
  db: Kysely<EngineDb>,
  request: { name: string; table: string; position: string; after: string | null; limit: number },
): Promise<LiveRowsPage> {
  const { name, table, position, after, limit } = request;
  assertReadModel(name);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const live = (await activeCheckpoints(trx, [name]))[0]!;
      if (live.position !== position) {
        throw conflict('projection.moved', `Read model ${name} is at position ${live.position} now, not ${position}`, {
          projection: name,
          position: live.position,
        });
      }
      const page = await hashedRows(trx, schemaName(name, live.version), table, after, limit);
      if (!page) throw notFound('projection.unknown_table', `Read model ${name} has no table ${table}`, { projection: name, table });
      return { name, version: live.version, position, table, rows: page, nextAfter: page.length === limit ? page.at(-1)!.hash : null };
    });
}
