import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import type { Pool } from 'pg';
import { appendToStream } from '@factledger/event-store';
import { ensurePostgres, log } from '../../tools/services';
import { migrateToLatest } from '../../migrations/migrator';
import { figureEvent } from '../fixtures/payload';
import { loadLoop } from '../harness/load-loop';
import { pg } from '../harness/root-pg';
import { median } from '../harness/stats';
import { AppendBatcher } from './append-batcher';
import { PROFILE_SCHEMA, profileSchemaSql, VARIANTS } from './append-variants';

/**
 * Where does a single-event append spend its time, compared with a plain
 * INSERT? For the store's append, the same call without Kysely, the step
 * variants and the proposed function (append-variants.ts) it measures, per
 * append: CPU of the PostgreSQL backend (from /proc/<pid>/schedstat, so other
 * load on this shared machine does not blur it), CPU of this Node process,
 * WAL bytes, and wall time; then throughput at c=8. Usage:
 *   node -r ./tools/register.cjs bench/profile/profile-append.ts [--ops 3000] [--rounds 3] [--seconds 2]
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const OPS = arg('--ops', 3000);
const ROUNDS = arg('--rounds', 3);
const SECONDS = arg('--seconds', 2);
const DATABASE = 'factledger_bench_profile';
/** Writers at c=8, and appends per call in the group-commit rows at c=1. */
const BATCH = 8;

/** One call: appends `n` events (to `n` streams for the batch form); returns n. */
type Call = (db: Kysely<any>, pool: Pool, streams: string[], version: number) => Promise<number>;
/** For c=8: one append by writer `w` to its own stream at `version`, e.g. through a batcher. */
type WriterStep = (stream: string, version: number) => Promise<void>;

const json1 = (v: number) => JSON.stringify([{ ...figureEvent(v), schemaVersion: 1 }]);

