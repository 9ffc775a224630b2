import type { Kysely } from 'kysely';
import type { CatalogTables } from './catalog/catalog-rows';
import type { FiguresTables } from './figures/figures.tables';

/**
 * Each read model's tables, by model name. A model's tables live in the
 * schema of its version (`rm_<name>_v<N>`, see schemaName) and share names
 * across models (`cursor`, `metrics`), so they are not flat entries of the
 * database's type: `figuresDb`/`catalogDb` apply the schema with `withSchema`
 * and add the model's tables by name.
 */
export interface ReadModelTables {
  figures: FiguresTables;
  catalog: CatalogTables;
}

/** An interface's tables as a mapped type: what `withTables` (an index-signature constraint) accepts. */
type Tables<T> = { [K in keyof T]: T[K] };

/** `db` inside a version of the figures model (its schema), typed by the model's table names. */
export const figuresDb = <DB>(db: Kysely<DB>, schema: string) => db.withSchema(schema).withTables<Tables<FiguresTables>>();

/** `db` inside a version of the catalog model (its schema), typed by the model's table names. */
export const catalogDb = <DB>(db: Kysely<DB>, schema: string) => db.withSchema(schema).withTables<Tables<CatalogTables>>();
