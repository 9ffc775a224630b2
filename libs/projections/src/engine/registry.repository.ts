import { sql, type Kysely } from 'kysely';
import { readModelNoticeSql } from './read-model-notice';

/**
 * Serialises registry changes for one projection (set-up, switch, reset)
 * across processes, for the rest of the transaction.
 */
export async function lockRegistry(trx: Kysely<any>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`factledger.projection-registry:${name}`}, 0))`.execute(trx);
}

export async function activeVersion(db: Kysely<any>, name: string, options: { forUpdate?: boolean } = {}): Promise<number | null> {
  const { rows } = await sql<{ active_version: number }>`
    SELECT active_version FROM projection_registry WHERE name = ${name} ${options.forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0]?.active_version ?? null;
}

/** The switch readers see: one row, one statement. */
export async function setActiveVersion(db: Kysely<any>, name: string, version: number): Promise<void> {
  await sql`
    INSERT INTO projection_registry (name, active_version) VALUES (${name}, ${version})
    ON CONFLICT (name) DO UPDATE SET active_version = excluded.active_version, switched_at = now()`.execute(db);
  // Readers' caches of the previous version are void from the commit on.
  await sql`SELECT ${readModelNoticeSql(name, version, sql`coalesce((SELECT position::text FROM projection_checkpoints WHERE name = ${name} AND version = ${version}), '0')`, 'switch')}`.execute(db);
}
