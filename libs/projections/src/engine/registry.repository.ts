import { sql, type Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { readModelNoticeSql } from './read-model-notice';

/**
 * Serialises registry changes for one projection (set-up, switch, reset)
 * across processes, for the rest of the transaction.
 */
export async function lockRegistry(trx: Kysely<EngineDb>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`factledger.projection-registry:${name}`}, 0))`.execute(trx);
}

export async function activeVersion(db: Kysely<EngineDb>, name: string, options: { forUpdate?: boolean } = {}): Promise<number | null> {
  const query = db.selectFrom('projection_registry').select('active_version').where('name', '=', name);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row?.active_version ?? null;
}

/** The switch readers see: one row, one statement. */
export async function setActiveVersion(db: Kysely<EngineDb>, name: string, version: number): Promise<void> {
  await sql`
    INSERT INTO projection_registry (name, active_version) VALUES (${name}, ${version})
    ON CONFLICT (name) DO UPDATE SET active_version = excluded.active_version, switched_at = now()`.execute(db);
  // Readers' caches of the previous version are void from the commit on.
  await sql`SELECT ${readModelNoticeSql(name, version, sql`coalesce((SELECT position::text FROM projection_checkpoints WHERE name = ${name} AND version = ${version}), '0')`, 'switch')}`.execute(
    db,
  );
}
