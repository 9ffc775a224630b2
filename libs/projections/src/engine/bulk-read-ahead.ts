import type { Kysely } from 'kysely';
import {
  compareCheckpoints,
  readBatch,
  upcastBatch,
  type Batch,
  type Checkpoint,
  type EventStoreTables,
  type LogEvent,
} from '@factledger/event-store';
import type { ProjectionDefinition } from './projection-definition';
import type { SharedBulkReads } from './shared-bulk-reads';

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
 * With `shared`, bulk pages come from the engine's one read for all its bulk
 * catch-ups (SharedBulkReads) and are upcast here.
 */
export class BulkReadAhead {
  private ahead: Ahead | null = null;
  private readonly reader = Symbol('bulk reader');

  constructor(
    private readonly pool: Kysely<EventStoreTables>,
    private readonly definition: ProjectionDefinition,
    private readonly shared?: SharedBulkReads,
  ) {}

  /** The batch after `after`: the one read ahead when it starts there with this limit, else read now (on `db` unless `bulk`). */
  read(db: Kysely<EventStoreTables>, after: Checkpoint, limit: number, bulk: boolean): Promise<Batch<LogEvent>> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead && ahead.limit === limit && compareCheckpoints(ahead.after, after) === 0) return ahead.batch;
    if (bulk && this.shared) return this.readShared(after, limit);
    this.shared?.leave(this.reader);
    return readBatch(db, after, limit, this.definition.upcast, this.definition.skipPayloadOf);
  }

  /** Starts reading the batch after `after` (the end of the one about to apply). */
  start(after: Checkpoint, limit: number): void {
    const batch = this.shared
      ? this.readShared(after, limit)
      : readBatch(this.pool, after, limit, this.definition.upcast, this.definition.skipPayloadOf);
    batch.catch(() => undefined); // awaited (and its error seen) only if used
    this.ahead = { after, limit, batch };
  }

  /** Forget what was read ahead (the claim is gone: the next read starts from a reloaded checkpoint). */
  drop(): void {
    this.ahead = null;
    this.shared?.leave(this.reader);
  }

  private async readShared(after: Checkpoint, limit: number): Promise<Batch<LogEvent>> {
    const { upcast, skipPayloadOf } = this.definition;
    const raw = await this.shared!.read(this.reader, after, limit);
    return raw ? upcastBatch(raw, upcast, skipPayloadOf) : readBatch(this.pool, after, limit, upcast, skipPayloadOf);
  }
}
