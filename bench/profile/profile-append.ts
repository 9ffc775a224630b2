import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '@factledger/database-schema';
import type { Pool } from 'pg';
import { PostgresEventStore, type PostgresEventStoreOptions } from '@factledger/event-store';
import { ensurePostgres, log } from '../../tools/services';
import { migrateToLatest } from '../../migrations/migrator';
import { figureEvent } from '../fixtures/payload';
import { loadLoop } from '../harness/load-loop';
import { pg } from '../harness/root-pg';
import { median } from '../harness/stats';
import { PROFILE_SCHEMA, profileSchemaSql, VARIANTS } from './append-variants';

/**
 * Where does a single-event append spend its time, compared with a plain
 * INSERT? For the step variants and candidate fast paths (append-variants.ts),
 * the shipped functions and the store's append it measures, per append: CPU
 * of the PostgreSQL backend (from /proc/<pid>/schedstat, so other load on
 * this shared machine does not blur it), CPU of this Node process, WAL bytes,
 * and wall time; then throughput at c=8 (the store rows with group commit).
 * Sessions run with synchronous_commit=off: this measures software, not the
 * disk. Usage:
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

interface Env {
  db: Kysely<Database>;
  pool: Pool;
}
/** One call: appends `n` events (to `n` streams for the group form); returns n. */
type Call = (env: Env, streams: string[], version: number) => Promise<number>;

const json1 = (v: number) => JSON.stringify([{ ...figureEvent(v), schemaVersion: 1 }]);
const raw =
  (fn: string, name?: string): Call =>
  async ({ pool }, [stream], v) => {
    // candidates fall back to the public tables' checked path: create their stream row first so they take the fast path
    if (v === 0 && fn.startsWith(PROFILE_SCHEMA)) await pool.query(`INSERT INTO ${PROFILE_SCHEMA}.streams VALUES ($1, 'figure', 0)`, [stream]);
    await pool.query({ name, text: `SELECT * FROM ${fn}($1, 'figure', $2, $3::jsonb)`, values: [stream, String(v), json1(v)] });
    return 1;
  };

/** A store per (contender, pool), so each keeps its own group-commit state. */
const stores = new Map<string, PostgresEventStore>();
const storeCall =
  (key: string, options: (env: Env) => PostgresEventStoreOptions): Call =>
  async (env, [stream], v) => {
    const id = `${key}:${env.pool === singlePool ? 'single' : 'pool'}`;
    const store = stores.get(id) ?? stores.set(id, new PostgresEventStore(env.db, undefined, options(env))).get(id)!;
    await store.append(stream!, [figureEvent(v)], { expectedVersion: v });
    return 1;
  };
let singlePool: Pool | undefined;

