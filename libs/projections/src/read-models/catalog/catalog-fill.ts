import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { readLogByStream } from '@factledger/event-store';
import type { FillContext } from '../../engine';
import { StreamCategories, upcastLedgerEvent } from '@factledger/ledger-domain';
import { insertRows } from '../shared/batch-rows';
import { moveCursor, seqEvents } from '../shared/ledger-cursor';
import { batchSettings, schemaTables } from '../shared/batch-preparation';
import { foldCatalogBatch, type StoredCatalog } from './catalog-batch.fold';
import { CATALOG_KINDS, currentColumns, historyColumns, type AnyCatalogKind, type CatalogEntity } from './catalog-rows';

const NOTHING_STORED: StoredCatalog = { metric: new Map(), source: new Map(), report: new Map() };
const KINDS = Object.entries(CATALOG_KINDS) as [CatalogEntity, AnyCatalogKind][];

/**
 * The catalog's first fill (ProjectionDefinition.fill): only the streams it
 * folds (metrics, sources, reports: a few percent of a ledger whose figures
 * are most of it), read stream by stream and numbered in log order by the
 * store, each chunk's entities folded whole, so every history row is
 * written once, final. The cursor takes the whole log's count and times, as
 * if every event had been applied (the others only take a seq here).
 */
export async function fillCatalog(trx: SqlConnection, ctx: FillContext): Promise<number> {
  const { schema, last, pool } = ctx;
  await batchSettings(trx);
  const order = await ctx.order;
  const categories = KINDS.map(([entity]) => StreamCategories[entity]);
  for await (const chunk of readLogByStream(pool, order, upcastLedgerEvent, { categories })) {
    const changes = foldCatalogBatch(seqEvents(chunk), NOTHING_STORED);
    for (const [entity, kind] of KINDS) {
      await insertRows(trx, [schema, kind.historyTable], historyColumns(kind), changes[entity].historyInserts);
      await insertRows(trx, [schema, kind.table], currentColumns(kind), changes[entity].currents);
    }
  }
  await moveCursor(trx, schema, { seq: order.count, position: last.position, recordedAt: order.lastRecordedAt, recordedMax: order.recordedMax });
  for (const table of await schemaTables(trx, schema)) await sql`ANALYZE ${sql.id(schema, table)}`.execute(trx);
  return order.count;
}
