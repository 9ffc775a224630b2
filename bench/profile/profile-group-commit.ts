import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '@factledger/database-schema';
import type { Pool } from 'pg';
import { PostgresEventStore, type GroupCommitOptions } from '@factledger/event-store';
import { ensurePostgres, log } from '../../tools/services';
import { migrateToLatest } from '../../migrations/migrator';
import { figureEvent } from '../fixtures/payload';
import { asyncCommitUrl } from '../harness/commit-mode';
import { loadLoop } from '../harness/load-loop';
import { pg } from '../harness/root-pg';
import { median } from '../harness/stats';

/**
 * How should group commit be tuned? Single-event appends at c=1 and c=8,
 * durable and with synchronous_commit=off, for a plain INSERT and for
 * PostgresEventStore.append with maxInFlight 1/2/4/8 (8: never groups at
 * c=8), through Kysely and through the pool; rounds interleaved, medians of
 * appends/s. Usage:
 *   node -r ./tools/register.cjs bench/profile/profile-group-commit.ts [--rounds 5] [--seconds 2] [--c 8]
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('--rounds', 5);
const SECONDS = arg('--seconds', 2);
const CONCURRENCY = arg('--c', 8);
const DATABASE = 'factledger_bench_group_commit';

type Step = (stream: string, version: number) => Promise<void>;
interface Contender {
  name: string;
  make(pool: Pool, db: Kysely<Database>): { step: Step; close(): Promise<void> };
}

const plainInsert: Contender = {
  name: 'plain INSERT',
  make: (pool) => ({
    step: async (stream, v) => {
      const e = figureEvent(v);
      await pool.query('INSERT INTO plain_events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)', [
        stream,
        v + 1,
        e.id,
        e.type,
        e.data,
        e.metadata,
      ]);
    },
    close: async () => undefined,
  }),
};

const store = (via: 'kysely' | 'pool', groupCommit: Partial<GroupCommitOptions> | false): Contender => ({
  name: `store via ${via}, ${groupCommit === false ? 'no grouping' : `${groupCommit.maxInFlight} in flight`}`,
  make: (pool, db) => {
    const s = new PostgresEventStore(db, undefined, { pool: via === 'pool' ? pool : undefined, groupCommit });
    return { step: async (stream, v) => void (await s.append(stream, [figureEvent(v)], { expectedVersion: v })), close: () => s.close() };
  },
});

const CONTENDERS: Contender[] = [
  plainInsert,
  store('kysely', false),
  ...[1, 2, 4].map((maxInFlight) => store('kysely', { maxInFlight })),
  store('pool', false),
  ...[1, 2, 4].map((maxInFlight) => store('pool', { maxInFlight })),
];

async function main(): Promise<void> {
  const postgres = await ensurePostgres();
  const u = new URL(postgres.url);
  u.pathname = `/${DATABASE}`;
  const url = u.toString();
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const modes = { durable: url, async: asyncCommitUrl(url) };
  const pools = Object.fromEntries(
    Object.entries(modes).map(([mode, connectionString]) => {
      const pool = new pg.Pool({ connectionString, max: 10 });
      pool.on('error', () => undefined);
      return [mode, { pool, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) }];
    }),
  );
  const results = new Map<string, number[]>();
  try {
    await migrateToLatest(pools.durable!.db);
    await pools.durable!.pool.query('CREATE TABLE plain_events (LIKE events INCLUDING ALL)');
    for (let round = 0; round <= ROUNDS; round++) {
      log(round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`);
      for (const [mode, { pool, db }] of Object.entries(pools)) {
        for (const concurrency of [1, CONCURRENCY]) {
          for (const c of round % 2 ? CONTENDERS : [...CONTENDERS].reverse()) {
            if (concurrency === 1 && c.name.includes('in flight') && !c.name.includes(' 2 in flight')) continue; // c=1 never groups
            const { step, close } = c.make(pool, db);
            const streams = Array.from({ length: concurrency }, () => `figure-${randomUUID()}`);
            const r = await loadLoop(concurrency, { seconds: SECONDS, maxOps: Number.MAX_SAFE_INTEGER }, async (w, i) => {
              await step(streams[w]!, i);
              return 1;
            });
            await close();
            if (round === 0) continue;
            const key = `${mode}\tc=${concurrency}\t${c.name}`;
            results.set(key, [...(results.get(key) ?? []), r.ops / r.seconds]);
          }
        }
      }
    }
    let base = 0;
    for (const [key, values] of results) {
      if (key.endsWith(plainInsert.name)) base = median(values);
      console.log(`${key}\t${Math.round(median(values))}/s\t${(median(values) / base).toFixed(2)}×`);
    }
  } finally {
    for (const { db } of Object.values(pools)) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
    await postgres.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
