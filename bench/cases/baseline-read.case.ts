import { randomUUID } from 'node:crypto';
import type { BenchCase, BenchContext } from '../harness/bench-case';
import { loadLoop } from '../harness/load-loop';
import { BASELINE_SCHEMA, INSERT_COLUMNS } from '../fixtures/baseline-schema';
import { FIGURE_REPORTED, figureReported } from '../fixtures/payload';
import { baselineLog, baselineSchema } from '../fixtures/shared-fixtures';

/**
 * What every read case selects: factledger's EVENT_COLUMNS, with recorded_at as a timestamptz parsed by pg into a
 * Date (the store reads its text and parses it itself, parseTimestamptz): the plain way, for the baseline.
 */
const COLUMNS = `position::text AS position, transaction_id::text AS transaction_id, stream_id, stream_version,
  event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at`;
export const PAGE_SIZE = 1000;

/**
 * Plain pg: the log read page by page by position (keyset, PK index), the
 * ceiling for any catch-up. Each round starts at the beginning and wraps.
 */
export function baselinePagedRead(): BenchCase {
  let ctx: BenchContext;
  return {
    name: 'baseline.paged-read',
    group: 'read the log from the start',
    title: `plain pg: keyset pages of ${PAGE_SIZE} by position`,
    unit: 'events',
    async setup(c) {
      ctx = c;
      await baselineLog(ctx);
    },
    run(_round, budget) {
      let after = '0';
      return loadLoop(1, budget, async () => {
        const { rows } = await ctx.pool.query(
          `SELECT ${COLUMNS} FROM ${BASELINE_SCHEMA}.log_events WHERE position > $1 ORDER BY log_events.position LIMIT ${PAGE_SIZE}`,
          [after],
        );
        after = rows.length < PAGE_SIZE ? '0' : rows.at(-1).position;
        return rows.length;
      });
    },
    teardown: async () => undefined,
  };
}

/** Plain pg: one stream of `scale.streamEvents` events read whole by (stream_id, stream_version). */
export function baselineReadStream(): BenchCase {
  let ctx: BenchContext;
  const stream = `figure-${randomUUID()}`;
  return {
    name: 'baseline.read-stream',
    group: 'read a 1,000-event stream',
    title: 'plain pg: SELECT one stream ordered by version',
    unit: 'events',
    async setup(c) {
      ctx = c;
      await baselineSchema(ctx);
      await ctx.pool.query(
        `INSERT INTO ${BASELINE_SCHEMA}.events (${INSERT_COLUMNS})
         SELECT $1, v, gen_random_uuid(), '${FIGURE_REPORTED}', $2::jsonb, $3::jsonb FROM generate_series(1, $4::int) v`,
        [stream, figureReported(1).data, figureReported(1).metadata, ctx.scale.streamEvents],
      );
    },
    run(_round, budget) {
      return loadLoop(1, budget, async () => {
        const { rows } = await ctx.pool.query(
          `SELECT ${COLUMNS} FROM ${BASELINE_SCHEMA}.events WHERE stream_id = $1 AND stream_version >= 1 ORDER BY stream_version`,
          [stream],
        );
        return rows.length;
      });
    },
    teardown: async () => undefined,
  };
}
