import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '@factledger/database-schema';
import type pg from 'pg';
import type { BenchContext } from './bench-case';
import { pg as rootPg } from './root-pg';

/**
 * Write cases run twice: durable (the server's synchronous_commit, `on` by
 * default), where every commit waits for the WAL flush and this VM's disk
 * sets the pace, and with `synchronous_commit=off` for the session, where the
 * commit does not wait and what is left is the CPU and round trips each
 * implementation spends per write.
 */
export type CommitMode = 'durable' | 'async';

export const COMMIT_MODES: readonly CommitMode[] = ['durable', 'async'];

export const nameSuffix = (mode: CommitMode): string => (mode === 'async' ? '.async-commit' : '');
export const groupSuffix = (mode: CommitMode): string => (mode === 'async' ? ', synchronous_commit=off' : '');

/** The same database, with synchronous_commit=off for every session opened from this URL. */
export function asyncCommitUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', '-c synchronous_commit=off');
  return u.toString();
}

/** The pool (≥ 10 connections) and Kysely a write case uses in `mode`; async ones are shared and closed with the run. */
export function writerPool(ctx: BenchContext, mode: CommitMode): Promise<{ pool: pg.Pool; db: Kysely<Database> }> {
  if (mode === 'durable') return Promise.resolve({ pool: ctx.pool, db: ctx.db });
  return ctx.once('async-commit-pool', async () => {
    const pool = new rootPg.Pool({ connectionString: asyncCommitUrl(ctx.url), max: 10, application_name: 'factledger-bench' });
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    ctx.onClose(() => db.destroy());
    return { pool, db };
  });
}
