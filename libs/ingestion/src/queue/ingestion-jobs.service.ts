import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { JobState, JobsOptions, Queue } from 'bullmq';
import { DomainError } from '@factledger/shared';
import { IngestionErrorCodes, ingestionJobId, jobNameOf, payloadHash, type IngestionPayload } from '../domain';
import {
  DEFAULT_INGESTION_JOB_OPTIONS,
  INGESTION_JOB_OPTIONS,
  INGESTION_QUEUE,
  type IngestionJobData,
  type IngestionJobResult,
} from './ingestion-queue';
import { ingestionJobView, isIngestionJobId, type IngestionJobView } from './ingestion-job-view';

export const LISTABLE_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;
export type ListableState = (typeof LISTABLE_STATES)[number];

export interface Submission {
  jobId: string;
  state: JobState | 'unknown';
  /** False when the same content was submitted before: nothing new was queued. */
  created: boolean;
  /** The earlier job had failed and was queued again. */
  retried: boolean;
}

const REDIS_TIMEOUT_MS = 3000;

/** Queue access for producers (API, seeds): submit, look up, list. */
@Injectable()
export class IngestionJobs {
  private readonly logger = new Logger('ingestion');

  constructor(
    @InjectQueue(INGESTION_QUEUE) private readonly queue: Queue<IngestionJobData, IngestionJobResult>,
    @Optional() @Inject(INGESTION_JOB_OPTIONS) private readonly jobOptions: JobsOptions = DEFAULT_INGESTION_JOB_OPTIONS,
  ) {
    // Without a listener an 'error' (Redis away) would be thrown; callers see 503s instead, and the log one line a minute.
    let last = 0;
    queue.on('error', (error: Error) => {
      if (Date.now() - last < 60_000) return;
      last = Date.now();
      this.logger.warn(`ingestion queue: ${error.message}`);
    });
  }

  /**
   * Queues a payload under the id its content hash gives. The same content
   * again finds the first job (BullMQ ignores an add with a known id); if that
   * job failed, it is retried, e.g. after the missing metric was registered.
   */
  async submit(payload: IngestionPayload, options: { lines?: number[]; submittedBy: IngestionJobData['submittedBy'] }): Promise<Submission> {
    const hash = payloadHash(payload);
    const jobId = ingestionJobId(payload.kind, hash);
    const existing = await this.redis(this.queue.getJob(jobId));
    if (existing) {
      const state = await this.redis(existing.getState());
      if (state !== 'failed') return { jobId, state, created: false, retried: false };
      await this.redis(existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }));
      return { jobId, state: await this.redis(this.queue.getJobState(jobId)), created: false, retried: true };
    }
    const data: IngestionJobData = {
      payload,
      hash,
      ...(options.lines ? { lines: options.lines } : {}),
      submittedBy: options.submittedBy,
      submittedAt: new Date().toISOString(),
    };
    await this.redis(this.queue.add(jobNameOf(payload.kind), data, { ...this.jobOptions, jobId }));
    return { jobId, state: await this.redis(this.queue.getJobState(jobId)), created: true, retried: false };
  }

  async find(jobId: string): Promise<IngestionJobView | null> {
    if (!isIngestionJobId(jobId)) return null;
    // State first: a job read before it finished could otherwise show "completed" without its result.
    const state = await this.redis(this.queue.getJobState(jobId));
    const job = await this.redis(this.queue.getJob(jobId));
    return job ? ingestionJobView(job, state) : null;
  }

  /** Newest submission first, over the given states. */
  async list(states: readonly ListableState[], offset: number, limit: number): Promise<{ items: IngestionJobView[]; total: number }> {
    const [perState, counts] = await Promise.all([
      Promise.all(
        states.map(async (state) =>
          (await this.redis(this.queue.getJobs([state], 0, offset + limit - 1, false))).filter(Boolean).map((job) => ({ job, state })),
        ),
      ),
      this.redis(this.queue.getJobCounts(...states)),
    ]);
    const page = perState
      .flat()
      .sort((a, b) => b.job.timestamp - a.job.timestamp)
      .slice(offset, offset + limit);
    return { items: page.map(({ job, state }) => ingestionJobView(job, state)), total: states.reduce((n, s) => n + (counts[s] ?? 0), 0) };
  }

  /** Bounds every Redis call: with Redis away the caller gets a 503 instead of a hung request. */
  private async redis<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(queueUnavailable()), REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      throw error instanceof DomainError ? error : queueUnavailable((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}

export const queueUnavailable = (cause?: string) =>
  new DomainError(
    IngestionErrorCodes.queueUnavailable,
    'unavailable',
    'The ingestion queue (Redis) is unavailable; the rest of the API keeps working. Retry later.',
    cause ? { cause } : {},
  );
