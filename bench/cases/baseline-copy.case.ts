import { randomUUID } from 'node:crypto';
import type { BenchCase, BenchContext } from '../harness/bench-case';
import { loadLoop } from '../harness/load-loop';
import { BASELINE_SCHEMA, INSERT_COLUMNS } from '../fixtures/baseline-schema';
import { copyFrom, copyRow } from '../fixtures/copy-from';
import { FIGURE_REPORTED, figureReported } from '../fixtures/payload';
import { baselineSchema } from '../fixtures/shared-fixtures';

/** Plain pg: COPY FROM STDIN of `scale.copyRows` rows per statement: the bulk-load ceiling. */
export function baselineCopy(): BenchCase {
  let ctx: BenchContext;
  return {
    name: 'baseline.copy',
    group: 'bulk load',
    title: 'plain pg: COPY FROM STDIN, 1,000 rows per transaction',
    unit: 'events',
    async setup(c) {
      ctx = c;
      await baselineSchema(ctx);
    },
    async run(_round, budget) {
      const rows = ctx.scale.copyRows;
      const stream = `figure-${randomUUID()}`;
      const client = await ctx.pool.connect();
      try {
        return await loadLoop(1, budget, async (_w, i) => {
          let payload = '';
          for (let k = 0; k < rows; k++) {
            const { data, metadata } = figureReported(i * rows + k);
            payload += copyRow([stream, String(i * rows + k + 1), randomUUID(), FIGURE_REPORTED, JSON.stringify(data), JSON.stringify(metadata)]);
          }
          return copyFrom(client, `COPY ${BASELINE_SCHEMA}.events (${INSERT_COLUMNS}) FROM STDIN`, payload);
        });
      } finally {
        client.release();
      }
    },
    teardown: async () => undefined,
  };
}
