import { sql, type QueryExecutorProvider } from 'kysely';
import type { Checkpoint } from './event-store.types';
import { parseTimestamptz } from './timestamptz-text';

/**
 * The log from START to `last` in log order: how many events, their latest
 * recorded time, and each one's number (1, 2, 3 …) for events read in
 * another order (readLogByStream). The numbers are kept as runs: events
 * consecutive in log order whose positions go up by one (one append's
 * events, and with a single writer the whole log), so a few numbers even for
 * millions of events.
 */
export class LogOrder {
  private constructor(
    readonly last: Checkpoint,
    readonly count: number,
    /** The latest recorded_at up to `last`, and `last`'s own (recorded_at is not monotone in log order). */
    readonly recordedMax: Date | null,
    readonly lastRecordedAt: Date | null,
    /** Run starts sorted by position, with each run's first number and length; runs never overlap in positions. */
    private readonly positions: Float64Array,
    private readonly numbers: Float64Array,
    private readonly lengths: Float64Array,
  ) {}

  /** From run starts in log order (position, number): each run ends where the next one's numbers begin, the last at `count`. */
  static fromRuns(
    span: { last: Checkpoint; count: number; recordedMax: Date | null; lastRecordedAt: Date | null },
    starts: readonly { position: number; n: number }[],
  ): LogOrder {
    const runs = starts.map((s, i) => ({ ...s, length: (starts[i + 1]?.n ?? span.count + 1) - s.n })).sort((a, b) => a.position - b.position);
    return new LogOrder(
      span.last,
      span.count,
      span.recordedMax,
      span.lastRecordedAt,
      Float64Array.from(runs, (r) => r.position),
      Float64Array.from(runs, (r) => r.n),
      Float64Array.from(runs, (r) => r.length),
    );
  }

  numberOf(position: string): number {
    const p = Number(position);
    // Past 2^53 a position is no longer exact as a number: a reader that needs one reads in log order instead.
    if (!Number.isSafeInteger(p)) throw new Error(`position ${position} is beyond what LogOrder numbers`);
    let lo = 0;
    let hi = this.positions.length - 1;
    // The last run starting at or before p.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.positions[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    const offset = p - (this.positions[lo] ?? Number.NaN);
    if (!(offset >= 0 && offset < this.lengths[lo]!)) throw new Error(`position ${position} is not in the log up to ${this.last.position}`);
    return this.numbers[lo]! + offset;
  }
}

/**
 * The log order from START to `last`: one pass of one window over the
 * (transaction_id, position) index gives the runs' starts and, on the last
 * event's row, the totals (a second window over all rows, or an aggregate,
 * cost seconds more at a million events).
 */
export async function logOrder(db: QueryExecutorProvider, last: Checkpoint): Promise<LogOrder> {
  const { rows } = await sql<{ position: string; n: string; recorded_at: string; recorded_max: string; run_start: boolean; is_last: boolean }>`
    SELECT position::text, n::text, recorded_at::text, recorded_max::text, run_start, is_last FROM (
      SELECT position, recorded_at, row_number() OVER w AS n, max(recorded_at) OVER w AS recorded_max,
             (lag(position) OVER w) IS DISTINCT FROM position - 1 AS run_start, (lead(position) OVER w) IS NULL AS is_last
        FROM events WHERE (transaction_id, position) <= (${last.transactionId}::xid8, ${last.position}::bigint)
      WINDOW w AS (ORDER BY transaction_id, position)
    ) o
    WHERE run_start OR is_last
    ORDER BY n`.execute(db);
  const end = rows.at(-1);
  return LogOrder.fromRuns(
    {
      last,
      count: Number(end?.n ?? 0),
      recordedMax: end ? parseTimestamptz(end.recorded_max) : null,
      lastRecordedAt: end ? parseTimestamptz(end.recorded_at) : null,
    },
    rows.filter((r) => r.run_start).map((r) => ({ position: Number(r.position), n: Number(r.n) })),
  );
}
