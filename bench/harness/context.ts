import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '@factledger/database-schema';
import type pg from 'pg';
import type { BenchContext, Scale } from './bench-case';

export const SCALES = {
  /** The 1M-event log. */
  full: { logEvents: 1_000_000, streamEvents: 1000, batchEvents: 100, copyRows: 1000 },
  quick: { logEvents: 100_000, streamEvents: 1000, batchEvents: 100, copyRows: 1000 },
  /** A few hundred events: the smoke test only checks the harness works. */
  smoke: { logEvents: 500, streamEvents: 200, batchEvents: 100, copyRows: 100 },
} satisfies Record<string, Scale>;

export interface OwnedContext extends BenchContext {
  /** Runs the onClose callbacks (last registered first). */
  close(): Promise<void>;
}

export function createContext(options: {
  url: string;
  pool: pg.Pool;
  scale: Scale;
  log: (m: string) => void;
  db?: Kysely<Database>;
  keepLedger?: boolean;
  reuseLedger?: boolean;
}): OwnedContext {
  const fixtures = new Map<string, Promise<unknown>>();
  const closers: (() => Promise<void>)[] = [];
  return {
    url: options.url,
    pool: options.pool,
    db: options.db ?? new Kysely<Database>({ dialect: new PostgresDialect({ pool: options.pool }) }),
    scale: options.scale,
    log: options.log,
    keepLedger: options.keepLedger,
    reuseLedger: options.reuseLedger,
    once<T>(key: string, init: () => Promise<T>): Promise<T> {
      if (!fixtures.has(key)) fixtures.set(key, init());
      return fixtures.get(key) as Promise<T>;
    },
    onClose(fn) {
      closers.push(fn);
    },
    async close() {
      for (const fn of closers.reverse()) await fn().catch((e: unknown) => options.log(`cleanup: ${String(e)}`));
    },
  };
}
