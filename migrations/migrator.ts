import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kysely, Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

/** A timestamped migration: TypeScript in the sources, JavaScript in the build (dist/). */
const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.(ts|js)$/;

/**
 * Loads the timestamped migration files beside this one. `require` (not a
 * dynamic import) so the same code runs under the SWC register hook, jest and
 * the compiled build.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs.readdirSync(__dirname).filter((f) => MIGRATION_FILE.test(f)).sort();
    return Object.fromEntries(
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      files.map((file) => [file.replace(/\.(ts|js)$/, ''), require(path.join(__dirname, file)) as Migration]),
    );
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return applied(await createMigrator(db).migrateToLatest());
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
