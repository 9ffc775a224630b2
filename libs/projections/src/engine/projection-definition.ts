import { invalid, type DomainEvent, type Upcaster } from '@factledger/shared';
import type { Checkpoint, LogEvent, LogOrder } from '@factledger/event-store';
import type { SqlConnection } from '@factledger/platform';

export interface ProjectionContext {
  /** The schema of the version being built: write every table through it. */
  schema: string;
  /**
   * Set for a bulk batch (a version far behind the head, e.g. a rebuild from
   * START): many pages in one transaction, none of it read until the version
   * catches up. `COPY … FROM STDIN` into the same transaction, for rows that
   * only need inserting.
   */
  copy?: CopyIn;
}

/** Runs `COPY <table> (<columns>) FROM STDIN` with the text-format rows of `data`, in the batch's transaction. */
export type CopyIn = (statement: string, data: Iterable<string>) => Promise<void>;

/**
 * A read model. Each (name, version) gets its own schema, so a new version can
 * be rebuilt beside the live one; bump `version` whenever `setup` or `apply`
 * changes what the tables hold.
 */
export interface ProjectionDefinition<E extends DomainEvent = DomainEvent> {
  /** Lower-case letters, digits and `_`; part of the schema name. */
  name: string;
  version: number;
  /** The family the read model folds: each batch is read through it once, in the store's read path. */
  upcast: Upcaster<E>;
  /** Creates the read-model tables inside `schema` (which already exists). */
  setup(db: SqlConnection, schema: string): Promise<void>;
  /**
   * Applies a whole batch with set-based SQL (one statement per table, not a
   * round trip per event). Runs inside the transaction that also moves the
   * checkpoint; throwing rolls both back and marks the projection failed.
   * May return the keys whose answers the batch may have changed (see
   * ReadModelNotice.keys), so caches of the others stay; nothing = anything.
   */
  apply(trx: SqlConnection, events: LogEvent<E>[], ctx: ProjectionContext): Promise<void | AppliedKeys>;
  /**
   * Upkeep deferred from batches, run while the running version is caught up
   * and no event is waiting (the log follower's idle hook): `run` in a
   * transaction of its own that holds the checkpoint row's lock as a batch
   * does, only while `due()` (in memory: an idle moment with nothing to do
   * costs no round trip). It must not change what readers are answered (the
   * checkpoint does not move); bounded per call; true when more is left.
   */
  idle?: { due(): boolean; run(trx: SqlConnection, ctx: ProjectionContext): Promise<boolean> };
  /**
   * A first fill: a version still at START and far behind the head (a
   * rebuild, a new deployment's first catch-up) applies the whole log up to
   * `last` (gap-safe) in one transaction with the checkpoint's move, instead
   * of bulk batches, e.g. folding each stream's whole history at once so each
   * row is written once, final. Returns how many events it applied (every
   * event up to `last`). Should it fail, the version goes on by batches, which
   * locate a failing event. The rest of the log follows by batches. Readers
   * of a first version see it empty at START until the fill commits. `pool`
   * reads the log beside the transaction (every event up to `last` is
   * settled); `order`, the log's order up to `last`, is being read there.
   */
  fill?(trx: SqlConnection, ctx: FillContext): Promise<number>;
  /** Only these stored event types reach `apply`; the checkpoint still moves over all events. */
  eventTypes?: readonly string[];
  /**
   * Stored event types whose payload the model never reads: they still reach
   * `apply` (in order, with their place in the log), as `event: null`, read
   * without their JSON and never upcast (so not checked for a version newer
   * than this code either: the model ignores them whatever they hold).
   */
  skipPayloadOf?: readonly string[];
}

/** A first fill's context (ProjectionDefinition.fill). */
export interface FillContext {
  schema: string;
  copy: CopyIn;
  last: Checkpoint;
  pool: SqlConnection;
  order: Promise<LogOrder>;
  /** Events of the log folded so far (a rebuild's progress while it fills). */
  progress: (folded: number) => void;
}

/** What a batch touched, as keys its readers cache by (the figures model: metric keys). */
export interface AppliedKeys {
  keys: readonly string[];
}

/** Nest's Logger fits this shape. */
export interface ProjectionLogger {
  log(message: string, ...meta: unknown[]): void;
  warn(message: string, ...meta: unknown[]): void;
  error(message: string, ...meta: unknown[]): void;
}

export type ProjectionState = 'running' | 'stopped' | 'rebuilding' | 'failed' | 'idle';

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

export function assertProjectionName(name: string): void {
  if (!NAME.test(name)) throw invalid('projection.invalid_name', `Projection name "${name}" must match ${NAME.source}`);
}

export function assertDefinition(definition: ProjectionDefinition): void {
  assertProjectionName(definition.name);
  if (!Number.isSafeInteger(definition.version) || definition.version < 1 || definition.version > 99_999) {
    throw invalid('projection.invalid_version', `Projection ${definition.name}: version must be a positive integer`);
  }
}

/** `rm_<name>_v<version>`: at most 52 characters, within PostgreSQL's 63. */
export const schemaName = (name: string, version: number): string => `rm_${name}_v${version}`;
