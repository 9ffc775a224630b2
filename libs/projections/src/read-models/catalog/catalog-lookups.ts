import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { activeSchema } from '../../engine';
import { catalogDb } from '../read-model-tables';
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
export async function catalogMetrics(db: Kysely<EngineDb>): Promise<CatalogMetric[]> {
  const schema = await activeSchema(db, CATALOG_PROJECTION);
  return catalogDb(db, schema).selectFrom('metrics').select(['key', 'unit', 'patterns']).orderBy('position').orderBy('key').execute();
}

/** Every source at the catalog's head, in registration order. */
export async function catalogSources(db: Kysely<EngineDb>): Promise<CatalogSource[]> {
  const schema = await activeSchema(db, CATALOG_PROJECTION);
  return catalogDb(db, schema)
    .selectFrom('sources')
    .select(['source_id as sourceId', 'name', 'kind', 'aliases'])
    .orderBy('position')
    .orderBy('source_id')
    .execute();
}
