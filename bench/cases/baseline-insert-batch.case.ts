import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { BenchCase } from '../harness/bench-case';
import { groupSuffix, nameSuffix, writerPool, type CommitMode } from '../harness/commit-mode';
import { loadLoop } from '../harness/load-loop';
import { BASELINE_SCHEMA, INSERT_COLUMNS } from '../fixtures/baseline-schema';
import { FIGURE_REPORTED, figureReported } from '../fixtures/payload';
import { baselineSchema } from '../fixtures/shared-fixtures';

const COLUMNS = 6;

/** `VALUES ($1, ..., $6), ($7, ...)` for `rows` rows. */
const valuesList = (rows: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`).join(', ');

/** Plain pg: one multi-row INSERT of `scale.batchEvents` rows (one transaction) into one stream. */
export function baselineInsertBatch(mode: CommitMode = 'durable'): BenchCase {
  let pool: pg.Pool;
  let statement = '';
  let batch = 100;
  return {
    name: `baseline.insert-100${nameSuffix(mode)}`,
    group: `append 100 events in one transaction${groupSuffix(mode)}`,
    title: 'plain pg: one 100-row INSERT',
    unit: 'events',
    async setup(ctx) {
      batch = ctx.scale.batchEvents;
      statement = `INSERT INTO ${BASELINE_SCHEMA}.events (${INSERT_COLUMNS}) VALUES ${valuesList(batch)}`;
      pool = (await writerPool(ctx, mode)).pool;
      await baselineSchema(ctx);
    },
    run(_round, budget) {
      const stream = `figure-${randomUUID()}`;
      return loadLoop(1, budget, async (_w, i) => {
        const values: unknown[] = [];
        for (let k = 0; k < batch; k++) {
          const { data, metadata } = figureReported(i * batch + k);
          values.push(stream, i * batch + k + 1, randomUUID(), FIGURE_REPORTED, data, metadata);
        }
        await pool.query(statement, values);
        return batch;
      });
    },
    teardown: async () => undefined,
  };
}
