import { createDatabase, loadConfig } from '@factledger/platform';
import { migrateToLatest } from '@factledger/migrations';

export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 1, applicationName: 'factledger-migrate' });
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await database.close();
  }
}