/** c8Only: measured at c=8 only (its c=1 path is another row's). */
const CONTENDERS: { name: string; what: string; call: Call; c8Only?: boolean; group?: boolean }[] = [
  {
    name: 'plain_insert',
    what: 'baseline: single-row INSERT, same table shape',
    call: async ({ pool }, [stream], v) => {
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
    call: async ({ pool }: Env, [stream]: string[], v: number) => {
      await pool.query(`SELECT ${PROFILE_SCHEMA}.${variant.name}($1, $2, $3::jsonb)`, [stream, v, json1(v)]);
      return 1;
    },
  })),
  { name: 'factledger_append_checked', what: 'the full checks (the function before the fast path), raw pg', call: raw('factledger_append_checked') },
  { name: 'factledger_append', what: 'shipped fast path, raw pg', call: raw('factledger_append') },
  { name: 'factledger_append prepared', what: 'shipped fast path, raw pg, named prepared statement', call: raw('factledger_append', 'fa') },
  {
    name: 'one_event_append prepared',
    what: 'candidate: one-event branch (VALUES, RETURNING INTO, RETURN NEXT), raw pg, named prepared statement',
    call: raw(`${PROFILE_SCHEMA}.one_event_append`, 'oea'),
  },
  { name: 'cte_append', what: 'candidate: UPDATE + INSERT in one statement, raw pg', call: raw(`${PROFILE_SCHEMA}.cte_append`) },
  { name: 'cte_append_out', what: 'candidate: cte_append with OUT parameters, raw pg', call: raw(`${PROFILE_SCHEMA}.cte_append_out`) },
  { name: 'store via Kysely', what: 'PostgresEventStore.append as wired (Kysely); c=8: group commit', call: storeCall('kysely', () => ({})) },
  {
    name: 'store via pool',
    what: 'PostgresEventStore.append, { pool } (prepared statements); c=8: group commit',
    call: storeCall('pool', ({ pool }) => ({ pool })),
  },
  ...[1, 3, 4].map((maxInFlight) => ({
    name: `store via Kysely, ${maxInFlight} in flight`,
    what: `c=8 only: group commit with maxInFlight ${maxInFlight}`,
    call: storeCall(`kysely-${maxInFlight}`, () => ({ groupCommit: { maxInFlight } })),
    c8Only: true,
  })),
  ...(
    [
      ['factledger_append_many', 'shipped: one factledger_append call per append'],
      [`${PROFILE_SCHEMA}.set_append_many`, 'candidate: one UPDATE and one INSERT for the group'],
    ] as const
  ).map(([fn, what]) => ({
    name: fn,
    what: `${BATCH} appends per call (the group a c=8 batcher sends), ${what}`,
    group: true,
    call: async ({ pool }: Env, streams: string[], v: number) => {
      // the candidate has no slow path: its streams exist before the first append
      if (v === 0 && fn !== 'factledger_append_many') {
        await pool.query(`INSERT INTO ${PROFILE_SCHEMA}.streams (stream_id, stream_type, version) SELECT unnest($1::text[]), 'figure', 0`, [streams]);
      }
      const appends = streams.map((s) => `{"s":"${s}","t":"figure","x":"${v}","e":${json1(v)}}`);
      const { rows } = await pool.query<{ status: string }>({ name: fn, text: `SELECT * FROM ${fn}($1::jsonb)`, values: [`[${appends.join(',')}]`] });
      if (rows.length !== streams.length || rows.some((r) => r.status !== 'ok')) throw new Error(`${fn}: ${JSON.stringify(rows)}`);
      return streams.length;
    },
  })),
];
/** --only REGEX: just the contenders whose name matches (and the plain INSERT). */
const only = process.argv.includes('--only') ? new RegExp(process.argv[process.argv.indexOf('--only') + 1]!) : null;
if (only) CONTENDERS.splice(0, CONTENDERS.length, ...CONTENDERS.filter((c, i) => i === 0 || only.test(c.name)));

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
  const options = '-c synchronous_commit=off';
  const single = new pg.Pool({ connectionString: at(DATABASE), options, max: 1, idleTimeoutMillis: 0 });
  const pool = new pg.Pool({ connectionString: at(DATABASE), options, max: 10 });
  for (const p of [single, pool]) p.on('error', () => undefined); // idle clients killed by the final DROP ... FORCE
  singlePool = single;
  const singleDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  const poolDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(poolDb);
    await pool.query(profileSchemaSql());
    const perOp = new Map<string, { serverUs: number[]; clientUs: number[]; walBytes: number[]; wallUs: number[]; c8: number[] }>();
    const entry = (name: string) => perOp.get(name) ?? perOp.set(name, { serverUs: [], clientUs: [], walBytes: [], wallUs: [], c8: [] }).get(name)!;

    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: CPU per append at c=1`);
      const backend = Number((await single.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const env = { db: singleDb, pool: single };
      for (const c of (round % 2 ? CONTENDERS : [...CONTENDERS].reverse()).filter((x) => !x.c8Only)) {
        const streams = Array.from({ length: BATCH }, () => `figure-${randomUUID()}`);
        const target = c.group ? streams : [streams[0]!];
        await c.call(env, target, 0); // creates the streams: a first append takes the slow path
        const lsn0 = (await single.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
        const server0 = cpuNs(backend);
        const client0 = process.cpuUsage();
        const t0 = performance.now();
        let ops = 0;
        for (let v = 1; ops < OPS; v++) ops += await c.call(env, target, v);
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
      for (const c of (round % 2 ? CONTENDERS : [...CONTENDERS].reverse()).filter((x) => !x.group)) {
        const streams = Array.from({ length: BATCH }, () => `figure-${randomUUID()}`);
        const r = await loadLoop(BATCH, { seconds: SECONDS, maxOps: Number.MAX_SAFE_INTEGER }, async (w, i) => {
          await c.call({ db: poolDb, pool }, [streams[w]!], i);
          return 1;
        });
        entry(c.name).c8.push(r.ops / r.seconds);
      }
    }

    const m = (name: string, key: 'serverUs' | 'clientUs' | 'walBytes' | 'wallUs' | 'c8') => median(perOp.get(name)?.[key] ?? []);
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
    const header = [
      'variant',
      'what',
      'server CPU µs',
      'client CPU µs',
      'total CPU µs (vs plain)',
      'WAL B',
      'wall µs (c=1)',
      'c=8 appends/s (vs plain)',
    ];
    console.log(`\nper append, medians of ${ROUNDS} rounds of ${OPS} appends (c=1) and of ${SECONDS} s (c=8):\n`);
    console.log([header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n'));
  } finally {
    for (const store of stores.values()) await store.close();
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
