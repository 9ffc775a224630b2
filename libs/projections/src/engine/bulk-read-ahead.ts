import type { Kysely } from 'kysely';
import { compareCheckpoints, readBatch, type Batch, type Checkpoint, type EventStoreTables, type LogEvent } from '@factledger/event-store';
import type { ProjectionDefinition } from './projection-definition';

interface Ahead {
  after: Checkpoint;
  limit: number;
  batch: Promise<Batch<LogEvent>>;
}

/**
 * During bulk catch-up, the next batch is read on a pool connection while the
 * current one applies on the leased one: Node decodes the next page while
 * PostgreSQL writes the last (two cores). Reading ahead is safe: a page is the
 * events after a checkpoint below the reading snapshot's xmin, all committed,
 * and nothing can join them later, so any connection reads the same page
 * (a later snapshot may only add events after it: the page is shorter, never
 * different). It is used only if the batch before it committed: the next read
 * must start at its end with the same limit, else it is dropped. Fencing is
 * unchanged (the checkpoint's compare-and-set is in the applying transaction).
 */
export class BulkReadAhead {
  private ahead: Ahead | null = null;

  constructor(
    private readonly pool: Kysely<EventStoreTables>,
    private readonly definition: ProjectionDefinition,
  ) {}

  /** The batch after `after`: the one read ahead when it starts there with this limit, else read now on `db`. */
  read(db: Kysely<EventStoreTables>, after: Checkpoint, limit: number): Promise<Batch<LogEvent>> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead && ahead.limit === limit && compareCheckpoints(ahead.after, after) === 0) return ahead.batch;
    return readBatch(db, after, limit, this.definition.upcast, this.definition.skipPayloadOf);
  }

  /** Starts reading the batch after `after` (the end of the one about to apply). */
  start(after: Checkpoint, limit: number): void {
    const batch = readBatch(this.pool, after, limit, this.definition.upcast, this.definition.skipPayloadOf);
    batch.catch(() => undefined); // awaited (and its error seen) only if used
    this.ahead = { after, limit, batch };
  }

  /** Forget what was read ahead (the claim is gone: the next read starts from a reloaded checkpoint). */
  drop(): void {
    this.ahead = null;
  }
}
