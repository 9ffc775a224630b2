import { loadConfig, type AppConfig } from '@factledger/platform';
import { bootstrapDatabase, DATABASE_ROLES, type RoleKind, type RolePasswords } from '@factledger/migrations';
import { migrateCommand } from './migrate.command';

const ROLE_URLS: [RoleKind, keyof AppConfig, string][] = [
  ['app', 'databaseUrl', 'DATABASE_URL'],
  ['owner', 'migrationDatabaseUrl', 'MIGRATION_DATABASE_URL'],
  ['sealer', 'sealerDatabaseUrl', 'SEALER_DATABASE_URL'],
];

/**
 * `factledger db-init [--migrate]`: as the administrator (DATABASE_ADMIN_URL),
 * creates the three roles with the passwords of their URLs, the database of
 * DATABASE_URL owned by the owner, and its connect/create grants; then, with
 * --migrate, runs the migrations as the owner. Idempotent: run it on every
 * deployment (docker-compose's init service does).
 */
export async function dbInitCommand(options: { migrate: boolean }, config: AppConfig = loadConfig()): Promise<number> {
  if (!config.databaseAdminUrl) {
    console.error('db-init needs DATABASE_ADMIN_URL: a superuser (or CREATEROLE) connection that may create roles and the database');
    return 2;
  }
  const passwords: RolePasswords = {};
  const problems: string[] = [];
  for (const [kind, key, env] of ROLE_URLS) {
    const value = config[key] as string | null;
    if (!value) {
      problems.push(`${env} is not set: it names the ${DATABASE_ROLES[kind]} role and its password`);
      continue;
    }
    const url = new URL(value);
    if (decodeURIComponent(url.username) !== DATABASE_ROLES[kind])
      problems.push(`${env} must connect as ${DATABASE_ROLES[kind]} (found "${decodeURIComponent(url.username)}")`);
    passwords[kind] = url.password ? decodeURIComponent(url.password) : null;
  }
  if (problems.length > 0) {
    console.error(`db-init: ${problems.join('; ')}`);
    return 2;
  }
  const database = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  await bootstrapDatabase(config.databaseAdminUrl, database, passwords);
  console.log(`roles ${Object.values(DATABASE_ROLES).join(', ')} and database ${database} are ready`);
  return options.migrate ? migrateCommand(config) : 0;
}
