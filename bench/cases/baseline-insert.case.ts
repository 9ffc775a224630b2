import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { BenchCase } from '../harness/bench-case';
import { groupSuffix, nameSuffix, writerPool, type CommitMode } from '../harness/commit-mode';
import { loadLoop } from '../harness/load-loop';
import { BASELINE_SCHEMA, INSERT_COLUMNS } from '../fixtures/baseline-schema';
import { FIGURE_REPORTED, figureReported } from '../fixtures/payload';
import { baselineSchema } from '../fixtures/shared-fixtures';

const INSERT_ONE = `INSERT INTO ${BASELINE_SCHEMA}.events (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`;

/** Plain pg: one single-row INSERT per (autocommit) transaction, each writer on its own stream. */
export function baselineInsertOne(concurrency: number, mode: CommitMode = 'durable'): BenchCase {
  let pool: pg.Pool;
  return {
    name: `baseline.insert-1.c${concurrency}${nameSuffix(mode)}`,
    group: `append 1 event, c=${concurrency}${groupSuffix(mode)}`,
    title: `plain pg: single-row INSERT per transaction, ${concurrency} writer(s)`,
    unit: 'events',
    async setup(ctx) {
      pool = (await writerPool(ctx, mode)).pool;
      await baselineSchema(ctx);
    },
    run(_round, budget) {
      const streams = Array.from({ length: concurrency }, () => `figure-${randomUUID()}`);
      return loadLoop(concurrency, budget, async (w, i) => {
        const { data, metadata } = figureReported(i);
        await pool.query(INSERT_ONE, [streams[w], i + 1, randomUUID(), FIGURE_REPORTED, data, metadata]);
        return 1;
      });
    },
    teardown: async () => undefined,
  };
}
