import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import type { Checkpoint } from '@factledger/event-store';
import type { ProjectionLogger } from './projection-definition';
import type { SharedBulkReads } from './shared-bulk-reads';

export interface RebuildProgress {
  name: string;
  version: number;
  /** Events the version's checkpoint has moved over so far. */
  processed: number;
  /** Events to go through in all; grows if the log grows during the rebuild. */
  total: number;
  checkpoint: Checkpoint;
  /** waiting: another instance holds the version and is building it. */
  phase: 'catching_up' | 'switched' | 'waiting';
}

/** Default bulk batch: large enough to amortise a batch's fixed work, small enough for the rebuild's memory budget. */
export const BULK_BATCH_SIZE = 20_000;

export interface ProjectionRunnerOptions {
  /** Shared pool, for work outside the runner's session (dropping retired schemas). */
  db: Kysely<EngineDb>;
  connectionString: string;
  owner: string;
  logger: ProjectionLogger;
  batchSize: number;
  rebuildBatchSize: number;
  /**
   * While more than this many events are behind the checkpoint (a rebuild or
   * a fresh catch-up from START), batches of this size, rows loaded by COPY
   * (ProjectionContext.copy); then the usual batches. 0: never.
   */
  bulkBatchSize?: number;
  /** false: a version at START fills by bulk batches even when its definition has a `fill` (tests prove both paths equal). */
  firstFill?: boolean;
  pollIntervalMs: number;
  lockRetryMs: number;
  retiredSchemaGraceMs: number;
  /** Rebuild mode: end once this version is active (switched by us or by another instance). */
  untilActive?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  /** Called once the version is marked failed (after the batch rolled back). */
  onFailed?: (error: string) => void;
  onBatch?: BatchObserver;
  /** The engine's one read of the log for its bulk catch-ups (see SharedBulkReads). */
  sharedReads?: SharedBulkReads;
}

/** A batch committed: which read model, how many events the checkpoint moved over, how long it took. */
export type BatchObserver = (batch: { name: string; version: number; events: number; seconds: number; mode: 'running' | 'rebuilding' }) => void;

/** Why a runner's loop ended. */
export type RunnerExit = 'stopped' | 'superseded' | 'active';
