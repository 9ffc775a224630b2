import { sql, type Kysely } from 'kysely';
import { activeSchema } from '../../engine';
import { CATALOG_PROJECTION } from './catalog.projection';

/** What ingestion matches metric names and patterns against. */
export interface CatalogMetric {
  key: string;
  unit: string;
  patterns: string[];
}

/** What ingestion matches source names against. */
export interface CatalogSource {
  sourceId: string;
  name: string;
  kind: string;
  aliases: string[];
}

/**
 * Every metric at the catalog's head, in registration order (the extractor
 * breaks ties by catalog order). Other modules ask the catalog through these
 * functions, never its tables (see the read-model-ownership architecture test).
 */
export async function catalogMetrics(db: Kysely<any>): Promise<CatalogMetric[]> {
  const schema = await activeSchema(db, CATALOG_PROJECTION);
  const { rows } = await sql<CatalogMetric>`
    SELECT key, unit, patterns FROM ${sql.id(schema, 'metrics')} ORDER BY position, key`.execute(db);
  return rows;
}

/** Every source at the catalog's head, in registration order. */
export async function catalogSources(db: Kysely<any>): Promise<CatalogSource[]> {
  const schema = await activeSchema(db, CATALOG_PROJECTION);
  const { rows } = await sql<CatalogSource>`
    SELECT source_id AS "sourceId", name, kind, aliases FROM ${sql.id(schema, 'sources')} ORDER BY position, source_id`.execute(db);
  return rows;
}
