import { sql, type Kysely } from 'kysely';
import { activeSchema } from '@factledger/projections';
import { CATALOG_READ_MODEL } from './read-models';

export interface CatalogMetric {
  key: string;
  unit: string;
  patterns: string[];
}

export interface CatalogSource {
  sourceId: string;
  name: string;
  kind: string;
  aliases: string[];
}

/** Every metric, in registration order (the extractor breaks ties by catalog order). */
export async function catalogMetrics(db: Kysely<any>): Promise<CatalogMetric[]> {
  const schema = await activeSchema(db, CATALOG_READ_MODEL);
  const { rows } = await sql<CatalogMetric>`
    SELECT key, unit, patterns FROM ${sql.id(schema, 'metrics')} ORDER BY position, key`.execute(db);
  return rows;
}

export async function catalogSources(db: Kysely<any>): Promise<CatalogSource[]> {
  const schema = await activeSchema(db, CATALOG_READ_MODEL);
  const { rows } = await sql<CatalogSource>`
    SELECT source_id AS "sourceId", name, kind, aliases FROM ${sql.id(schema, 'sources')} ORDER BY position, source_id`.execute(db);
  return rows;
}
