import type { Kysely } from 'kysely';
import type { AppendNotifier } from './append-notifications';
import type { EventStoreTables } from './event-store.table';
import {
  appendToStream,
  readAllAfter,
  readStream,
  streamAllAfter,
  streamVersion,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
} from './events.repository';
import type { AppendResult, Checkpoint, ExpectedVersion, NewEvent, RecordedEvent } from './event-store.types';

/** The narrow port the rest of factledger uses to read and write events. */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  streamVersion(streamId: string): Promise<number>;
  readAll(after: Checkpoint, options?: ReadAllOptions): Promise<ReadAllPage>;
  streamAll(after: Checkpoint, options?: ReadAllOptions): AsyncGenerator<RecordedEvent>;
}

export class PostgresEventStore implements EventStore {
  constructor(
    private readonly db: Kysely<EventStoreTables>,
    private readonly notifier?: AppendNotifier,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], options: { expectedVersion?: ExpectedVersion } = {}): Promise<AppendResult> {
    const result = await appendToStream(this.db, streamId, events, options);
    if (!result.duplicate) this.notifier?.notify(result.lastPosition);
    return result;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStream(this.db, streamId, options);
  }

  streamVersion(streamId: string): Promise<number> {
    return streamVersion(this.db, streamId);
  }

  readAll(after: Checkpoint, options?: ReadAllOptions): Promise<ReadAllPage> {
    return readAllAfter(this.db, after, options);
  }

  streamAll(after: Checkpoint, options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    return streamAllAfter(this.db, after, options);
  }
}
