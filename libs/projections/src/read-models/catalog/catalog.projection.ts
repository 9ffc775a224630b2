import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { FigureEventTypes, upcastLedgerEvent, type LedgerEvent } from '@factledger/ledger-domain';
import type { ProjectionDefinition } from '../../engine';
import { prepareBatch } from '../shared/batch-preparation';
import { numberBatch } from '../shared/ledger-cursor';
import { insertRows, selectColumns, updateRows, upsertRows, type ColumnSpec } from '../shared/batch-rows';
import { catalogToLoad, foldCatalogBatch, type StoredCatalog } from './catalog-batch.fold';
import { CATALOG_KINDS, currentColumns, historyColumns, type CatalogEntity, type AnyCatalogKind } from './catalog-rows';
import { createCatalogTables } from './catalog.tables';
import { fillCatalog } from './catalog-fill';

export const CATALOG_PROJECTION = 'catalog';

type Row = Record<string, unknown>;

/** Metrics, sources and reports: current rows and their history, a few statements per batch. */
export function catalogProjection(options: { version: number; name?: string }): ProjectionDefinition<LedgerEvent> {
  return {
    name: options.name ?? CATALOG_PROJECTION,
    version: options.version,
    upcast: upcastLedgerEvent,
    // Figure events are most of the log and only take a seq here (catalogChangeOf): not decoded.
    skipPayloadOf: Object.values(FigureEventTypes),
    setup: (db, schema) => createCatalogTables(db, schema),
    fill: (trx, ctx) => fillCatalog(trx, ctx),
    async apply(trx, events, { schema }) {
      // Every event takes a seq, catalog event or not, so seqs agree with the figures model.
      const numbered = await numberBatch(trx, schema, events);
      await prepareBatch(trx, schema, numbered);
      const toLoad = catalogToLoad(numbered);
      const stored = {} as Record<CatalogEntity, Map<string, Row>>;
      for (const [entity, kind] of Object.entries(CATALOG_KINDS) as [CatalogEntity, AnyCatalogKind][]) {
        stored[entity] = await loadCurrent(trx, schema, kind, toLoad[entity]);
      }
      const changes = foldCatalogBatch(numbered, stored as StoredCatalog);
      for (const [entity, kind] of Object.entries(CATALOG_KINDS) as [CatalogEntity, AnyCatalogKind][]) {
        const { currents, historyInserts, historyClosures } = changes[entity];
        const closure: ColumnSpec<Row> = { [kind.keyColumn]: 'text', stream_version: 'integer', recorded_to: 'bigint' };
        await updateRows(trx, [schema, kind.historyTable], closure, [kind.keyColumn, 'stream_version'], historyClosures);
        await insertRows(trx, [schema, kind.historyTable], historyColumns(kind), historyInserts);
        if (currents.length > 0) await upsertRows(trx, [schema, kind.table], currentColumns(kind), [kind.keyColumn], currents);
      }
    },
  };
}

async function loadCurrent(db: SqlConnection, schema: string, kind: AnyCatalogKind, keys: string[]): Promise<Map<string, Row>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<Row>`
    SELECT ${selectColumns(currentColumns(kind), 'c')} FROM ${sql.id(schema, kind.table)} c
     WHERE ${sql.ref(`c.${kind.keyColumn}`)} = ANY (${keys}::text[])`.execute(db);
  return new Map(rows.map((row) => [String(row[kind.keyColumn]), row]));
}
