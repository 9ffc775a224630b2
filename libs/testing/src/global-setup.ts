import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
// globalSetup runs outside jest's module mapper, so no path alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { migrateToLatest } from '../../../migrations/migrator';
import { templateName, urlFor, withAdmin } from './test-database';

/** Migrates this run's template database once; test files clone it. */
export default async function globalSetup(): Promise<void> {
  process.env.FACTLEDGER_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const name = templateName();
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const pool = new pg.Pool({ connectionString: urlFor(name), max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
