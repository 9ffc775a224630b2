import * as path from 'node:path';
import { Kysely, Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { migrationFiles } from './migration-files';

/**
 * Loads the timestamped migration files beside this one. `require` (not a
 * dynamic import) so the same code runs under the SWC register hook, jest and
 * the compiled build.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      migrationFiles().map((file) => [file.replace(/\.(ts|js)$/, ''), require(path.join(__dirname, file)) as Migration]),
    );
  }
}

/**
 * One migrator at a time per database: a session advisory lock of our own,
 * on the connection the migrations run on. Kysely's Migrator takes its own
 * lock too (around the transaction); ours also covers its bookkeeping tables'
 * creation and lets a waiting process say that it waits.
 */
const MIGRATION_LOCK = sql`hashtextextended('factledger.migrate', 0)`;

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new FolderMigrationProvider(),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

/**
 * Applies every pending migration; throws with the failing migration's name.
 * Safe to run from several processes at once (each deploy step, each
 * replica's start): one holds the lock and migrates, the others wait for it,
 * then find nothing pending and return [].
 */
export async function migrateToLatest(db: Kysely<any>, options: { onWait?: (message: string) => void } = {}): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${MIGRATION_LOCK}) AS locked`.execute(connection);
    if (!rows[0]!.locked) {
      options.onWait?.('another process is migrating this database (advisory lock held): waiting for it');
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    }
    try {
      return applied(await createMigrator(connection).migrateToLatest());
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}

function applied({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
export * from './database-roles';
export * from './schema-version';
export { knownMigrations } from './migration-files';
