import { createDatabase, loadConfig, type AppConfig } from '@factledger/platform';
import { migrateToLatest } from '@factledger/migrations';

/** Migrations run as the owner of the schema (MIGRATION_DATABASE_URL), never as the application role. */
export async function migrateCommand(config: AppConfig = loadConfig()): Promise<number> {
  const database = createDatabase(config.migrationDatabaseUrl ?? config.databaseUrl, { max: 1, applicationName: 'factledger-migrate' });
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await database.close();
  }
}
