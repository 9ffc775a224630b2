import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { AppendListener } from '@factledger/event-store';
import { invalid } from '@factledger/shared';
import { resumeProjection } from './checkpoints.repository';
import { ensureProjection, resetProjection, RETIRED_SCHEMA_GRACE_MS } from './ensure-projection';
import { assertDefinition, type ProjectionDefinition, type ProjectionLogger } from './projection-definition';
import { ProjectionRunner, type BatchObserver, type RunnerExit } from './projection-runner';
import { projectionStatus, type ProjectionStatus } from './projection-status.repository';
import { BULK_BATCH_SIZE } from './projection-runner.types';
import { SharedBulkReads } from './shared-bulk-reads';

export interface ProjectionEngineOptions {
  /** Shared pool: start-up, status, resets. */
  db: Kysely<EngineDb>;
  /** For the dedicated lock connections (one per projection) and the LISTEN connection. */
  connectionString: string;
  definitions: readonly ProjectionDefinition[];
  logger?: ProjectionLogger;
  /** Shown in status; default host:pid:random. */
  owner?: string;
  /** Events per batch when following the log. Default 1000. */
  batchSize?: number;
  /** Events per batch while rebuilding a version beside the active one. Default 5000. */
  rebuildBatchSize?: number;
  /** Events per bulk batch (COPY) while a version is that far behind the head (see ProjectionRunnerOptions). Default 20,000; 0: never. */
  bulkBatchSize?: number;
  /** Default true (see ProjectionRunnerOptions.firstFill). */
  firstFill?: boolean;
  /** Polling fallback when no notification arrives. Default 1000 ms. */
  pollIntervalMs?: number;
  /** How often a standby retries the lock (and a failed projection checks for a resume). Default 750 ms. */
  lockRetryMs?: number;
  /** Wake on the event store's append notification. Default true; polling alone otherwise. */
  notifications?: boolean;
  retiredSchemaGraceMs?: number;
  /** Told after each committed batch (metrics). */
  onBatch?: BatchObserver;
}

export const defaultOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Runs a set of projections in this process. Start as many processes as you
 * like: each projection version is applied by exactly one of them at a time,
 * and a standby takes over within about `lockRetryMs` when the holder dies.
 */
export class ProjectionEngine {
  readonly owner: string;
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly exits = new Map<string, Promise<RunnerExit>>();
  private listener: AppendListener | null = null;
  private readonly logger: ProjectionLogger;
  private started = false;

  constructor(private readonly options: ProjectionEngineOptions) {
    this.owner = options.owner ?? defaultOwner();
    this.logger = options.logger ?? console;
    const names = new Set<string>();
    for (const definition of options.definitions) {
      assertDefinition(definition);
      if (names.has(definition.name)) throw invalid('projection.duplicate', `Projection ${definition.name} is defined twice`);
      names.add(definition.name);
    }
  }

  /** Sets up missing versions (surfacing setup errors now), then starts every runner. */
  async start(): Promise<void> {
    if (this.started) return;
    const { db, definitions } = this.options;
    for (const definition of definitions) {
      const plan = await ensureProjection(db, definition, { retiredSchemaGraceMs: this.options.retiredSchemaGraceMs });
      if (plan.outcome === 'rebuilding')
        this.logger.log(`projection ${definition.name}: rebuilding v${definition.version} beside the active v${plan.activeVersion}`);
    }
    this.started = true;
    const sharedReads = new SharedBulkReads(db);
    for (const definition of definitions) {
      const runner = new ProjectionRunner(definition, {
        db,
        connectionString: this.options.connectionString,
        owner: this.owner,
        logger: this.logger,
        batchSize: this.options.batchSize ?? 1000,
        rebuildBatchSize: this.options.rebuildBatchSize ?? 5000,
        bulkBatchSize: this.options.bulkBatchSize ?? BULK_BATCH_SIZE,
        firstFill: this.options.firstFill,
        pollIntervalMs: this.options.pollIntervalMs ?? 1000,
        lockRetryMs: this.options.lockRetryMs ?? 750,
        retiredSchemaGraceMs: this.options.retiredSchemaGraceMs ?? RETIRED_SCHEMA_GRACE_MS,
        onBatch: this.options.onBatch,
        sharedReads,
      });
      this.runners.set(definition.name, runner);
      this.exits.set(definition.name, runner.start());
    }
    if (this.options.notifications !== false) {
      const listener = new AppendListener(this.options.connectionString);
      listener.on('append', () => this.wake());
      // Appends during a reconnect were not announced.
      listener.on('connected', () => this.wake());
      this.listener = listener;
      await listener.start();
    }
  }

  /** Reads now in every runner, as an append notification does. */
  wake(): void {
    for (const runner of this.runners.values()) runner.wake('append');
  }

  /** Finishes batches in flight, releases locks, closes connections (SIGTERM). */
  async stop(): Promise<void> {
    await this.listener?.stop();
    this.listener = null;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  /** Retries a failed projection from its unchanged checkpoint (after a fix is deployed). */
  async resume(name: string): Promise<void> {
    const runner = this.runnerOf(name);
    await resumeProjection(this.options.db, name, runner.definition.version);
    runner.wake('resume');
  }

  /** Empties this projection version and refills it from START, in place. */
  async reset(name: string): Promise<void> {
    const runner = this.runnerOf(name);
    await resetProjection(this.options.db, runner.definition);
    runner.wake('resume');
  }

  /** Whether this instance currently holds and applies the projection. */
  isLeading(name: string): boolean {
    return this.runners.get(name)?.leading ?? false;
  }

  /** Settles when the projection's runner ends: stopped, or superseded by a newer version. */
  exited(name: string): Promise<RunnerExit> | undefined {
    return this.exits.get(name);
  }

  status(): Promise<ProjectionStatus[]> {
    return projectionStatus(this.options.db);
  }

  private runnerOf(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw invalid('projection.unknown', `Projection ${name} is not run by this engine`, { projection: name });
    return runner;
  }
}
