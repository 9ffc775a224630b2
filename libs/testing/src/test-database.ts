import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';

/**
 * Every jest run migrates one template database; each test file clones it
 * (CREATE DATABASE ... TEMPLATE, a file copy) so files never see each other's
 * events and can run in parallel.
 */
export const adminUrl = (): string => {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/factledger');
  url.pathname = '/postgres';
  return url.toString();
};

export const urlFor = (database: string): string => {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

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

export interface TestDatabase<DB = any> {
  name: string;
  url: string;
  pool: pg.Pool;
  db: Kysely<DB>;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase<DB = any>(options: { poolSize?: number } = {}): Promise<TestDatabase<DB>> {
  const name = `factledger_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`));
  const url = urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Every copy of the template would share its ledger identity, and so its queue keys in Redis: give each its own.
  await pool.query('UPDATE ledger_identity SET ledger_id = gen_random_uuid()').catch((error: { code?: string }) => {
    if (error.code !== '42P01') throw error; // a template without the ledger_identity migration has nothing to renew
  });
  return {
    name,
    url,
    pool,
    db,
    drop: async () => {
      await db.destroy().catch(() => undefined);
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
