import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

// int8 and xid8 arrive as strings (pg's default): positions are bigints and
// must never pass through a JS number.
export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDatabase<DB>(connectionString: string, options: { max?: number; applicationName?: string } = {}): DatabaseHandle<DB> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'factledger',
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
