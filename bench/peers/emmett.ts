import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { BenchContext } from '../harness/bench-case';
import { asyncCommitUrl, type CommitMode } from '../harness/commit-mode';
import { pg } from '../harness/root-pg';
import { generatedEvent as g, loadLog } from '../fixtures/log-fixture';
import { FIGURE_REPORTED } from '../fixtures/payload';

/**
 * The Emmett peer, loaded from bench/node_modules at run time. Only the API
 * the cases use is typed here, so the repo type-checks (and the smoke test
 * runs) without bench/node_modules installed.
 */
export interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface EmmettEventStore {
  appendToStream(stream: string, events: EmmettEvent[], options?: { expectedStreamVersion?: bigint }): Promise<{ nextExpectedStreamVersion: bigint }>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
  schema: { migrate(): Promise<unknown> };
  close(): Promise<void>;
}

export interface EmmettConsumer {
  reactor(options: {
    processorId: string;
    startFrom?: 'BEGINNING' | 'END';
    /** Emmett's reactor takes messages one by one (it has no batch handler) and stores its checkpoint after each. */
    eachMessage: (message: unknown) => Promise<void | { type: 'STOP' }>;
  }): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface EmmettPostgreSQL {
  getPostgreSQLEventStore(connectionString: string, options?: Record<string, unknown>): EmmettEventStore;
  postgreSQLEventStoreConsumer(options: {
    connectionString: string;
    stopWhen?: { noMessagesLeft?: boolean };
    pulling?: { batchSize?: number; pullingFrequencyInMs?: number };
  }): EmmettConsumer;
  defaultTag: string;
}

export const EMMETT_PACKAGE = '@event-driven-io/emmett-postgresql';
const benchRequire = createRequire(path.join(__dirname, '..', 'package.json'));

export function emmettInstalled(): boolean {
  try {
    benchRequire.resolve(EMMETT_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

export const emmettVersion = (): string | null => {
  try {
    // the package's exports map hides package.json, so read it beside its entry point
    const entry = benchRequire.resolve(EMMETT_PACKAGE);
    const manifest = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
};

const loadEmmett = (): EmmettPostgreSQL => benchRequire(EMMETT_PACKAGE) as EmmettPostgreSQL;

export interface EmmettFixture {
  emmett: EmmettPostgreSQL;
  url: string;
  store: EmmettEventStore;
}

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * An Emmett database (`<scratch>_<suffix>`), schema created by Emmett's own
 * migration; dropped at the end. `_emmett` takes the write cases; the read log
 * has its own, so its UNLOGGED partition never takes Emmett's appends.
 */
const emmettDatabase = (ctx: BenchContext, suffix: string): Promise<EmmettFixture> =>
  ctx.once(suffix, async () => {
    const emmett = loadEmmett();
    const database = `${decodeURIComponent(new URL(ctx.url).pathname.slice(1))}_${suffix}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: withDatabase(ctx.url, 'postgres') });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${database}`);
    const url = withDatabase(ctx.url, database);
    const store = emmett.getPostgreSQLEventStore(url);
    await store.schema.migrate();
    ctx.onClose(async () => {
      await store.close();
      // Emmett's dumbo shares reference-counted pools per connection string;
      // end them all, or the DROP below kills idle clients that nobody listens to.
      await (benchRequire('@event-driven-io/dumbo') as { endAllPools(): Promise<unknown> }).endAllPools();
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
    return { emmett, url, store };
  });

export const emmettFixture = (ctx: BenchContext): Promise<EmmettFixture> => emmettDatabase(ctx, 'emmett');

/** The write cases' store; for `async`, a second store on the same database whose sessions run synchronous_commit=off. */
export const emmettStore = async (ctx: BenchContext, mode: CommitMode): Promise<EmmettEventStore> => {
  const fixture = await emmettFixture(ctx);
  if (mode === 'durable') return fixture.store;
  return ctx.once('emmett-async-store', async () => {
    const store = fixture.emmett.getPostgreSQLEventStore(asyncCommitUrl(fixture.url), { schema: { autoMigration: 'None' } });
    ctx.onClose(() => store.close());
    return store;
  });
};

/**
 * The same generated log as the baseline's, in emt_messages (loaded in SQL:
 * Emmett has no bulk import), UNLOGGED like the baseline's: reads are the same.
 */
export const emmettLog = (ctx: BenchContext): Promise<EmmettFixture> =>
  ctx.once('emmett-log', async () => {
    const fixture = await emmettDatabase(ctx, 'emmett_log');
    const pool = new pg.Pool({ connectionString: fixture.url, max: 1 });
    const started = Date.now();
    try {
      const partition = fixture.emmett.defaultTag;
      // the leaf partitions hold the rows; a partitioned parent has no storage to make unlogged
      const { rows } = await pool.query<{ leaf: string }>(`SELECT relid::regclass::text AS leaf FROM pg_partition_tree('emt_messages') WHERE isleaf`);
      for (const { leaf } of rows) await pool.query(`ALTER TABLE ${leaf} SET UNLOGGED`);
      await loadLog(
        pool,
        'emt_messages',
        ctx.scale.logEvents,
        `INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, message_metadata,
                                   message_schema_version, message_type, message_id, transaction_id)
         SELECT ${g.streamId}, ${g.streamVersion}, '${partition}', 'E', ${g.data}, ${g.metadata},
                '1', '${FIGURE_REPORTED}', gen_random_uuid()::text, pg_current_xact_id()
           FROM generate_series(:lo, :hi) g`,
      );
    } finally {
      await pool.end();
    }
    ctx.log(`emmett log: ${ctx.scale.logEvents} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return fixture;
  });
