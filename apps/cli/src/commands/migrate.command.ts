import { createDatabase, loadConfig, type AppConfig } from '@factledger/platform';
import { migrateToLatest } from '@factledger/migrations';

/** Migrations run as the owner of the schema (MIGRATION_DATABASE_URL), never as the application role. */
export async function migrateCommand(config: AppConfig = loadConfig()): Promise<number> {
  const database = createDatabase(config.migrationDatabaseUrl ?? config.databaseUrl, { max: 1, applicationName: 'factledger-migrate' });
  try {
    // Several deploy steps may run this at once: one migrates, the others wait and then find nothing to do.
    const applied = await migrateToLatest(database.db, { onWait: (message) => console.log(message) });
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await database.close();
  }
}
