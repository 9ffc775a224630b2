import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
// globalSetup runs outside jest's module mapper, so no path alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { migrateToLatest } from '../../../migrations/migrator';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DATABASE_ROLES, ensureRoles, LOCAL_ROLE_PASSWORDS, prepareDatabase } from '../../../migrations/database-roles';
import { roleUrlFor, templateName, withAdmin } from './test-database';

/** Creates the roles (cluster-wide, idempotent), migrates this run's template once as the owner; test files clone it. */
export default async function globalSetup(): Promise<void> {
  process.env.FACTLEDGER_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const name = templateName();
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await ensureRoles(c, LOCAL_ROLE_PASSWORDS);
    await c.query(`CREATE DATABASE ${name} OWNER ${DATABASE_ROLES.owner}`);
    await prepareDatabase(c, name);
  });
  const pool = new pg.Pool({ connectionString: roleUrlFor('owner', name), max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
