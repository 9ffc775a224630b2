import { sql, type Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import type { ProjectionDefinition, ProjectionState } from './projection-definition';
import { schemaName } from './projection-definition';
import { insertCheckpoint } from './checkpoints.repository';

/** A fresh, empty schema for one version plus its checkpoint at START; in the caller's transaction. */
export async function createVersion(trx: Kysely<EngineDb>, definition: ProjectionDefinition, state: ProjectionState): Promise<void> {
  await recreateSchema(trx, definition);
  await insertCheckpoint(trx, definition.name, definition.version, state);
}

/** Drops whatever the version's schema held and runs `setup` again. */
export async function recreateSchema(trx: Kysely<EngineDb>, definition: ProjectionDefinition): Promise<void> {
  const schema = schemaName(definition.name, definition.version);
  await dropSchema(trx, schema);
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(trx);
  await definition.setup(trx, schema);
}

export async function dropSchema(db: Kysely<EngineDb>, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
}
