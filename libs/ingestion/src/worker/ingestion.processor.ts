import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import type { IngestionDb } from './ingestion-db';
import { LedgerWriter } from '@factledger/ledger';
import {
  CONFIG,
  INSTANCE_ID,
  KYSELY,
  METRICS,
  newInstanceId,
  REDIS_PROBE,
  type AppConfig,
  type MetricsRegistry,
  type RedisProbe,
} from '@factledger/platform';
import type { IngestionJobName } from '../domain';
import { INGESTION_QUEUE, type IngestionJobData, type IngestionJobResult } from '../queue/ingestion-queue';
import { jobOutcomeMetrics, type JobOutcomeMetrics } from '../queue/queue-metrics';
import {
  DEFAULT_INGESTION_WORKER_OPTIONS,
  INGESTION_HOOKS,
  INGESTION_WORKER_OPTIONS,
  type IngestionHooks,
  type IngestionWorkerOptions,
} from './ingestion-hooks';
import { IngestionRun } from './ingestion-run';
import { ExtractionPool } from '../extraction/extraction-pool';

/** The name is typed as the union; Redis may still hold any string, which `process` refuses. */
type IngestionJob = Job<IngestionJobData, IngestionJobResult, IngestionJobName>;

/**
 * Processes ingestion jobs one at a time: matching reads what earlier jobs
 * wrote, so two jobs must never interleave. Concurrency 1 here, and a global
 * concurrency of 1 on the queue covers several worker processes.
 */
@Processor(INGESTION_QUEUE, { concurrency: 1 })
export class IngestionProcessor
  extends WorkerHost<Worker<IngestionJobData, IngestionJobResult>>
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('ingestion');
  private lastRedisError = 0;
  private readonly metrics: JobOutcomeMetrics | undefined;

  constructor(
    private readonly commands: CommandBus,
    private readonly writer: LedgerWriter,
    @Inject(KYSELY) private readonly db: Kysely<IngestionDb>,
    @InjectQueue(INGESTION_QUEUE) private readonly queue: Queue,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly extraction: ExtractionPool,
    @Optional() @Inject(INGESTION_HOOKS) private readonly hooks: IngestionHooks = {},
    @Optional() @Inject(INGESTION_WORKER_OPTIONS) private readonly options: Partial<IngestionWorkerOptions> = {},
    @Optional() @Inject(METRICS) metrics?: MetricsRegistry,
    @Optional() @Inject(INSTANCE_ID) private readonly instanceId: string = newInstanceId(),
  ) {
    super();
    this.metrics = metrics && jobOutcomeMetrics(metrics);
    queue.on('error', (error: Error) => this.onError(error));
  }

  /** One job name per payload kind; a name this worker does not know (or one that contradicts its payload) fails for good. */
  async process(job: IngestionJob): Promise<IngestionJobResult> {
    const name: IngestionJobName = job.name;
    switch (name) {
      case 'ingest-structured':
      case 'ingest-article':
        if (job.data?.payload?.kind !== name.slice('ingest-'.length)) {
          throw new UnrecoverableError(
            `ingestion.invalid_job: job ${job.id} is named ${name} but carries a ${String(job.data?.payload?.kind)} payload`,
          );
        }
        return this.run(job);
      default:
        return unknownJobName(name, job.id);
    }
  }

  /** The result names this worker: with several worker processes, the job's view says which one did it. */
  private async run(job: IngestionJob): Promise<IngestionJobResult> {
    const run = new IngestionRun(
      {
        commands: this.commands,
        writer: this.writer,
        db: this.db,
        hooks: this.hooks,
        options: {
          ...DEFAULT_INGESTION_WORKER_OPTIONS,
          ...this.options,
          confidenceThreshold: this.options.confidenceThreshold ?? this.config.extractionConfidenceThreshold,
        },
        metrics: this.metrics,
        extraction: this.extraction,
      },
      job,
    );
    return { ...(await run.execute()), processedBy: this.instanceId };
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis away the worker still starts, and BullMQ connects when it can.
    this.queue.setGlobalConcurrency(1).catch((e: Error) => this.logger.warn(`could not set global concurrency: ${e.message}`));
  }

  /**
   * Graceful shutdown: waits for the job in hand and takes no new one, before
   * the database pool closes. With Redis away no job can finish and a graceful
   * close would wait forever, so it closes at once; a job cut short is retried
   * from its idempotent start once its lock expires.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close(!(await this.redis.isUp()));
  }

  @OnWorkerEvent('completed')
  onCompleted(job: IngestionJob): void {
    this.metrics?.ended(job, 'completed');
    const r = job.returnvalue;
    this.logger.log(
      `${job.id}: report ${r.report.reportId}: ${r.figuresReported} reported, ${r.corroborations} corroborated, ${r.revisions} revised, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
    );
  }

  @OnWorkerEvent('failed')
  onFailed(job: IngestionJob | undefined, error: Error): void {
    const final = !job || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (job) this.metrics?.ended(job, final ? 'failed' : 'retried');
    this.logger.warn(`${job?.id ?? 'a job'} ${final ? 'failed' : `failed (attempt ${job?.attemptsMade}, will retry)`}: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    // Redis being away repeats this every reconnect; say it once a minute.
    if (Date.now() - this.lastRedisError < 60_000) return;
    this.lastRedisError = Date.now();
    this.logger.warn(`ingestion worker: ${error.message}`);
  }
}

/** Exhaustiveness: a new job name that is not handled above fails to compile; at run time an unknown one is refused, never retried. */
function unknownJobName(name: never, jobId: string | undefined): never {
  throw new UnrecoverableError(`ingestion.unknown_job: job ${jobId} has the name ${String(name)}, which this worker does not process`);
}