const CONTENDERS: { name: string; what: string; call: Call; c8?: (pool: Pool) => WriterStep }[] = [
  {
    name: 'plain_insert',
    what: 'baseline: single-row INSERT, same table shape',
    call: async (_db, pool, [stream], v) => {
      const e = figureEvent(v);
      await pool.query(
        `INSERT INTO ${PROFILE_SCHEMA}.events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
        [stream, v + 1, e.id, e.type, e.data, e.metadata],
      );
      return 1;
    },
  },
  ...VARIANTS.map((variant) => ({
    name: variant.name,
    what: variant.what,
    call: async (_db: Kysely<any>, pool: Pool, [stream]: string[], v: number) => {
      await pool.query(`SELECT ${PROFILE_SCHEMA}.${variant.name}($1, $2, $3::jsonb)`, [stream, v, json1(v)]);
      return 1;
    },
  })),
  {
    name: 'factledger_append',
    what: 'the current function, raw pg',
    call: async (_db, pool, [stream], v) => {
      await pool.query(`SELECT * FROM factledger_append($1, 'figure', $2, $3::jsonb)`, [stream, String(v), json1(v)]);
      return 1;
    },
  },
  {
    name: 'appendToStream',
    what: 'the store API: validation + Kysely + current function',
    call: async (db, _pool, [stream], v) => {
      await appendToStream(db, stream!, [figureEvent(v)], { expectedVersion: v });
      return 1;
    },
  },
  {
    name: 'proposed_append',
    what: 'proposed function (fast path: one conditional UPDATE, no probe), raw pg',
    call: async (_db, pool, [stream], v) => {
      await pool.query(`SELECT * FROM ${PROFILE_SCHEMA}.proposed_append($1, 'figure', $2, $3::jsonb)`, [stream, String(v), json1(v)]);
      return 1;
    },
  },
  ...(
    [
      ['current_append_many', 'public.factledger_append', 'current function'],
      ['factledger_append_many', `${PROFILE_SCHEMA}.proposed_append`, 'proposed function'],
    ] as const
  ).map(([fn, single, label]) => ({
    name: `${fn}`,
    what: `group commit over the ${label}: c=1 row: ${BATCH} appends per call; c=8 row: AppendBatcher`,
    call: async (_db: Kysely<any>, pool: Pool, streams: string[], v: number) => {
      const appends = streams.map((streamId) => ({ streamId, streamType: 'figure', expected: String(v), events: [{ ...figureEvent(v), schemaVersion: 1 }] }));
      await pool.query(`SELECT * FROM ${PROFILE_SCHEMA}.${fn}($1::jsonb)`, [JSON.stringify(appends)]);
      return streams.length;
    },
    c8: (pool: Pool): WriterStep => {
      const batcher = new AppendBatcher(pool, `${PROFILE_SCHEMA}.${fn}`, single);
      return async (stream, v) => {
        const row = await batcher.append({ streamId: stream, streamType: 'figure', expected: String(v), events: [{ ...figureEvent(v), schemaVersion: 1 }] });
        if (row.status !== 'ok') throw new Error(`append ${row.status}`);
      };
    },
  })),
];

/** CPU time (ns) a process has spent on a CPU: first field of /proc/<pid>/schedstat. */
const cpuNs = (pid: number): number => Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);

async function main(): Promise<void> {
  const postgres = await ensurePostgres();
  const at = (database: string) => {
    const u = new URL(postgres.url);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: at('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  // One connection for the CPU accounting (its backend pid is known), ten for c=8.
  const single = new pg.Pool({ connectionString: at(DATABASE), max: 1, idleTimeoutMillis: 0 });
  const pool = new pg.Pool({ connectionString: at(DATABASE), max: 10 });
  for (const p of [single, pool]) p.on('error', () => undefined); // idle clients killed by the final DROP ... FORCE
  const singleDb = new Kysely<any>({ dialect: new PostgresDialect({ pool: single }) });
  const poolDb = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(poolDb);
    await pool.query(profileSchemaSql());
    const perOp = new Map<string, { serverUs: number[]; clientUs: number[]; walBytes: number[]; wallUs: number[]; c8: number[] }>();
    const entry = (name: string) => perOp.get(name) ?? perOp.set(name, { serverUs: [], clientUs: [], walBytes: [], wallUs: [], c8: [] }).get(name)!;

    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: CPU per append at c=1`);
      const backend = Number((await single.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      for (const c of round % 2 ? CONTENDERS : [...CONTENDERS].reverse()) {
        const streams = Array.from({ length: BATCH }, () => `figure-${randomUUID()}`);
        await c.call(singleDb, single, c.c8 ? streams : [streams[0]!], 0); // creates the streams: a first append takes the slow path
        const lsn0 = (await single.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
        const server0 = cpuNs(backend);
        const client0 = process.cpuUsage();
        const t0 = performance.now();
        let ops = 0;
        for (let v = 1; ops < OPS; v++) ops += await c.call(singleDb, single, c.c8 ? streams : [streams[0]!], v);
        const wall = performance.now() - t0;
        const client = process.cpuUsage(client0);
        const server = cpuNs(backend) - server0;
        const wal = Number((await single.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS d', [lsn0])).rows[0].d);
        const e = entry(c.name);
        e.serverUs.push(server / 1000 / ops);
        e.clientUs.push((client.user + client.system) / ops);
        e.walBytes.push(wal / ops);
        e.wallUs.push((wall * 1000) / ops);
      }
      log(`round ${round}/${ROUNDS}: throughput at c=8`);
      for (const c of round % 2 ? CONTENDERS : [...CONTENDERS].reverse()) {
        const streams = Array.from({ length: BATCH }, () => `figure-${randomUUID()}`);
        const viaBatcher = c.c8?.(pool);
        const r = await loadLoop(BATCH, { seconds: SECONDS, maxOps: Number.MAX_SAFE_INTEGER }, async (w, i) => {
          if (viaBatcher) await viaBatcher(streams[w]!, i);
          else await c.call(poolDb, pool, [streams[w]!], i);
          return 1;
        });
        entry(c.name).c8.push(r.ops / r.seconds);
      }
    }

    const m = (name: string, key: 'serverUs' | 'clientUs' | 'walBytes' | 'wallUs' | 'c8') => median(perOp.get(name)![key]);
    const base = CONTENDERS[0]!.name;
    const rows = CONTENDERS.map((c) => {
      const cpu = m(c.name, 'serverUs') + m(c.name, 'clientUs');
      return [
        c.name,
        c.what,
        m(c.name, 'serverUs').toFixed(0),
        m(c.name, 'clientUs').toFixed(0),
        `${cpu.toFixed(0)} (${(cpu / (m(base, 'serverUs') + m(base, 'clientUs'))).toFixed(2)}×)`,
        m(c.name, 'walBytes').toFixed(0),
        m(c.name, 'wallUs').toFixed(0),
        `${Math.round(m(c.name, 'c8')).toLocaleString('en-US')} (${(m(c.name, 'c8') / m(base, 'c8')).toFixed(2)}×)`,
      ];
    });
    const header = ['variant', 'what', 'server CPU µs', 'client CPU µs', 'total CPU µs (vs plain)', 'WAL B', 'wall µs (c=1)', 'c=8 appends/s (vs plain)'];
    console.log(`\nper append, medians of ${ROUNDS} rounds of ${OPS} appends (c=1) and of ${SECONDS} s (c=8):\n`);
    console.log([header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n'));
  } finally {
    await singleDb.destroy();
    await poolDb.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
    await postgres.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
