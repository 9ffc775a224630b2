import type { Kysely } from 'kysely';
import type { DomainEvent, Upcaster } from '@factledger/shared';
import type pg from 'pg';
import { kyselyQuery, poolQuery, prepareAppend, runAppend, toAppendResult, type AppendQuery } from './append-call';
import { AppendGroups, GROUP_COMMIT_DEFAULTS, type GroupCommitOptions } from './append-groups';
import type { AppendNotifier } from './append-notifications';
import type { EventStoreTables } from './event-store.table';
import {
  readAllAfter,
  readStream,
  streamAllAfter,
  streamVersion,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
} from './events.repository';
import type { AppendResult, Checkpoint, ExpectedVersion, NewEvent, RecordedEvent, StreamEvent } from './event-store.types';
import { upcastStream } from './upcast-events';

/** The narrow port the rest of factledger uses to read and write events. */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  /** The stored events as they are (history, proofs). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The stream for its decider: every event upcast into the decider's union. */
  readStreamAs<E extends DomainEvent>(streamId: string, upcast: Upcaster<E>, options?: ReadStreamOptions): Promise<StreamEvent<E>[]>;
  streamVersion(streamId: string): Promise<number>;
  readAll(after: Checkpoint, options?: ReadAllOptions): Promise<ReadAllPage>;
  streamAll(after: Checkpoint, options?: ReadAllOptions): AsyncGenerator<RecordedEvent>;
  /** Lets appends already accepted finish (graceful shutdown); call before closing the database. */
  close?(): Promise<void>;
}

export interface PostgresEventStoreOptions {
  /** Appends go straight to this pool as prepared statements instead of through Kysely. */
  pool?: pg.Pool;
  /** Group concurrent appends into one transaction (see AppendGroups); false: every append alone. */
  groupCommit?: Partial<GroupCommitOptions> | false;
}

/** The production store: concurrent appends share transactions (group commit) unless told otherwise. */
export class PostgresEventStore implements EventStore {
  private readonly query: AppendQuery;
  private readonly groups: AppendGroups | null;

  constructor(
    private readonly db: Kysely<EventStoreTables>,
    private readonly notifier?: AppendNotifier,
    options: PostgresEventStoreOptions = {},
  ) {
    this.query = options.pool ? poolQuery(options.pool) : kyselyQuery(db);
    this.groups = options.groupCommit === false ? null : new AppendGroups(this.query, { ...GROUP_COMMIT_DEFAULTS, ...options.groupCommit });
  }

  async append(streamId: string, events: readonly NewEvent[], options: { expectedVersion?: ExpectedVersion } = {}): Promise<AppendResult> {
    const append = prepareAppend(streamId, events, options);
    const row = await (this.groups ? this.groups.append(append) : runAppend(this.query, append));
    const result = toAppendResult(append, row);
    if (!result.duplicate) this.notifier?.notify(result.lastPosition);
    return result;
  }

  async close(): Promise<void> {
    await this.groups?.close();
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStream(this.db, streamId, options);
  }

  async readStreamAs<E extends DomainEvent>(streamId: string, upcast: Upcaster<E>, options?: ReadStreamOptions): Promise<StreamEvent<E>[]> {
    return upcastStream(streamId, await this.readStream(streamId, options), upcast);
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
