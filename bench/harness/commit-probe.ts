import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { median } from './stats';

/**
 * Median latency (ms) of `count` tiny autocommit INSERTs: a durable commit's
 * price right now, i.e. mostly the WAL flush. On this VM it moves by 10× as
 * other work uses the disk, so the report prints it for every round.
 */
export async function commitLatencyMs(pool: pg.Pool, count = 100): Promise<number> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (id bigint GENERATED ALWAYS AS IDENTITY, at timestamptz DEFAULT now())');
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await pool.query('INSERT INTO bench_commit_probe DEFAULT VALUES');
    times.push(performance.now() - t0);
  }
  return median(times);
}
