import type { Pool } from 'pg';

export interface BatchedAppend {
  streamId: string;
  streamType: string;
  /** As factledger_append takes it: a version number as text, 'any', 'no_stream' or 'stream_exists'. */
  expected: string;
  events: unknown[];
}

export interface AppendRow {
  status: string;
  stream_version: string;
  first_position: string | null;
  last_position: string | null;
  transaction_id: string | null;
}

interface Pending extends BatchedAppend {
  resolve(row: AppendRow): void;
  reject(error: unknown): void;
}

/**
 * Prototype of group commit for the proposal in docs/benchmarks.md: appends
 * that arrive in the same event-loop turn, or while a call is in flight, go
 * to PostgreSQL as one `factledger_append_many` call — one round trip, one
 * transaction, one WAL flush — and each caller still gets its own status. A
 * failing call (e.g. a unique violation on an event id) is retried append by
 * append so one bad append cannot fail its neighbours.
 */
export class AppendBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly manyFn: string,
    private readonly singleFn: string,
    private readonly options: { maxInFlight: number; maxBatch: number } = { maxInFlight: 2, maxBatch: 64 },
  ) {}

  append(append: BatchedAppend): Promise<AppendRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...append, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      // sorted by stream id: concurrent batches (other processes too) lock stream rows in one order
      const batch = this.queue.splice(0, this.options.maxBatch).sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      const payload = JSON.stringify(batch.map(({ streamId, streamType, expected, events }) => ({ streamId, streamType, expected, events })));
      const { rows } = await this.pool.query<AppendRow & { ord: string }>(`SELECT * FROM ${this.manyFn}($1::jsonb)`, [payload]);
      for (const row of rows) batch[Number(row.ord) - 1]!.resolve(row);
    } catch {
      for (const p of batch) {
        await this.pool
          .query<AppendRow>(`SELECT * FROM ${this.singleFn}($1, $2, $3, $4::jsonb)`, [p.streamId, p.streamType, p.expected, JSON.stringify(p.events)])
          .then((r) => p.resolve(r.rows[0]!), p.reject);
      }
    }
  }
}
