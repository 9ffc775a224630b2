import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
// Imported by globalSetup too, which runs outside jest's module mapper: no path alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DATABASE_ROLES, LOCAL_ROLE_PASSWORDS, prepareDatabase, urlAs, type RoleKind } from '../../../migrations/database-roles';

/**
 * Every jest run migrates one template database; each test file clones it
 * (CREATE DATABASE ... TEMPLATE, a file copy) so files never see each other's
 * events and can run in parallel.
 */
export const adminUrl = (): string => {
  const url = new URL(process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/factledger');
  url.pathname = '/postgres';
  return url.toString();
};

export const urlFor = (database: string): string => {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

/** `database` as one of the factledger roles (libs/testing bootstraps them with their local passwords). */
export const roleUrlFor = (kind: RoleKind, database: string): string => urlAs(urlFor(database), DATABASE_ROLES[kind], LOCAL_ROLE_PASSWORDS[kind]);

export const runId = (): string => {
  const id = process.env.FACTLEDGER_TEST_RUN;
  if (!id) throw new Error('FACTLEDGER_TEST_RUN is not set: run tests through jest (globalSetup)');
  return id;
};

export const templateName = (run = runId()): string => `factledger_tpl_${run}`;

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * `url`, `pool` and `db` connect as the application role, as the API and
 * worker do in production: every test proves the code works under least
 * privilege. Tests that must tamper with the log (or end other roles'
 * sessions) use `adminUrl`; the sealer connects with `sealerUrl`.
 */
// DB defaults to any, not @factledger/database-schema's Database: that lib depends on every feature lib, whose specs
// depend on this one, so the import would close a project-graph cycle. Specs that query through kysely name their slice.
export interface TestDatabase<DB = any> {
  name: string;
  url: string;
  pool: pg.Pool;
  db: Kysely<DB>;
  /** The sealer role: the only one that may write the audit tables. */
  sealerUrl: string;
  /** The owner role, which ran the migrations. */
  ownerUrl: string;
  /** A superuser: for tests that simulate what the application role cannot do. */
  adminUrl: string;
  /** Kysely and pool on `adminUrl` (connect on first use): bulk fixtures that bypass the append function, tampering. */
  adminDb: Kysely<DB>;
  adminPool: pg.Pool;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase<DB = any>(options: { poolSize?: number } = {}): Promise<TestDatabase<DB>> {
  const name = `factledger_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (c) => {
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateName()} OWNER ${DATABASE_ROLES.owner}`);
    await prepareDatabase(c, name); // database-level grants are not copied from the template
  });
  // Every copy of the template would share its ledger identity, and so its queue keys in Redis: give each its own.
  const admin = new pg.Client({ connectionString: urlFor(name) });
  await admin.connect();
  try {
    await admin.query('UPDATE ledger_identity SET ledger_id = gen_random_uuid()');
  } finally {
    await admin.end();
  }
  const url = roleUrlFor('app', name);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const adminPool = new pg.Pool({ connectionString: urlFor(name), max: 2 });
  adminPool.on('error', () => undefined);
  const adminDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: adminPool }) });
  return {
    name,
    url,
    pool,
    db,
    sealerUrl: roleUrlFor('sealer', name),
    ownerUrl: roleUrlFor('owner', name),
    adminUrl: urlFor(name),
    adminDb,
    adminPool,
    drop: async () => {
      await Promise.all([db.destroy().catch(() => undefined), adminDb.destroy().catch(() => undefined)]);
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
