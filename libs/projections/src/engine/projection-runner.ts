import { LogFollower } from '@factledger/event-store';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectionSubscriber } from './projection-subscriber';
import type { ProjectionRunnerOptions, RunnerExit } from './projection-runner.types';
import { RetiredSchemaDrops } from './retired-schema-drops';

export type { BatchObserver, ProjectionRunnerOptions, RebuildProgress, RunnerExit } from './projection-runner.types';

/**
 * Runs one projection version: a ProjectionSubscriber on a LogFollower. At
 * most one runner across all processes holds the version's lease and applies
 * batches; the others stand by and retry it.
 */
export class ProjectionRunner {
  private readonly subscriber: ProjectionSubscriber;
  private readonly follower: LogFollower<'superseded' | 'active'>;
  private readonly drops: RetiredSchemaDrops;
  private loop: Promise<RunnerExit> | null = null;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly options: ProjectionRunnerOptions,
  ) {
    const { pollIntervalMs, lockRetryMs, logger } = options;
    this.subscriber = new ProjectionSubscriber(definition, options, (previous) => {
      if (previous !== null) this.drops.schedule(previous);
    });
    this.drops = new RetiredSchemaDrops(options.db, definition.name, {
      graceMs: options.retiredSchemaGraceMs,
      logger,
      label: this.subscriber.label,
      keepProcessAlive: options.untilActive === true,
    });
    this.follower = new LogFollower(this.subscriber, {
      session: {
        connectionString: options.connectionString,
        applicationName: `factledger-projector:${definition.name}`,
        // A hung or partitioned process loses its lease instead of blocking the projection forever.
        idleTimeoutMs: Math.max(30_000, 10 * Math.max(pollIntervalMs, lockRetryMs)),
      },
      logger,
      pollIntervalMs,
      standbyRetryMs: lockRetryMs,
      backoff: { minMs: lockRetryMs, maxMs: Math.max(lockRetryMs, 10_000) },
    });
  }

  /** Starts the loop; the promise settles when it ends (stop, superseded, or built in rebuild mode). */
  start(): Promise<RunnerExit> {
    this.loop ??= this.run();
    return this.loop;
  }

  /** New events may be there (append), or a failure was cleared (resume): act now instead of at the next poll. */
  wake(reason: 'append' | 'resume' = 'append'): void {
    this.follower.wake(reason);
  }

  /** Finishes the batch in flight, releases the lock and closes the connection. */
  async stop(): Promise<void> {
    await this.follower.stop();
    await this.loop;
  }

  /** Holds the lock and is applying (not standing by, not failed). */
  get leading(): boolean {
    return this.follower.leading && this.subscriber.claim !== null;
  }

  /** Resolves once retired schemas scheduled for dropping are gone. */
  async settled(): Promise<void> {
    await this.drops.settled();
  }

  private async run(): Promise<RunnerExit> {
    const exit = await this.follower.start();
    if (exit !== 'stopped') await this.follower.stop(); // ended on its own: release the lease
    if (!this.options.untilActive) this.drops.cancel();
    return exit;
  }
}
